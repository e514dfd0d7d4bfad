/* FSRS-6, the Free Spaced Repetition Scheduler, as the PyPI package `fsrs` 6.3.2
 * (py-fsrs) schedules cards, with its default parameters, desired retention 0.9,
 * learning steps 1 and 10 minutes, relearning step 10 minutes, a 36,500-day cap and
 * no fuzz (so a card's next date does not depend on chance). Times are
 * milliseconds since 1970 (UTC); the test suite replays random review sequences
 * here and through py-fsrs and compares every due date and stability. */
"use strict";
var QZ = window.QZ || (window.QZ = {});

QZ.fsrs = (function () {
  var W = [0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666,
    0.796, 1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542];
  var RETENTION = 0.9;
  var MINUTE = 60000;
  var DAY = 86400000;
  var LEARNING = [1 * MINUTE, 10 * MINUTE];
  var RELEARNING = [10 * MINUTE];
  var MAX_INTERVAL = 36500;
  var S_MIN = 0.001;
  var DECAY = -W[20];
  var FACTOR = Math.pow(0.9, 1 / DECAY) - 1;
  var STATE = { learning: 1, review: 2, relearning: 3 };
  var RATING = { again: 1, hard: 2, good: 3, easy: 4 };

  function exp(x) { return Math.pow(Math.E, x); }  /* as Python's math.e ** x */
  function clampD(d) { return Math.min(Math.max(d, 1), 10); }
  function clampS(s) { return Math.max(s, S_MIN); }
  /* Python's round(): halves go to the even neighbour. */
  function roundHalfEven(x) {
    var f = Math.floor(x), diff = x - f;
    if (diff > 0.5) return f + 1;
    if (diff < 0.5) return f;
    return f % 2 === 0 ? f : f + 1;
  }
  function wholeDays(ms) { return Math.floor(ms / DAY); }  /* timedelta.days */

  function initialStability(r) { return clampS(W[r - 1]); }
  function initialDifficulty(r, clamp) {
    var d = W[4] - exp(W[5] * (r - 1)) + 1;
    return clamp ? clampD(d) : d;
  }
  function nextInterval(s) {
    var days = roundHalfEven((s / FACTOR) * (Math.pow(RETENTION, 1 / DECAY) - 1));
    return Math.min(Math.max(days, 1), MAX_INTERVAL);
  }
  function shortTermStability(s, r) {
    var inc = exp(W[17] * (r - 3 + W[18])) * Math.pow(s, -W[19]);
    if (r >= RATING.hard) inc = Math.max(inc, 1);
    return clampS(s * inc);
  }
  function nextDifficulty(d, r) {
    var delta = -(W[6] * (r - 3));
    var damped = d + (10 - d) * delta / 9;
    return clampD(W[7] * initialDifficulty(RATING.easy, false) + (1 - W[7]) * damped);
  }
  function forgetStability(d, s, R) {
    var longTerm = W[11] * Math.pow(d, -W[12]) * (Math.pow(s + 1, W[13]) - 1) *
      exp((1 - R) * W[14]);
    return Math.min(longTerm, s / exp(W[17] * W[18]));
  }
  function recallStability(d, s, R, r) {
    var hard = r === RATING.hard ? W[15] : 1;
    var easy = r === RATING.easy ? W[16] : 1;
    return s * (1 + exp(W[8]) * (11 - d) * Math.pow(s, -W[9]) *
      (exp((1 - R) * W[10]) - 1) * hard * easy);
  }
  function retrievability(card, now) {
    if (card.last === null || card.stability === null) return 0;
    var elapsed = Math.max(0, wholeDays(now - card.last));
    return Math.pow(1 + FACTOR * elapsed / card.stability, DECAY);
  }
  function nextStability(card, r, now) {
    var R = retrievability(card, now);
    var s = r === RATING.again ? forgetStability(card.difficulty, card.stability, R)
      : recallStability(card.difficulty, card.stability, R, r);
    return clampS(s);
  }

  function newCard(now) {
    return { state: STATE.learning, step: 0, stability: null, difficulty: null,
      due: now, last: null };
  }

  /* The steps of the Learning or Relearning state: where the card goes next. */
  function stepInterval(card, r, steps) {
    if (steps.length === 0 || (card.step >= steps.length && r >= RATING.hard)) {
      return graduate(card);
    }
    if (r === RATING.again) { card.step = 0; return steps[0]; }
    if (r === RATING.hard) {
      if (card.step === 0 && steps.length === 1) return steps[0] * 1.5;
      if (card.step === 0) return (steps[0] + steps[1]) / 2;
      return steps[card.step];
    }
    if (r === RATING.good && card.step + 1 < steps.length) {
      card.step += 1;
      return steps[card.step];
    }
    return graduate(card);
  }
  function graduate(card) {
    card.state = STATE.review;
    card.step = null;
    return nextInterval(card.stability) * DAY;
  }

  /* The card after a review with rating r (1 again, 2 hard, 3 good, 4 easy) at now. */
  function review(old, r, now) {
    var card = Object.assign({}, old);
    var sameDay = card.last !== null && wholeDays(now - card.last) < 1;
    var interval;
    if (card.state === STATE.review) {
      card.stability = sameDay ? shortTermStability(card.stability, r)
        : nextStability(card, r, now);
      card.difficulty = nextDifficulty(card.difficulty, r);
      if (r === RATING.again && RELEARNING.length > 0) {
        card.state = STATE.relearning;
        card.step = 0;
        interval = RELEARNING[0];
      } else {
        interval = nextInterval(card.stability) * DAY;
      }
    } else {
      if (card.stability === null || card.difficulty === null) {
        card.stability = initialStability(r);
        card.difficulty = initialDifficulty(r, true);
      } else {
        card.stability = sameDay ? shortTermStability(card.stability, r)
          : nextStability(card, r, now);
        card.difficulty = nextDifficulty(card.difficulty, r);
      }
      interval = stepInterval(card, r, card.state === STATE.learning ? LEARNING : RELEARNING);
    }
    card.due = now + interval;
    card.last = now;
    return card;
  }

  return { PARAMETERS: W.slice(), RETENTION: RETENTION, STATE: STATE, RATING: RATING,
    DAY: DAY, newCard: newCard, review: review, retrievability: retrievability };
})();
