/* Ordering questions: a list the learner reorders with "up" and "down" buttons
 * (the keyboard's way; focus follows the moved item) or by dragging with a mouse
 * or a finger. */
"use strict";
var QZ = window.QZ || (window.QZ = {});

QZ.ordering = function (q, uid) {
  var h = QZ.h;
  var list = h("ol", { class: "order-list", id: uid + "-list" });
  var dragged = null;

  function row(text) {
    var li = h("li", { class: "order-item", draggable: "true" },
      h("span", { class: "order-text" }, text),
      h("span", { class: "order-buttons" },
        h("button", { type: "button", class: "small", "data-move": "-1",
          "aria-label": "Move up: " + text }, "↑"),
        h("button", { type: "button", class: "small", "data-move": "1",
          "aria-label": "Move down: " + text }, "↓")));
    li.dataset.text = text;
    li.addEventListener("dragstart", function (e) {
      dragged = li;
      li.classList.add("dragging");
      e.dataTransfer.effectAllowed = "move";
      e.dataTransfer.setData("text/plain", text);
    });
    li.addEventListener("dragend", function () {
      li.classList.remove("dragging");
      dragged = null;
      refresh();
    });
    li.addEventListener("dragover", function (e) {
      if (!dragged || dragged === li) return;
      e.preventDefault();
      var box = li.getBoundingClientRect();
      var after = e.clientY > box.top + box.height / 2;
      list.insertBefore(dragged, after ? li.nextSibling : li);
    });
    return li;
  }
  QZ.shuffleAway(q.items).forEach(function (text) { list.appendChild(row(text)); });

  function refresh() {
    var items = list.children;
    for (var i = 0; i < items.length; i++) {
      items[i].querySelector("[data-move='-1']").disabled = i === 0;
      items[i].querySelector("[data-move='1']").disabled = i === items.length - 1;
    }
  }
  list.addEventListener("click", function (e) {
    var button = e.target.closest("button[data-move]");
    if (!button || button.disabled) return;
    var li = button.closest("li");
    var step = Number(button.dataset.move);
    var other = step < 0 ? li.previousElementSibling : li.nextElementSibling;
    if (!other) return;
    list.insertBefore(li, step < 0 ? other : other.nextSibling);
    refresh();
    var again = li.querySelector("[data-move='" + step + "']");
    (again.disabled ? li.querySelector("[data-move='" + -step + "']") : again).focus();
    var position = Array.prototype.indexOf.call(list.children, li) + 1;
    QZ.announce(li.dataset.text + ": position " + position + " of " + list.children.length);
  });
  refresh();

  var head = QZ.promptFor(uid, q.prompt);
  var el = h("fieldset", { class: "answer", "aria-labelledby": head.labelledby }, head.el,
    h("p", { class: "hint", id: uid + "-hint" },
      "Put the items in order: drag them, or use the ↑ and ↓ buttons."), list);
  return { el: el, check: function (later) {
    var correct = true;
    Array.prototype.forEach.call(list.children, function (li, i) {
      var ok = li.dataset.text === q.items[i];
      if (!ok) correct = false;
      later(function () { li.classList.add(ok ? "is-right" : "is-wrong"); });
      li.draggable = false;
    });
    return { correct: correct, expected: q.items.map(function (t, i) {
      return (i + 1) + ". " + t;
    }) };
  } };
};
