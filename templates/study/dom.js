/* Small helpers: building elements (text is always set as text, never parsed as
 * HTML), shuffling, comparing typed answers, announcing to screen readers. */
"use strict";
var QZ = window.QZ || (window.QZ = {});

/* h("p", {class: "x", onclick: f}, "text", child, [more]) */
QZ.h = function (tag, attrs) {
  var el = document.createElement(tag);
  Object.keys(attrs || {}).forEach(function (name) {
    var value = attrs[name];
    if (value === null || value === undefined || value === false) return;
    if (name.slice(0, 2) === "on") el.addEventListener(name.slice(2), value);
    else if (name === "text") el.textContent = value;
    else el.setAttribute(name, value === true ? "" : String(value));
  });
  QZ.append(el, Array.prototype.slice.call(arguments, 2));
  return el;
};
QZ.append = function (el, children) {
  children.forEach(function (child) {
    if (child === null || child === undefined || child === false) return;
    if (Array.isArray(child)) QZ.append(el, child);
    /* {html: ...}: a Markdown bank's field, rendered by quizgen at build time from
     * escaped text (raw HTML in a bank is never HTML) and MathML; in a <div> when it
     * holds blocks (paragraphs, a list, code), else in a <span>. */
    else if (QZ.isRich(child)) {
      var span = document.createElement(QZ.isBlock(child) ? "div" : "span");
      span.className = "rich";
      span.innerHTML = child.html;
      el.appendChild(span);
    }
    else el.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  });
  return el;
};
QZ.isRich = function (value) {
  return typeof value === "object" && value !== null && !(value instanceof Node) &&
    !Array.isArray(value) && "html" in value;
};
QZ.isBlock = function (value) {
  return QZ.isRich(value) && /<(p|ul|ol|pre|blockquote|h[1-6]|hr|table)[\s>]/.test(value.html);
};
/* A question's prompt heading its controls: in a <legend> (a group of choices) or a
 * <label for> (one field). A prompt of blocks cannot go there, as both take phrasing
 * content only: it goes in a <div class="prompt"> that names the group or the field
 * (aria-labelledby) instead. Returns the element and the attributes for the named. */
QZ.promptFor = function (uid, prompt, fieldId) {
  if (!QZ.isBlock(prompt)) {
    return { el: fieldId ? QZ.h("label", { for: fieldId, class: "prompt" }, prompt)
      : QZ.h("legend", { class: "prompt" }, prompt), labelledby: null };
  }
  var id = uid + "-prompt";
  return { el: QZ.h("div", { class: "prompt", id: id }, prompt), labelledby: id };
};
QZ.clear = function (el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
};

/* A new array in random order (Fisher-Yates); a fresh order on each attempt. */
QZ.shuffle = function (items) {
  var out = items.slice();
  for (var i = out.length - 1; i > 0; i--) {
    var j = Math.floor(Math.random() * (i + 1));
    var t = out[i]; out[i] = out[j]; out[j] = t;
  }
  return out;
};
/* Shuffled, but never in the given order when there is another (ordering items). */
QZ.shuffleAway = function (items) {
  var out = QZ.shuffle(items);
  var same = function () { return out.every(function (x, i) { return x === items[i]; }); };
  if (items.length > 1 && same()) out.push(out.shift());
  return out;
};

/* A typed answer as compared: case, spacing and punctuation ignored. */
QZ.answerKey = function (text) {
  return String(text).normalize("NFKC").toLowerCase().replace(/[\p{P}\p{S}\s]+/gu, "");
};
QZ.sameAnswer = function (typed, accepted) {
  var key = QZ.answerKey(typed);
  return key !== "" && accepted.some(function (a) { return QZ.answerKey(a) === key; });
};

/* Read a message to screen readers without moving focus. */
QZ.announce = function (message) {
  var live = document.getElementById("announcer");
  live.textContent = "";
  window.setTimeout(function () { live.textContent = message; }, 30);
};

QZ.plural = function (n, word, many) {
  return n + " " + (n === 1 ? word : (many || word + "s"));
};
/* "in 5 minutes", "in 3 days", "now" */
QZ.until = function (ms) {
  var minutes = Math.round(ms / 60000);
  if (minutes <= 0) return "now";
  if (minutes < 60) return "in " + QZ.plural(minutes, "minute");
  var hours = Math.round(minutes / 60);
  if (hours < 24) return "in " + QZ.plural(hours, "hour");
  var days = Math.round(hours / 24);
  if (days < 60) return "in " + QZ.plural(days, "day");
  var months = Math.round(days / 30.4);
  if (months < 24) return "in " + QZ.plural(months, "month");
  return "in " + QZ.plural(Math.round(days / 365), "year");
};
QZ.percent = function (right, total) {
  return total ? Math.round(100 * right / total) + "%" : "–";
};
