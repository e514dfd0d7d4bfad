/* The progress view: what has been seen, what is due, accuracy by bank (and by
 * level, where the questions have levels), questions changed since last seen. */
"use strict";
var QZ = window.QZ || (window.QZ = {});

QZ.progressView = function (container, app) {
  var h = QZ.h;
  var entries = app.store.all();
  var now = Date.now();
  var seen = 0, due = 0, scheduled = 0, changed = [], nextDue = null;
  app.questions.forEach(function (q) {
    var e = entries[q.id];
    if (!e) return;
    if (e.seen) seen += 1;
    if (e.changed) changed.push(q);
    if (e.card) {
      scheduled += 1;
      if (e.card.due <= now) due += 1;
      else if (nextDue === null || e.card.due < nextDue) nextDue = e.card.due;
    }
  });

  function table(caption, groups, label) {
    /* Focusable, so that a keyboard can scroll it on a narrow screen. */
    return h("div", { class: "card table-wrap", tabindex: "0", role: "region",
      "aria-label": caption }, h("table", {}, h("caption", {}, caption),
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, label),
        h("th", { scope: "col" }, "Seen"),
        h("th", { scope: "col" }, "Answers"), h("th", { scope: "col" }, "Right"))),
      h("tbody", {}, groups.map(function (g) {
        var qs = app.questions.filter(g.test);
        var seenHere = 0, answers = 0, right = 0;
        qs.forEach(function (q) {
          var e = entries[q.id];
          if (!e || !e.seen) return;
          seenHere += 1; answers += e.seen; right += e.right;
        });
        return h("tr", {}, h("th", { scope: "row" }, g.label),
          h("td", {}, seenHere + " / " + qs.length), h("td", {}, String(answers)),
          h("td", {}, QZ.percent(right, answers)));
      }))));
  }

  var total = app.questions.length;
  var parts = [h("div", { class: "card" }, h("dl", { class: "stats" },
    h("div", {}, h("dt", {}, "Seen"), h("dd", {}, seen + " of " + total)),
    h("div", {}, h("dt", {}, "Due for review now"), h("dd", { id: "stat-due" }, String(due))),
    h("div", {}, h("dt", {}, "In spaced review"), h("dd", {}, String(scheduled))),
    h("div", {}, h("dt", {}, "Next review"),
      h("dd", {}, nextDue === null ? "–" : QZ.until(nextDue - now)))),
    app.store.persistent() ? null : h("p", { class: "warning" },
      "This browser does not let the page keep data: save your progress to a file before you close it."))];
  parts.push(table("Accuracy by bank",
    app.data.banks.map(function (b) {
      return { label: b.title, test: function (q) { return q.bank === b.id; } };
    }), "Bank"));
  if (app.data.levels.length) {
    parts.push(table("Accuracy by level",
      app.data.levels.map(function (l) {
        return { label: l, test: function (q) { return q.level === l; } };
      }), "Level"));
  }
  if (changed.length) {
    parts.push(h("div", { class: "card" }, h("h3", {}, "Changed since you last saw them"),
      h("p", { class: "hint" }, "The teacher changed these questions; your progress on them is kept."),
      h("ul", { id: "changed-list" }, changed.map(function (q) {
        return h("li", { "data-question": q.id }, q.stem);
      })),
      h("button", { type: "button", onclick: function () { app.practiseList(changed, "changed questions"); } },
        "Practise the changed questions")));
  }
  QZ.append(QZ.clear(container), parts);
};
