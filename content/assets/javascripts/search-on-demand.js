/* Search on demand: the search index and the search worker are downloaded
   when a reader first shows they mean to search, not with every page.

   Material 9.8's bundle asks for search/search_index.json (XMLHttpRequest)
   and starts the search worker (new Worker) as soon as a page loads; together
   they are most of a page's weight, and most readers never search. This file
   runs just before the bundle (overrides/main.html, block scripts) and holds
   both back until the first sign of intent:

   - focus on, or a press or click in, the search field, its label or the
     header's search button;
   - the keys Material opens search with: "/", "s", "f" (outside a form field);
   - a page opened with a search in its address: ?q= (a shared search) or
     ?h= (search.highlight marks the words found, with the index's settings).

   The index request is the bundle's own XMLHttpRequest: only its send() waits.
   The worker is a stand-in that keeps the bundle's messages until the real
   worker (created on intent, same URL) can take them, and passes every
   message of the real worker on. The bundle sends nothing to the worker
   before the index has arrived and waits for the worker's READY before it
   sends a query, so a query typed at once still gets its results.

   Failing safe: a worker is held back only while the index request is held
   back too (a bundle that loads its index another way, Zensical's for one,
   gets its worker at once), and anything that throws here lets both go, so
   search works as it did without this file. Nothing leaves the site: both
   requests keep the URLs the bundle gave them. Plain ES2017, no dependencies. */
(function () {
  "use strict";

  var INDEX = /\/search\/search_index\.json$/;
  var WORKER = /\/workers\/search(-fuzzy\.js|\.[0-9a-f]+\.min\.js)$/;
  var KEYS = { "/": true, s: true, f: true }; // Material's keys that open search
  var TRIGGERS = ".md-search, label[for='__search'], #__search";

  var released = false;
  var heldRequests = []; // [request, arguments of send()]
  var heldWorkers = []; // functions that start a real worker
  var indexHeld = false;

  var NativeRequest = window.XMLHttpRequest;
  var NativeWorker = window.Worker;
  var nativeOpen = NativeRequest.prototype.open;
  var nativeSend = NativeRequest.prototype.send;
  var urls = null; // WeakMap: request -> the URL it was opened with

  function path(url) {
    var resolved = new URL(String(url), document.baseURI);
    return resolved.origin === location.origin ? resolved.pathname : "";
  }

  /* Let everything go, once: the held index requests, then the workers. */
  function release() {
    if (released) return;
    released = true;
    heldRequests.splice(0).forEach(function (held) {
      try {
        nativeSend.apply(held[0], held[1]);
      } catch (error) {
        reportLater(error);
      }
    });
    heldWorkers.splice(0).forEach(function (start) {
      start();
    });
  }

  function reportLater(error) {
    setTimeout(function () { throw error; }); // shown in the console, never stops us
  }

  /* Something here broke: let everything go and say what broke. */
  function fail(error) {
    release();
    reportLater(error);
  }

  /* The index request ------------------------------------------------------ */

  function open(method, url) {
    try {
      urls.set(this, url);
    } catch (error) {
      fail(error);
    }
    return nativeOpen.apply(this, arguments);
  }

  function send() {
    var wait = false;
    try {
      wait = !released && INDEX.test(path(urls.get(this)));
    } catch (error) {
      fail(error);
    }
    if (!wait) return nativeSend.apply(this, arguments);
    indexHeld = true;
    heldRequests.push([this, arguments]);
  }

  /* The worker ------------------------------------------------------------- */

  /* A stand-in for `new Worker(url, options)`: an EventTarget that keeps
     postMessage calls and, once the real worker runs, hands them over and
     dispatches the real worker's message and error events as its own (with
     onmessage/onerror called as a Worker calls them). */
  function standIn(url, options) {
    var target = new EventTarget();
    var queue = [];
    var real = null;
    var ended = false;

    function relay(type, make) {
      return function (event) {
        var copy = make(event);
        target.dispatchEvent(copy);
        var handler = target["on" + type];
        if (typeof handler === "function") handler.call(target, copy);
      };
    }

    target.onmessage = null;
    target.onerror = null;
    target.postMessage = function () {
      if (real) real.postMessage.apply(real, arguments);
      else if (!ended) queue.push(arguments);
    };
    target.terminate = function () {
      ended = true;
      queue = [];
      if (real) real.terminate();
    };
    heldWorkers.push(function () {
      if (ended) return;
      try {
        real = new NativeWorker(url, options);
      } catch (error) {
        reportLater(error); // as `new Worker` would have thrown: search is off
        return;
      }
      real.addEventListener("message", relay("message", function (event) {
        return new MessageEvent("message", { data: event.data });
      }));
      real.addEventListener("error", relay("error", function (event) {
        return new ErrorEvent("error", {
          message: event.message, filename: event.filename,
          lineno: event.lineno, colno: event.colno, error: event.error
        });
      }));
      queue.splice(0).forEach(function (args) {
        real.postMessage.apply(real, args);
      });
    });
    /* Material asks for its index right after it creates the worker, in the
       same task. If no index request is held by the next task, this bundle
       is not one we know: the worker starts now. */
    setTimeout(function () {
      if (!indexHeld) release();
    });
    return target;
  }

  function LazyWorker(url, options) {
    if (!released) {
      try {
        if (WORKER.test(path(url))) return standIn(url, options);
      } catch (error) {
        fail(error);
      }
    }
    return new NativeWorker(url, options);
  }
  LazyWorker.prototype = NativeWorker.prototype;

  /* Intent ----------------------------------------------------------------- */

  function isField(element) {
    return element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement ||
      element instanceof HTMLSelectElement || (element instanceof HTMLElement && element.isContentEditable);
  }

  function watch() {
    var params = new URLSearchParams(location.search);
    if (params.has("q") || params.has("h")) return release();
    var toggle = document.getElementById("__search");
    if (toggle && toggle.checked) return release();
    var onTarget = function (event) {
      try {
        var element = event.target;
        if (element instanceof Element && element.closest(TRIGGERS)) release();
      } catch (error) {
        fail(error);
      }
    };
    var options = { capture: true, passive: true };
    ["focusin", "pointerdown", "touchstart", "mousedown", "click", "change"].forEach(function (type) {
      document.addEventListener(type, onTarget, options);
    });
    document.addEventListener("keydown", function (event) {
      try {
        if (event.ctrlKey || event.metaKey || event.altKey) return;
        if (KEYS[event.key] && !isField(event.target)) release();
      } catch (error) {
        fail(error);
      }
    }, options);
  }

  try {
    urls = new WeakMap();
    NativeRequest.prototype.open = open;
    NativeRequest.prototype.send = send;
    window.Worker = LazyWorker;
    watch();
  } catch (error) {
    fail(error); // whatever failed, nothing stays held back
  }
})();
