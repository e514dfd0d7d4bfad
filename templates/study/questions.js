/* One renderer per question type. Each builds the answering controls (real form
 * controls, so the keyboard and screen readers work as they do everywhere) in a
 * fresh random order, and returns check(later): {correct, expected, pending, score}.
 * check marks nothing itself: it hands each right/wrong mark to later(), so that a
 * test can keep the marks until its end (result.reveal() shows them). */
"use strict";
var QZ = window.QZ || (window.QZ = {});

(function () {
  var h = QZ.h;

  /* A mark in the space each choice keeps for it, so marking moves nothing. */
  function tag(symbol, words, kind) {
    return h("span", { class: "tag tag-" + kind }, h("span", { "aria-hidden": "true" }, symbol),
      h("span", { class: "visually-hidden" }, " (" + words + ")"));
  }
  function mark(el, right, chosen) {
    if (right && chosen) { el.classList.add("is-right"); el.appendChild(tag("✓", "right", "right")); }
    else if (right) { el.classList.add("is-missed"); el.appendChild(tag("✓", "the answer", "missed")); }
    else if (chosen) { el.classList.add("is-wrong"); el.appendChild(tag("✗", "your choice, wrong", "wrong")); }
  }
  function disable(root) {
    root.querySelectorAll("input, select, textarea, button").forEach(function (c) {
      c.disabled = true;
    });
  }

  /* mcq, multi and truefalse: a list of radio buttons or checkboxes. */
  function choiceList(uid, prompt, options, multiple) {
    var type = multiple ? "checkbox" : "radio";
    var rows = options.map(function (o, i) {
      var id = uid + "-c" + i;
      var input = h("input", { type: type, id: id, name: uid, value: String(o.value) });
      return { option: o, input: input,
        row: h("li", { class: "choice" }, input, h("label", { for: id }, o.text)) };
    });
    var head = QZ.promptFor(uid, prompt);
    var fieldset = h("fieldset", { class: "answer", "aria-labelledby": head.labelledby }, head.el,
      multiple ? h("p", { class: "hint" }, "Select all that apply.") : null,
      h("ul", { class: "choices", role: "list" }, rows.map(function (r) { return r.row; })));
    return { el: fieldset, rows: rows };
  }
  function checkChoices(list, isRight, later) {
    var correct = true, expected = [];
    list.rows.forEach(function (r) {
      var right = isRight(r.option.value), chosen = r.input.checked;
      if (right !== chosen) correct = false;
      if (right) expected.push(r.option.text);
      later(function () { mark(r.row.querySelector("label"), right, chosen); });
    });
    return { correct: correct, expected: expected };
  }

  function mcq(q, uid) {
    var list = choiceList(uid, q.prompt, QZ.shuffle(q.choices.map(function (c, i) {
      return { value: i, text: c };
    })), false);
    return { el: list.el, check: function (later) {
      return checkChoices(list, function (v) { return v === q.answer; }, later);
    } };
  }
  function multi(q, uid) {
    var list = choiceList(uid, q.prompt, QZ.shuffle(q.choices.map(function (c, i) {
      return { value: i, text: c };
    })), true);
    return { el: list.el, check: function (later) {
      return checkChoices(list, function (v) { return q.answers.indexOf(v) >= 0; }, later);
    } };
  }
  function truefalse(q, uid) {
    var list = choiceList(uid, q.prompt, [{ value: true, text: "True" },
      { value: false, text: "False" }], false);
    return { el: list.el, check: function (later) {
      return checkChoices(list, function (v) { return v === q.answer; }, later);
    } };
  }

  function short(q, uid) {
    var head = QZ.promptFor(uid, q.prompt, uid + "-a");
    var input = h("input", { type: "text", id: uid + "-a", autocomplete: "off",
      autocapitalize: "off", spellcheck: "false", class: "typed",
      "aria-labelledby": head.labelledby });
    var el = h("div", { class: "answer" }, head.el, input);
    return { el: el, check: function (later) {
      var correct = QZ.sameAnswer(input.value, [q.answer].concat(q.accept));
      later(function () { input.classList.add(correct ? "is-right" : "is-wrong"); });
      var keys = [QZ.answerKey(q.answer)];
      var others = q.accept.filter(function (a) {  /* each different answer once */
        var key = QZ.answerKey(a);
        if (keys.indexOf(key) >= 0) return false;
        keys.push(key);
        return true;
      });
      var also = others.length ? " (also accepted: " + others.join("; ") + ")" : "";
      return { correct: correct, expected: [q.answer + also] };
    } };
  }

  function cloze(q, uid) {
    var blanks = [];
    var text = h("p", { class: "cloze-text" }, q.parts.map(function (part) {
      if (typeof part === "string" || QZ.isRich(part)) return part;  /* the text */
      var n = blanks.length + 1;
      var input = h("input", { type: "text", class: "blank", autocomplete: "off",
        autocapitalize: "off", spellcheck: "false",
        "aria-label": "Blank " + n + (part.hint ? " (hint: " + part.hint + ")" : ""),
        placeholder: part.hint || "", size: Math.max(6, part.answer.length + 2) });
      blanks.push({ part: part, input: input });
      return input;
    }));
    var head = QZ.promptFor(uid, q.prompt);
    var el = h("fieldset", { class: "answer", "aria-labelledby": head.labelledby }, head.el, text);
    return { el: el, check: function (later) {
      var correct = true;
      blanks.forEach(function (b) {
        var ok = QZ.sameAnswer(b.input.value, [b.part.answer]);
        if (!ok) correct = false;
        later(function () { b.input.classList.add(ok ? "is-right" : "is-wrong"); });
      });
      return { correct: correct, expected: blanks.map(function (b, i) {
        return "Blank " + (i + 1) + ": " + b.part.answer;
      }) };
    } };
  }

  function match(q, uid) {
    var rights = QZ.shuffle(q.pairs.map(function (p) { return p[1]; }));
    var rows = QZ.shuffle(q.pairs).map(function (pair, i) {
      var id = uid + "-m" + i;
      var select = h("select", { id: id },
        h("option", { value: "" }, "Choose…"),
        rights.map(function (r) { return h("option", { value: r }, r); }));
      return { pair: pair, select: select, row: h("li", { class: "match-row" },
        h("label", { for: id }, pair[0]), select) };
    });
    var head = QZ.promptFor(uid, q.prompt);
    var el = h("fieldset", { class: "answer", "aria-labelledby": head.labelledby }, head.el,
      h("p", { class: "hint" }, "Choose the item that goes with each one."),
      h("ul", { class: "matches", role: "list" }, rows.map(function (r) { return r.row; })));
    return { el: el, check: function (later) {
      var correct = true;
      rows.forEach(function (r) {
        var ok = r.select.value === r.pair[1];
        if (!ok) correct = false;
        later(function () { r.select.classList.add(ok ? "is-right" : "is-wrong"); });
      });
      return { correct: correct, expected: q.pairs.map(function (p) {
        return [p[0], " → " + p[1]];
      }) };
    } };
  }

  function essay(q, uid) {
    var head = QZ.promptFor(uid, q.prompt, uid + "-a");
    var area = h("textarea", { id: uid + "-a", rows: 6, class: "typed",
      "aria-labelledby": head.labelledby });
    var rubric = h("fieldset", { class: "rubric", hidden: true },
      h("legend", {}, "Tick what your answer covered"),
      h("ul", { role: "list" }, q.rubric.map(function (item, i) {
        var id = uid + "-r" + i;
        return h("li", { class: "choice" }, h("input", { type: "checkbox", id: id }),
          h("label", { for: id }, item));
      })));
    var model = h("div", { class: "model", hidden: true },
      h("h4", {}, "Model answer"), h(QZ.isBlock(q.answer) ? "div" : "p", {}, q.answer));
    var el = h("div", { class: "answer" }, head.el, area, model, rubric);
    var shown = false;
    return { el: el, check: function () {
      if (!shown) {
        shown = true;
        area.readOnly = true;
        model.hidden = false;
        rubric.hidden = q.rubric.length === 0;
        return { pending: true, focus: q.rubric.length ? rubric.querySelector("input") : null };
      }
      return essayMark(q, area, rubric);
    } };
  }

  /* The learner's own marking against the rubric: each ticked criterion earns its
   * points (a weighted rubric's, else an equal share); the score is the fraction
   * earned, right only with every point, partly right with some. */
  function essayMark(q, area, rubric) {
    var boxes = Array.prototype.slice.call(rubric.querySelectorAll("input"));
    if (!boxes.length) {
      var written = area.value.trim() !== "";
      return { correct: written, expected: [q.answer], score: written ? 1 : 0, note: "" };
    }
    var weights = q.rubricPoints || boxes.map(function () { return 1; });
    var total = 0, earned = 0, ticked = 0;
    boxes.forEach(function (b, i) {
      total += weights[i];
      if (b.checked) { earned += weights[i]; ticked += 1; }
    });
    return { correct: earned === total, expected: [q.answer], score: earned / total,
      partly: q.rubricPoints ? earned + " of " + QZ.plural(total, "point")
        : ticked + " of " + boxes.length + " rubric items",
      note: "You covered " + ticked + " of " + QZ.plural(boxes.length, "rubric item") + "." };
  }

  QZ.renderQuestion = function (q, uid) {
    var view;
    switch (q.type) {
      case "mcq": view = mcq(q, uid); break;
      case "multi": view = multi(q, uid); break;
      case "truefalse": view = truefalse(q, uid); break;
      case "short": view = short(q, uid); break;
      case "cloze": view = cloze(q, uid); break;
      case "match": view = match(q, uid); break;
      case "order": view = QZ.ordering(q, uid); break;
      case "essay": view = essay(q, uid); break;
      default: throw new Error("unknown question type " + q.type);
    }
    var check = view.check;
    /* show false (a test): the marks wait for result.reveal(). */
    view.check = function (show) {
      var marks = [];
      var result = check(function (mark) { marks.push(mark); });
      if (result.pending) return result;
      disable(view.el);
      if (result.score === undefined) result.score = result.correct ? 1 : 0;
      result.reveal = function () {
        marks.forEach(function (m) { m(); });
        marks = [];
      };
      if (show !== false) result.reveal();
      return result;
    };
    return view;
  };
})();
