/* Search on demand: Material's search index and search worker load on the
   reader's first sign of searching, not with every page. Runs before the
   bundle; what it does and why: overrides/main.html, block scripts. Kept
   short: every page downloads it. Plain ES2017.
   It also holds the search worker, so it shows what the worker corrected
   (workers/search-fuzzy.js): "Showing results for X. Search instead for Y". */
(function () {
  "use strict";
  var INDEX = /\/search\/search_index\.json$/;
  var WORKER = /\/workers\/search(-fuzzy\.js|\.[0-9a-f]+\.min\.js)$/;
  var TRIGGERS = ".md-search, label[for='__search'], #__search";
  var released = false, indexHeld = false, held = [], starts = [];
  var Native, request, nativeOpen, nativeSend, urls;

  function path(url) {
    var u = new URL(String(url), document.baseURI);
    return u.origin === location.origin ? u.pathname : "";
  }

  function later(error) {
    setTimeout(function () { throw error; }); // to the console, without stopping us
  }

  function release() {
    if (released) return;
    released = true;
    held.splice(0).concat(starts.splice(0)).forEach(function (go) {
      try { go(); } catch (error) { later(error); }
    });
  }

  function fail(error) {
    release();
    later(error);
  }

  // The index: the bundle's own XMLHttpRequest, whose send() waits.
  function open(method, url) {
    try { urls.set(this, url); } catch (error) { fail(error); }
    return nativeOpen.apply(this, arguments);
  }

  function send() {
    var xhr = this, args = arguments;
    try {
      if (!released && INDEX.test(path(urls.get(xhr)))) {
        indexHeld = true;
        return void held.push(function () { nativeSend.apply(xhr, args); });
      }
    } catch (error) { fail(error); }
    return nativeSend.apply(xhr, args);
  }

  // The worker: a stand-in keeps the bundle's messages until the real worker
  // takes them, and passes the real worker's events on as its own.
  function standIn(url, options) {
    var self = new EventTarget(), queue = [], real = null;
    function relay(event) {
      var copy = new event.constructor(event.type, event); // MessageEvent, ErrorEvent
      self.dispatchEvent(copy);
      if (typeof self["on" + event.type] === "function") self["on" + event.type](copy);
    }
    self.onmessage = self.onerror = null;
    self.postMessage = function () {
      if (real) real.postMessage.apply(real, arguments);
      else if (queue) queue.push(arguments);
    };
    self.terminate = function () {
      queue = null;
      if (real) real.terminate();
    };
    starts.push(function () {
      if (!queue) return;
      real = new Native(url, options);
      real.onmessage = real.onerror = relay;
      queue.forEach(function (args) { real.postMessage.apply(real, args); });
    });
    // Material asks for its index in the same task: a bundle that has not
    // (another engine's) gets its worker now.
    setTimeout(function () { if (!indexHeld) release(); });
    return self;
  }

  // A corrected query says so, with the words as typed one click away.
  function corrections(worker) {
    worker.addEventListener("message", function (event) {
      var message = event.data;
      if (!message || message.type !== 3) return; // Material's RESULT
      try { notice(worker, message.data && message.data.correction); } catch (error) { later(error); }
    });
  }

  function notice(worker, correction) {
    var meta = document.querySelector(".md-search-result__meta");
    var box = document.querySelector(".search-correction");
    if (box) box.hidden = !correction;
    if (!correction || !meta) return;
    if (!box) {
      box = document.createElement("p");
      box.className = "search-correction";
      box.setAttribute("role", "status");
      meta.parentNode.insertBefore(box, meta.nextSibling);
    }
    var query = document.createElement("strong"), again = document.createElement("button");
    query.textContent = correction.query;
    again.type = "button";
    again.textContent = "Search instead for " + correction.typed;
    again.addEventListener("click", function () {
      var input = document.querySelector("input.md-search__input"), typed = correction.typed.trim();
      worker.postMessage({ type: "search-verbatim", data: typed });
      // Material searches on keyup when the text changed: a trailing space changes it.
      input.value = input.value === typed ? typed + " " : typed;
      input.dispatchEvent(new KeyboardEvent("keyup"));
      input.focus();
    });
    box.textContent = "Showing results for ";
    box.append(query, ". ", again);
  }

  function LazyWorker(url, options) {
    var worker = null;
    try {
      if (WORKER.test(path(url))) {
        worker = released ? new Native(url, options) : standIn(url, options);
        corrections(worker);
      }
    } catch (error) { fail(error); }
    return worker || new Native(url, options);
  }

  function isField(element) {
    return element.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(element.tagName);
  }

  function intent(event) {
    try {
      var target = event.target;
      if (event.type === "keydown"
        ? /^[/sf]$/.test(event.key) && !(event.ctrlKey || event.metaKey || event.altKey) &&
          !isField(target)
        : target instanceof Element && target.closest(TRIGGERS)) release();
    } catch (error) { fail(error); }
  }

  try {
    Native = window.Worker;
    request = XMLHttpRequest.prototype;
    nativeOpen = request.open;
    nativeSend = request.send;
    urls = new WeakMap();
    request.open = open;
    request.send = send;
    LazyWorker.prototype = Native.prototype;
    window.Worker = LazyWorker;
    var params = new URLSearchParams(location.search);
    if (params.has("q") || params.has("h")) release();
    "focusin pointerover pointerdown touchstart click change keydown".split(" ").forEach(
      function (type) {
        document.addEventListener(type, intent, { capture: true, passive: true });
      });
  } catch (error) {
    fail(error); // whatever broke, nothing stays held back
  }
})();
