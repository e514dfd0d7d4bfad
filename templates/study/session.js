/* A run of questions in one mode. Practise shows feedback after each answer;
 * Review shows it and asks how well the learner knew it (FSRS rating); Test keeps
 * it for the end: a score and what to read again. */
"use strict";
var QZ = window.QZ || (window.QZ = {});

(function () {
  var h = QZ.h;
  var RATINGS = [["Again", 1], ["Hard", 2], ["Good", 3], ["Easy", 4]];
  var counter = 0;

  QZ.sourceFigure = function (source, app) {
    var seed = app.seeds[source.seed];
    var where = seed ? [seed.author + ", ", h("cite", {}, seed.title)] : [source.seed];
    return h("figure", { class: "source" },
      h("blockquote", {}, h("p", {}, source.quote)),
      h("figcaption", {}, where, source.paragraph ? ", paragraph " + source.paragraph : ""),
      seed && source.paragraph ? h("button", { type: "button", class: "link read-context",
        onclick: function () { app.readInContext(source); } }, "Read in context") : null);
  };

  function feedback(q, result, app) {
    var id = "fb-" + (++counter);
    var expected = result.expected.length > 1
      ? h("ul", {}, result.expected.map(function (t) { return h("li", {}, t); }))
      : QZ.isBlock(result.expected[0]) ? h("div", {}, result.expected[0])
        : h("span", {}, " ", result.expected[0]);
    return h("section", { class: "feedback " + (result.correct ? "is-right" : "is-wrong"),
      "aria-labelledby": id, tabindex: "-1" },
      h("h3", { id: id }, result.correct ? "✓ Right" : "✗ Not quite"),
      result.note ? h("p", {}, result.note) : null,
      h("div", { class: "expected" }, h("strong", {},
        q.type === "essay" ? "Model answer:" : "The answer:"), expected),
      q.explanation ? h(QZ.isBlock(q.explanation) ? "div" : "p", { class: "explanation" },
        q.explanation) : null,
      q.sources.map(function (s) { return QZ.sourceFigure(s, app); }));
  }

  function ratingButtons(q, app, onRate, suggested) {
    var now = Date.now();
    var entry = app.store.get(q.id);
    var card = entry && entry.card ? entry.card : QZ.fsrs.newCard(now);
    var group = h("div", { class: "ratings", role: "group", "aria-label": "How well did you know it?" },
      RATINGS.map(function (r) {
        var next = QZ.fsrs.review(card, r[1], now);
        return h("button", { type: "button", class: r[1] === suggested ? "primary" : "",
          "data-rating": r[1], onclick: function () { onRate(QZ.fsrs.review(card, r[1], Date.now())); } },
          r[0], h("small", {}, QZ.until(next.due - now)));
      }));
    return h("div", { class: "rate" }, h("p", { class: "hint" },
      "How well did you know it? The next review is set by your answer."), group);
  }

  QZ.Session = function (container, questions, mode, app, onDone) {
    var index = 0, results = [];
    QZ.clear(container);
    container.hidden = false;

    function next() {
      index += 1;
      if (index < questions.length) show(); else finish();
    }

    function show() {
      var q = questions[index];
      var uid = "q" + (++counter);
      var view = QZ.renderQuestion(q, uid);
      var entry = app.store.get(q.id);
      var submit = h("button", { type: "submit", class: "primary" },
        q.type === "essay" ? "Show the model answer" : mode === "test" ? "Answer" : "Check");
      var actions = h("div", { class: "actions" }, submit);
      var form = h("form", { class: "question", novalidate: true }, view.el, actions);
      var slot = h("div", { class: "feedback-slot" });
      var card = h("article", { class: "card", "data-question": q.id, "data-type": q.type,
        "aria-label": "Question " + (index + 1) + " of " + questions.length },
        h("p", { class: "meta" }, "Question " + (index + 1) + " of " + questions.length + " · " +
          app.bankTitle(q.bank) + " · " + app.typeLabel(q.type),
          entry && entry.changed ? h("span", { class: "badge" }, "changed since you last saw it")
            : null),
        form, slot);
      QZ.clear(container).appendChild(card);
      form.addEventListener("submit", function (e) {
        e.preventDefault();
        if (form.dataset.done) return;
        var result = view.check();
        if (result.pending) {
          submit.textContent = "Mark my answer";
          if (result.focus) result.focus.focus();
          return;
        }
        form.dataset.done = "1";
        results.push({ question: q, correct: result.correct });
        answered(q, result, actions, slot);
      });
      var first = card.querySelector("input, select, textarea, button");
      if (first && app.focusQuestions) first.focus();
    }

    function answered(q, result, actions, slot) {
      var last = index + 1 >= questions.length;
      var nextButton = h("button", { type: "button", class: "primary next", onclick: next },
        last ? (mode === "test" ? "See your score" : "Finish") : "Next question");
      QZ.clear(actions);
      if (mode === "test") {
        app.store.record(q, result.correct, null);
        actions.appendChild(nextButton);
        nextButton.focus();
        return;
      }
      var box = feedback(q, result, app);
      slot.appendChild(box);
      if (mode === "review") {
        slot.appendChild(ratingButtons(q, app, function (card) {
          app.store.record(q, result.correct, card);
          next();
        }, result.correct ? 3 : 1));
      } else {
        app.store.record(q, result.correct, null);
        slot.appendChild(h("div", { class: "actions" }, nextButton));
      }
      box.focus();
    }

    function finish() {
      var right = results.filter(function (r) { return r.correct; }).length;
      var heading = h("h3", { tabindex: "-1" }, mode === "test"
        ? "Your score: " + right + " of " + results.length + " (" +
          QZ.percent(right, results.length) + ")"
        : "Done: " + right + " of " + QZ.plural(results.length, "answer") + " right");
      var body = [heading];
      var missed = results.filter(function (r) { return !r.correct; });
      if (mode === "test" && missed.length) {
        body.push(h("h4", {}, "What to read again"), h("ul", { class: "read-again" },
          missed.map(function (r) {
            var q = r.question;
            return h("li", {}, h("p", {}, q.stem),
              q.sources.map(function (s) { return QZ.sourceFigure(s, app); }));
          })));
      }
      body.push(h("div", { class: "actions" }, h("button", { type: "button", class: "primary",
        onclick: function () { container.hidden = true; onDone(); } }, "Back")));
      QZ.clear(container).appendChild(h("section", { class: "card summary" }, body));
      heading.focus();
      app.refresh();
    }

    show();
  };
})();
