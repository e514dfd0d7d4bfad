/* A run of questions in one mode. Practise shows feedback after each answer;
 * Review shows it and asks how well the learner knew it (FSRS rating); Test records
 * each answer and keeps every mark for the end: the score, then each question again
 * with the learner's answer marked, its feedback and its passage. */
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

  /* An answer's verdict: right (every point), partly right (an essay with some of
   * its rubric's points) or not. */
  function verdict(result) {
    if (result.score >= 1) return { kind: "is-right", text: "✓ Right" };
    if (result.score > 0) return { kind: "is-partly", text: "◐ Partly right: " + result.partly };
    return { kind: "is-wrong", text: "✗ Not quite" };
  }
  /* The rating a review suggests: Good for full marks, Hard for half or more of an
   * essay's points, Again for less. The learner may choose another. */
  QZ.suggestedRating = function (score) {
    return score >= 1 ? 3 : score >= 0.5 ? 2 : 1;
  };
  /* 2.5 as "2.5", 2 as "2", 0.6666 as "0.67". */
  QZ.number = function (x) {
    return String(Math.round(x * 100) / 100);
  };

  function feedback(q, result, app, heading) {
    var id = "fb-" + (++counter);
    var said = verdict(result);
    var expected = result.expected.length > 1
      ? h("ul", {}, result.expected.map(function (t) { return h("li", {}, t); }))
      : QZ.isBlock(result.expected[0]) ? h("div", {}, result.expected[0])
        : h("span", {}, " ", result.expected[0]);
    return h("section", { class: "feedback " + said.kind, "aria-labelledby": id, tabindex: "-1" },
      h(heading || "h3", { id: id }, said.text),
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
        var result = view.check(mode !== "test");
        if (result.pending) {
          submit.textContent = "Mark my answer";
          if (result.focus) result.focus.focus();
          return;
        }
        form.dataset.done = "1";
        results.push({ question: q, result: result, view: view, number: index + 1 });
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
      if (mode === "test") {  /* no mark until the end */
        app.store.record(q, result.score, null);
        actions.appendChild(h("p", { class: "hint recorded", role: "status" },
          "Answer recorded. You see how you did at the end."));
        actions.appendChild(nextButton);
        nextButton.focus();
        QZ.announce("Answer recorded.");
        return;
      }
      result.reveal();
      var box = feedback(q, result, app);
      slot.appendChild(box);
      if (mode === "review") {
        slot.appendChild(ratingButtons(q, app, function (card) {
          app.store.record(q, result.score, card);
          next();
        }, QZ.suggestedRating(result.score)));
      } else {
        app.store.record(q, result.score, null);
        slot.appendChild(h("div", { class: "actions" }, nextButton));
      }
      box.focus();
    }

    /* The test's questions again, each with the answer given, now marked, and its
     * feedback and passage. */
    function testReview() {
      return h("ol", { class: "test-review", role: "list" }, results.map(function (r) {
        var q = r.question;
        r.result.reveal();
        return h("li", { class: "reviewed", "data-question": q.id },
          h("p", { class: "meta" }, "Question " + r.number + " · " + app.bankTitle(q.bank) +
            " · " + app.typeLabel(q.type)),
          r.view.el, feedback(q, r.result, app, "h4"));
      }));
    }

    function finish() {
      var scored = 0, right = 0, partly = 0;
      results.forEach(function (r) {
        scored += r.result.score;
        if (r.result.score >= 1) right += 1;
        else if (r.result.score > 0) partly += 1;
      });
      var heading = h("h3", { tabindex: "-1" }, mode === "test"
        ? "Your score: " + QZ.number(scored) + " of " + results.length + " (" +
          QZ.percent(scored, results.length) + ")"
        : "Done: " + right + " of " + QZ.plural(results.length, "answer") + " right" +
          (partly ? ", " + partly + " partly right" : ""));
      var body = [heading];
      if (mode === "test") {
        body.push(h("p", { class: "hint" }, "Each question with your answer marked, the answer " +
          "and the passage to read again." +
          (partly ? " A partly right essay counts its share of the points." : "")),
          testReview());
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
