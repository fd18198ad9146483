/* Search worker: Material's own worker, plus tolerance for typing mistakes.

   overrides/main.html points Material at this file, with Material's worker
   (whatever its hashed name) after the '#': search-fuzzy.js#search.<hash>.min.js.
   This file loads that worker unchanged and only rewrites the query text on its
   way in: a word that no indexed word starts with ("scalabilty", "djnago") is
   replaced by the closest indexed word, one or two edits away (insert, delete,
   substitute, or swap two neighbouring letters). Everything after that (the
   wildcard, ranking, highlighting, suggestions) is Material's own.
   Nothing is fetched from another host: the worker and this file are both
   served from the site. Plain ES2017, no dependencies. */
"use strict";

var QUERY = 2; // Material's SearchMessageType: SETUP 0, READY 1, QUERY 2, RESULT 3
var vocabulary = null; // [{word, docs}], most frequent first

/* Optimal string alignment distance, stopping early past `limit`. */
function distance(a, b, limit) {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  var before = null;
  var previous = [];
  var j;
  for (j = 0; j <= b.length; j++) previous.push(j);
  for (var i = 1; i <= a.length; i++) {
    var current = [i];
    var best = i;
    for (j = 1; j <= b.length; j++) {
      var cost = a[i - 1] === b[j - 1] ? 0 : 1;
      var value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, before[j - 2] + 1);
      }
      current.push(value);
      if (value < best) best = value;
    }
    if (best > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length];
}

/* The words of the built index, without the punctuation the tokenizer keeps. */
function learn(index) {
  var counts = {};
  Object.keys(index.invertedIndex).forEach(function (token) {
    var word = token.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
    if (word.length < 3) return;
    var posting = index.invertedIndex[token];
    var docs = 0;
    Object.keys(posting).forEach(function (field) {
      if (field !== "_index") docs += Object.keys(posting[field]).length;
    });
    counts[word] = (counts[word] || 0) + docs;
  });
  vocabulary = Object.keys(counts).map(function (word) {
    return { word: word, docs: counts[word] };
  }).sort(function (a, b) { return b.docs - a.docs || (a.word < b.word ? -1 : 1); });
}

/* The indexed word closest to `word`, or null when it is found as it is. */
function correction(word) {
  var limit = word.length >= 6 ? 2 : 1;
  var best = null;
  var bestDistance = limit + 1;
  for (var k = 0; k < vocabulary.length; k++) {
    var known = vocabulary[k].word;
    if (known.lastIndexOf(word, 0) === 0) return null; // Material matches prefixes
    var d = distance(word, known, Math.min(limit, bestDistance - 1));
    if (d < bestDistance) { // ties: the more frequent word, listed first, wins
      best = known;
      bestDistance = d;
    }
  }
  return best;
}

/* Rewrite each plain word of four letters or more that the index lacks. */
function correct(query) {
  if (!vocabulary) return query;
  return query.split(/(\s+)/).map(function (part) {
    if (!/^[\p{L}\p{N}]{4,}$/u.test(part)) return part; // modifiers, quotes, short words
    return correction(part.toLowerCase()) || part;
  }).join("");
}

/* Registered before Material's worker, so this listener sees each message
   first and can rewrite the query before Material's handler reads it. */
addEventListener("message", function (event) {
  var message = event.data;
  if (message && message.type === QUERY && typeof message.data === "string") {
    message.data = correct(message.data);
  }
});

importScripts(decodeURIComponent(location.hash.slice(1)) || "search.js");

/* Material builds its lunr index when the SETUP message arrives: learn its
   words as soon as it is built. */
(function () {
  var build = self.lunr.Builder.prototype.build;
  self.lunr.Builder.prototype.build = function () {
    var index = build.apply(this, arguments);
    learn(index);
    return index;
  };
})();

if (typeof module !== "undefined") {
  module.exports = { distance: distance, correct: correct, learn: learn };
}
