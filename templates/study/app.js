/* The page: reads its data, wires the modes together, and marks itself ready
 * (data-ready on <html>, and a "quizgen-ready" performance mark). */
"use strict";
var QZ = window.QZ || (window.QZ = {});

(function () {
  var h = QZ.h;
  var data = JSON.parse(document.getElementById("quizgen-data").textContent);
  var app = { data: data, questions: data.questions, seeds: {}, banks: {}, types: {} };
  data.seeds.forEach(function (s) { app.seeds[s.id] = s; });
  data.banks.forEach(function (b) { app.banks[b.id] = b; });
  data.types.forEach(function (t) { app.types[t.id] = t.label; });
  app.store = QZ.Store(data.project);
  app.store.markChanged(data.questions);
  app.bankTitle = function (id) { return app.banks[id] ? app.banks[id].title : id; };
  app.typeLabel = function (id) { return app.types[id] || id; };
  app.focusQuestions = true;
  var current = "practise";

  function show(view) {
    current = view;
    document.querySelectorAll("[data-view]").forEach(function (b) {
      if (b.dataset.view === view) b.setAttribute("aria-current", "page");
      else b.removeAttribute("aria-current");
    });
    document.querySelectorAll(".view").forEach(function (v) {
      v.hidden = v.id !== "view-" + view;
    });
    if (view === "progress") QZ.progressView(document.getElementById("progress"), app);
    if (view === "review") reviewSummary();
    if (view === "read") reader.show(null, null);
  }
  document.querySelectorAll("[data-view]").forEach(function (b) {
    b.addEventListener("click", function () { show(b.dataset.view); });
  });

  /* A session in a mode's section; its choices come back at the end or on "Stop". */
  function start(mode, questions, label) {
    var choose = document.querySelector("#view-" + mode + " .choose");
    var session = document.getElementById(mode + "-session");
    choose.hidden = true;
    show(mode);
    var done = function () { session.hidden = true; choose.hidden = false; app.refresh(); };
    var body = h("div", {});
    QZ.clear(session).hidden = false;
    session.appendChild(h("div", { class: "session-bar" },
      h("span", {}, label + " · " + QZ.plural(questions.length, "question")),
      h("button", { type: "button", class: "small", onclick: done }, "Stop")));
    session.appendChild(body);
    QZ.Session(body, questions, mode, app, done);
  }

  /* Practise: the filters, each a field of the question (tag matches its children). */
  var practiseForm = document.getElementById("practise-form");
  function matching(form) {
    var fields = new FormData(form);
    return data.questions.filter(function (q) {
      var ok = true;
      fields.forEach(function (value, name) {
        if (!value || name === "count") return;
        if (name === "tag") {
          ok = ok && q.tags.some(function (t) { return t === value || t.indexOf(value + "::") === 0; });
        } else {
          ok = ok && String(q[name]) === value;
        }
      });
      return ok;
    });
  }
  function practiseCount() {
    document.getElementById("practise-count").textContent =
      QZ.plural(matching(practiseForm).length, "question") + " match";
  }
  practiseForm.addEventListener("change", practiseCount);
  practiseForm.addEventListener("submit", function (e) {
    e.preventDefault();
    var chosen = matching(practiseForm);
    if (chosen.length) start("practise", QZ.shuffle(chosen), "Practise");
  });
  app.practiseList = function (questions, label) {
    start("practise", QZ.shuffle(questions), "Practise: " + label);
  };

  /* Review: what FSRS says is due, then up to 10 new questions. */
  var NEW_PER_SESSION = 10;
  function reviewQueue() {
    var now = Date.now(), due = [], fresh = [];
    data.questions.forEach(function (q) {
      var e = app.store.get(q.id);
      if (e && e.card) { if (e.card.due <= now) due.push({ q: q, due: e.card.due }); }
      else fresh.push(q);
    });
    due.sort(function (a, b) { return a.due - b.due; });
    return { due: due.map(function (d) { return d.q; }), fresh: fresh.slice(0, NEW_PER_SESSION),
      freshTotal: fresh.length };
  }
  function reviewSummary() {
    var queue = reviewQueue();
    document.getElementById("review-summary").textContent = QZ.plural(queue.due.length, "question") +
      " due, " + queue.freshTotal + " not yet reviewed" +
      (queue.fresh.length ? " (this session adds " + queue.fresh.length + ")." : ".");
    document.getElementById("review-go").disabled = !queue.due.length && !queue.fresh.length;
  }
  document.getElementById("review-go").addEventListener("click", function () {
    var queue = reviewQueue();
    start("review", queue.due.concat(queue.fresh), "Review");
  });

  /* Test: N random questions of a bank or all. */
  var testForm = document.getElementById("test-form");
  testForm.addEventListener("submit", function (e) {
    e.preventDefault();
    var n = Math.max(1, Number(new FormData(testForm).get("count")) || 10);
    var chosen = QZ.shuffle(matching(testForm)).slice(0, n);
    if (chosen.length) start("test", chosen, "Test");
  });

  var reader = QZ.Reader(document.getElementById("reader"), app);
  app.readInContext = function (source) {
    var from = current;
    var scroll = window.scrollY;
    show("read");
    reader.show(source, function () {
      show(from);
      window.scrollTo(0, scroll);
      var fb = document.querySelector("#view-" + from + " .feedback");
      if (fb) fb.focus({ preventScroll: true });
    });
  };
  app.refresh = function () {
    practiseCount();
    if (current === "review") reviewSummary();
  };

  /* Moving progress: a JSON file out, and back in on another device. */
  var status = document.getElementById("transfer-status");
  document.getElementById("export-progress").addEventListener("click", function () {
    var blob = new Blob([JSON.stringify(app.store.exportFile(), null, 1)],
      { type: "application/json" });
    var link = h("a", { href: URL.createObjectURL(blob),
      download: "quizgen-progress-" + data.project + ".json" });
    document.body.appendChild(link);
    link.click();
    link.remove();
    status.textContent = "Saved. Keep the file, and load it on your other device.";
  });
  document.getElementById("import-progress").addEventListener("change", function (e) {
    var file = e.target.files[0];
    if (!file) return;
    file.text().then(function (text) {
      var taken = app.store.importFile(JSON.parse(text));
      app.store.markChanged(data.questions);
      status.textContent = "Loaded progress for " + QZ.plural(taken, "question") + ".";
      QZ.progressView(document.getElementById("progress"), app);
    }).catch(function (err) {
      status.textContent = "Could not load that file: " + err.message;
    }).then(function () { e.target.value = ""; });
  });

  practiseCount();
  QZ.app = app;
  document.documentElement.dataset.ready = "true";
  if (window.performance && performance.mark) performance.mark("quizgen-ready");
})();
