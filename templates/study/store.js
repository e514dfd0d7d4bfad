/* A learner's progress, kept in localStorage under keys namespaced by project and
 * question id ("quizgen:<project>:q:<id>"), so pages of other projects on the same
 * device never mix. An entry holds the counts of answers, the FSRS card, and the
 * content hash of the question as last answered: a rebuilt page whose question
 * changed marks it "changed" and keeps the rest. */
"use strict";
var QZ = window.QZ || (window.QZ = {});

QZ.Store = function (project) {
  var prefix = "quizgen:" + project + ":q:";
  var memory = {};
  var storage = null;
  try {
    storage = window.localStorage;
    storage.setItem("quizgen:probe", "1");
    storage.removeItem("quizgen:probe");
  } catch (e) {
    storage = null;  /* private mode or disabled storage: progress lasts for the visit */
  }

  function read(key) {
    var text = storage ? storage.getItem(key) : memory[key];
    if (!text) return null;
    try { return JSON.parse(text); } catch (e) { return null; }
  }
  function write(key, value) {
    var text = JSON.stringify(value);
    if (storage) {
      try { storage.setItem(key, text); return; } catch (e) { storage = null; }
    }
    memory[key] = text;
  }
  function keys() {
    var found = [];
    if (storage) {
      for (var i = 0; i < storage.length; i++) {
        var key = storage.key(i);
        if (key && key.indexOf(prefix) === 0) found.push(key);
      }
    } else {
      found = Object.keys(memory).filter(function (k) { return k.indexOf(prefix) === 0; });
    }
    return found;
  }

  var store = {
    persistent: function () { return storage !== null; },
    get: function (id) { return read(prefix + id); },
    put: function (id, entry) { write(prefix + id, entry); },
    /* Every stored entry of this project, by question id. */
    all: function () {
      var out = {};
      keys().forEach(function (key) {
        var entry = read(key);
        if (entry) out[key.slice(prefix.length)] = entry;
      });
      return out;
    },
    /* Record an answer scored 0 to 1 (a partly right essay counts its share of right
     * and wrong), and, in review, the FSRS card after it. */
    record: function (question, score, card) {
      var entry = store.get(question.id) || { seen: 0, right: 0, wrong: 0 };
      var share = Number(score);
      entry.seen += 1;
      entry.right += share;
      entry.wrong += 1 - share;
      entry.last = Date.now();
      entry.hash = question.hash;
      entry.changed = false;
      if (card) entry.card = card;
      store.put(question.id, entry);
      return entry;
    },
    /* Mark entries whose question's content changed since it was answered. */
    markChanged: function (questions) {
      var count = 0;
      questions.forEach(function (q) {
        var entry = store.get(q.id);
        if (entry && entry.hash && entry.hash !== q.hash && !entry.changed) {
          entry.changed = true;
          store.put(q.id, entry);
        }
        if (entry && entry.changed) count += 1;
      });
      return count;
    },
    exportFile: function () {
      return { format: "quizgen-progress", version: 1, project: project,
        exported: new Date().toISOString(), entries: store.all() };
    },
    /* Take the entries of an exported file; each replaces the stored one unless the
     * stored one was answered later. Returns how many were taken. */
    importFile: function (data) {
      if (!data || data.format !== "quizgen-progress" || typeof data.entries !== "object") {
        throw new Error("this is not a quizgen progress file");
      }
      if (data.project !== project) {
        throw new Error("this progress file belongs to another page (" + data.project + ")");
      }
      var taken = 0;
      Object.keys(data.entries).forEach(function (id) {
        var incoming = data.entries[id];
        var current = store.get(id);
        if (!incoming || typeof incoming.seen !== "number") return;
        if (current && (current.last || 0) > (incoming.last || 0)) return;
        store.put(id, incoming);
        taken += 1;
      });
      return taken;
    }
  };
  return store;
};
