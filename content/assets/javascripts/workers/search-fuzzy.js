/* Search worker: Material's own worker, with the query rewritten on its way in.

   overrides/main.html points Material at this file, with Material's worker
   (whatever its hashed name) after the '#': search-fuzzy.js#search.<hash>.min.js.
   This file loads that worker unchanged and rewrites each plain word of a query
   before Material reads it:

   - synonyms: a word or phrase of a group in data/search.yml (written into the
     index as config.synonyms) also searches for the group's other terms, at a
     lower weight than the words typed ("saas" finds "subscriptions");
   - short words (1-3 letters) match whole words only ("is" never finds
     "isinstance", "orm" not "format"); longer ones match as prefixes, plurals
     as their singular ("migrations" finds "migration");
   - a word of four letters or more that no indexed word starts with, and that
     no synonym knows, is replaced by the closest indexed word one or two edits
     away ("djnago"). Only then: a word found as typed is never corrected. The
     result then carries `correction` ({typed, query}); the page says "Showing
     results for ..., search instead for ..." (search-on-demand.js), and asking
     for the typed words sends {type: "search-verbatim", data: typed} first.

   Synonyms are applied here, when a query is searched, not written into the
   index entries: results highlight the page's own words, the index holds only
   what pages say, the words typed can outrank their synonyms, and a new group
   changes no entry. Ranking, highlighting and suggestions stay Material's own.
   Nothing is fetched from another host. Plain ES2018, no dependencies. */
"use strict";

var SETUP = 0; // Material's SearchMessageType: SETUP 0, READY 1, QUERY 2, RESULT 3
var QUERY = 2;
var RESULT = 3;
var VERBATIM = "search-verbatim"; // from the page: search this text as typed
var TYPED = 4; // weight of a typed word against a synonym's (1)
var vocabulary = null; // [{word, docs}], most frequent first
var synonyms = []; // groups of terms, each term a list of words
var known = Object.create(null); // every word of a synonym term
var verbatim = null; // the query to search as typed, once
var plans = []; // per query in flight: what to tell the page with its result

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

/* The synonym groups of the index's config: [["rate limiting", "throttling"], ...]. */
function learnSynonyms(groups) {
  synonyms = [];
  known = Object.create(null);
  (Array.isArray(groups) ? groups : []).forEach(function (group) {
    if (!Array.isArray(group)) return;
    synonyms.push(group.map(function (term) {
      var words = String(term).toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
      words.forEach(function (word) { known[word] = true; });
      return words;
    }));
  });
}

/* A word as searched: a plural as its singular, which also finds the plural. */
function stem(word) {
  if (word.length < 5 || !/s$/.test(word) || /(ss|us|is)$/.test(word)) return word;
  return /ies$/.test(word) ? word.slice(0, -3) : word.slice(0, -1);
}

function isStopWord(word) {
  var filter = self.lunr && self.lunr.stopWordFilter;
  return Boolean(filter) && filter(new self.lunr.Token(word)) === undefined;
}

/* A word a synonym names, as typed or as its singular. */
function isKnown(word) {
  return Boolean(known[word] || known[stem(word)]);
}

/* The indexed or synonym word closest to `word`, or null when it is found as it is. */
function correction(word) {
  var limit = word.length >= 6 ? 2 : 1;
  var best = null;
  var bestDistance = limit + 1;
  var prefix = stem(word);
  var candidates = vocabulary.map(function (entry) { return entry.word; }).concat(Object.keys(known));
  for (var k = 0; k < candidates.length; k++) {
    var indexed = candidates[k];
    if (indexed.lastIndexOf(prefix, 0) === 0) return null; // found: a prefix matches
    var d = distance(word, indexed, Math.min(limit, bestDistance - 1));
    if (d < bestDistance) { // ties: the more frequent word, listed first, wins
      best = indexed;
      bestDistance = d;
    }
  }
  return best;
}

/* One word as a lunr term: whole word when short, else a prefix; `weight` is its
   boost. A word given as "word^1" is searched as a whole word. */
function term(word, weight) {
  if (/\^1$/.test(word)) return word;
  return (word.length <= 3 ? word : stem(word) + "*") + "^" + weight;
}

/* Where synonym terms occur in `words`: [{at, length, group}], longest first. */
function phrases(words) {
  var found = [];
  synonyms.forEach(function (group, g) {
    group.forEach(function (phrase) {
      for (var at = 0; at + phrase.length <= words.length; at++) {
        var same = phrase.every(function (word, i) {
          var typed = words[at + i];
          // The last word of a phrase may be cut short: "rate limit" is "rate limiting".
          var last = phrase.length > 1 && i === phrase.length - 1 && typed.length >= 4;
          return stem(word) === stem(typed) || (last && word.lastIndexOf(typed, 0) === 0);
        });
        if (same) found.push({ at: at, length: phrase.length, group: g, phrase: phrase });
      }
    });
  });
  return found.sort(function (a, b) { return b.length - a.length; });
}

/* The query Material searches for `typed`, and what was corrected:
   {query, typed, corrected, expanded} (corrected: the typed text with corrected
   words, or null; expanded: the terms of synonyms, added or typed). */
function plan(typed, asTyped) {
  var shown = []; // the query as typed, piece by piece, with corrected words
  var query = []; // the same pieces as lunr terms
  var words = []; // the plain words: {word, piece}
  typed.split(/(\s+)/).forEach(function (part) {
    if (/^[+\-]|["*:^~]/.test(part)) { // lunr syntax: as typed
      shown.push(part);
      query.push(part);
      return;
    }
    part.split(/([^\p{L}\p{N}'’]+)/u).forEach(function (piece) {
      if (!piece) return;
      shown.push(piece);
      query.push(/^[\p{L}\p{N}'’]+$/u.test(piece) ? piece : " "); // "real-time", "node.js"
      if (!/^[\p{L}\p{N}]+$/u.test(piece)) return;
      var word = piece.toLowerCase();
      if (!asTyped && vocabulary && word.length >= 4 && !isKnown(word) && !isStopWord(word)) {
        var better = correction(word);
        if (better) {
          word = better;
          shown[shown.length - 1] = better;
        }
      }
      words.push({ word: word, piece: query.length - 1 });
    });
  });
  var corrected = shown.join("") !== typed;
  var plain = words.map(function (w) { return w.word; });
  var weight = plain.map(function () { return TYPED; });
  var extra = [];
  var covered = plain.map(function () { return false; });
  phrases(plain).forEach(function (match) {
    for (var i = match.at; i < match.at + match.length; i++) {
      if (covered[i]) return;
    }
    for (i = match.at; i < match.at + match.length; i++) {
      covered[i] = true;
      if (match.length > 1) weight[i] = 1; // a phrase counts as a whole, not word by word
    }
    synonyms[match.group].forEach(function (phrase) {
      if (phrase === match.phrase) return;
      // A phrase's words as whole words ("client code" must not find "codebase").
      phrase.forEach(function (word) { extra.push(phrase.length > 1 ? word + "^1" : word); });
    });
  });
  words.forEach(function (w, i) { query[w.piece] = term(w.word, weight[i]); });
  var seen = Object.create(null);
  plain.forEach(function (word) { seen[word] = true; });
  var added = extra.filter(function (word) {
    if (seen[word]) return false;
    seen[word] = true;
    return true;
  });
  return {
    query: query.join("") + added.map(function (word) { return " " + term(word, 1); }).join(""),
    typed: typed,
    corrected: corrected ? shown.join("") : null,
    // Terms no result should call "missing": the synonyms, and the typed words
    // they stand for ("saas" is not missing from a page about subscriptions).
    expanded: added.concat(plain.filter(function (word, i) { return covered[i]; }))
      .map(function (word) {
        return /\^1$/.test(word) ? word.slice(0, -2) : word.length <= 3 ? word : stem(word);
      }),
  };
}

/* A result as the page shows it: the synonyms' terms are never "missing". */
function tidy(data, planned) {
  if (!data || !Array.isArray(data.items)) return;
  data.items.forEach(function (group) {
    group.forEach(function (item) {
      if (!item.terms) return;
      planned.expanded.forEach(function (word) { delete item.terms[word]; });
    });
  });
  if (planned.corrected) data.correction = { typed: planned.typed, query: planned.corrected };
}

/* Registered before Material's worker, so this listener sees each message
   first and can rewrite the query before Material's handler reads it. */
addEventListener("message", function (event) {
  var message = event.data;
  if (!message) return;
  if (message.type === VERBATIM) {
    verbatim = typeof message.data === "string" ? message.data : null;
    event.stopImmediatePropagation(); // not a message for Material
  } else if (message.type === SETUP && message.data && message.data.config) {
    learnSynonyms(message.data.config.synonyms);
  } else if (message.type === QUERY && typeof message.data === "string") {
    var asTyped = message.data.trim() === verbatim;
    verbatim = null;
    var planned = plan(message.data, asTyped);
    plans.push(planned);
    message.data = planned.query;
  }
});

importScripts(decodeURIComponent(location.hash.slice(1)) || "search.js");

/* Material answers each query, in order, with one RESULT message. */
(function () {
  var post = self.postMessage;
  self.postMessage = function (message) {
    if (message && message.type === RESULT && plans.length) tidy(message.data, plans.shift());
    return post.apply(self, arguments);
  };
})();

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
  module.exports = { distance: distance, plan: plan, learn: learn, learnSynonyms: learnSynonyms };
}
