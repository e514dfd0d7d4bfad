/* The essay reader: each essay in full, every paragraph numbered, with how many
 * questions cite it and a button to practise them; "read in context" opens it at a
 * paragraph with the quoted passage highlighted. */
"use strict";
var QZ = window.QZ || (window.QZ = {});

QZ.Reader = function (container, app) {
  var h = QZ.h;
  var current = null;
  var citing = {};  /* "seed:paragraph" -> [questions] */
  app.questions.forEach(function (q) {
    q.sources.forEach(function (s) {
      if (!s.paragraph) return;
      var key = s.seed + ":" + s.paragraph;
      (citing[key] = citing[key] || []);
      if (citing[key].indexOf(q) < 0) citing[key].push(q);
    });
  });

  var picker = h("div", { class: "essay-picker", role: "group", "aria-label": "Essays" },
    app.data.seeds.map(function (seed) {
      return h("button", { type: "button", "data-seed": seed.id, "aria-pressed": "false",
        onclick: function () { open(seed.id); } }, seed.author);
    }));
  var back = h("div", { class: "back-bar", hidden: true });
  var article = h("article", { class: "essay", "aria-live": "off" });
  container.appendChild(h("div", {}, back, picker, article));

  function paragraphText(p, text, spans) {
    QZ.clear(p);
    if (!spans) { p.textContent = text; return; }
    if (spans.length === 0) { p.appendChild(h("mark", {}, text)); return; }
    var at = 0;
    spans.forEach(function (span) {
      p.appendChild(document.createTextNode(text.slice(at, span[0])));
      p.appendChild(h("mark", {}, text.slice(span[0], span[1])));
      at = span[1];
    });
    p.appendChild(document.createTextNode(text.slice(at)));
  }

  function render(seed) {
    QZ.clear(article);
    article.appendChild(h("header", {}, h("h3", {}, seed.title),
      h("p", { class: "byline" }, seed.author + (seed.published ? " · " + seed.published : ""))));
    seed.paragraphs.forEach(function (text, i) {
      var n = i + 1;
      var qs = citing[seed.id + ":" + n] || [];
      var pid = "para-" + seed.id + "-" + n;
      var p = h("p", { id: pid, tabindex: "-1" }, text);
      article.appendChild(h("section", { class: "para", "aria-label": "Paragraph " + n },
        h("span", { class: "pnum", "aria-hidden": "true" }, String(n)), p,
        qs.length ? h("button", { type: "button", class: "small cited",
          "aria-label": "Practise the " + QZ.plural(qs.length, "question") +
            " on paragraph " + n,
          onclick: function () { app.practiseList(qs, "paragraph " + n + " of " + seed.author); }
        }, QZ.plural(qs.length, "question")) : null));
    });
  }

  function open(seedId) {
    if (current !== seedId) {
      current = seedId;
      render(app.seeds[seedId]);
    }
    picker.querySelectorAll("button").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.dataset.seed === seedId));
    });
  }

  return {
    /* Open an essay, at a paragraph with the quote marked, if given. */
    show: function (source, returnTo) {
      var seedId = source ? source.seed : current || app.data.seeds[0].id;
      if (!app.seeds[seedId]) return;
      open(seedId);
      article.querySelectorAll("p.highlighted").forEach(function (p) {
        p.classList.remove("highlighted");
        paragraphText(p, p.textContent, null);
      });
      QZ.clear(back).hidden = !returnTo;
      if (returnTo) {
        back.appendChild(h("button", { type: "button", class: "primary",
          onclick: returnTo }, "← Back to the question"));
      }
      if (!source || !source.paragraph) return;
      var p = document.getElementById("para-" + seedId + "-" + source.paragraph);
      p.classList.add("highlighted");
      paragraphText(p, app.seeds[seedId].paragraphs[source.paragraph - 1], source.spans || []);
      p.scrollIntoView({ block: "center" });
      p.focus({ preventScroll: true });
    }
  };
};
