/* Reader features: FAQ questions that open from a link (here or from a
   search result), and the decision helper (the feature table's tools are in
   compare.js). Plain ES2017, no framework. Each feature is
   set up through Material's document$, which emits on the first load and after
   every instant navigation, so a page swapped in without a reload works too.
   Without JavaScript every page still reads in full: the table shows every
   row, every question can be opened, the guidance is printed as text. */
(function () {
  "use strict";

  /* FAQ ----------------------------------------------------------------------
     /faq/#some-id must show that answer: open the question (or the question
     that holds the target) and bring it into view. Opening a question by hand
     puts its link in the address bar, so readers can copy and share it. */
  /* The address's fragment as text; "" when it is no valid percent-encoding
     (#%E0%A4%A would throw "URI malformed"): a broken link opens nothing. */
  function fragment() {
    try {
      return decodeURIComponent(location.hash.slice(1));
    } catch (error) {
      return "";
    }
  }

  /* This page's own address, for every address this script writes: the site's
     origin and the page's path with its leading slashes folded into one, so a
     path like //other.host/..%2F/decide/ stays a path on this host (a link or
     replaceState given "//other.host/..." would point at another host). */
  function ownPage() {
    return location.origin + "/" + location.pathname.replace(/^\/+/, "");
  }

  function openTarget() {
    var id = fragment();
    var target = id && document.getElementById(id);
    var question = target && target.closest("details");
    if (!question) return;
    if (!question.open) question.open = true;
    target.scrollIntoView();
  }

  function shareableQuestions(root) {
    root.querySelectorAll("details.question[id] > summary").forEach(function (summary) {
      if (summary.dataset.shareable) return;
      summary.dataset.shareable = "true";
      summary.addEventListener("click", function () {
        var question = summary.parentElement;
        if (!question.open && history.replaceState) {
          history.replaceState(history.state, "", ownPage() + location.search + "#" + question.id);
        }
      });
    });
  }

  /* Decision helper ---------------------------------------------------------
     Each ticked criterion adds its weight (0-3, from data/decision.yml via the
     data-weight-<framework> attributes) to each framework. The live region
     gets one short sentence; the reasons go in a list beside it, so a screen
     reader announces the outcome, not every reason, on each change. */
  function attribute(element, name) {
    return element.getAttribute(name) || "";
  }

  function points(n) {
    return n + (n === 1 ? " point" : " points");
  }

  function outcome(scores, count) {
    if (!count) return "Tick at least one need to see which framework fits it better.";
    var best = scores[0];
    var needs = count === 1 ? "the need you ticked" : "the " + count + " needs you ticked";
    // Only the frameworks that share the top score tie; with three or more,
    // the others are named with their lower totals.
    var tied = scores.filter(function (s) { return s.total === best.total; });
    if (tied.length > 1) {
      var names = tied.map(function (s) { return s.name; });
      var rest = scores.slice(tied.length).map(function (s) {
        return s.name + " " + points(s.total);
      });
      return "No clear winner: " + names.slice(0, -1).join(", ") + " and " + names[names.length - 1] +
        " fit " + needs + " equally well (" + points(best.total) + " each)" +
        (rest.length ? "; " + rest.join(", ") : "") + ". Read the reasons below.";
    }
    return best.name + " fits " + needs + " better: " + scores.map(function (s) {
      return s.name + " " + points(s.total);
    }).join(", ") + ".";
  }

  function reasonList(score) {
    var block = document.createElement("div");
    block.className = "decision-reasons__framework";
    var heading = document.createElement("p");
    var strong = document.createElement("strong");
    strong.textContent = score.name + " (" + points(score.total) + ")";
    heading.appendChild(strong);
    var list = document.createElement("ul");
    score.reasons.forEach(function (reason) {
      var item = document.createElement("li");
      var need = document.createElement("span");
      need.className = "decision-reasons__need";
      need.textContent = reason.need + " (+" + reason.weight + "): ";
      item.appendChild(need);
      item.appendChild(document.createTextNode(reason.text));
      list.appendChild(item);
    });
    block.appendChild(heading);
    block.appendChild(list);
    return block;
  }

  /* The ticked needs live in the address as ?needs=id,id (ids from
     data/decision.yml, in the form's order), so a result survives a reload
     and can be shared. replaceState: ticking boxes adds no history entries. */
  var NEEDS = "needs";

  function neededIds() {
    var value = new URLSearchParams(location.search).get(NEEDS);
    return value ? value.split(",").filter(Boolean) : [];
  }

  function addressFor(ids) {
    var params = new URLSearchParams(location.search);
    if (ids.length) params.set(NEEDS, ids.join(","));
    else params.delete(NEEDS);
    // URLSearchParams would write the commas as %2C; ids never need escaping.
    var query = params.toString().replace(/%2C/g, ",");
    return ownPage() + (query ? "?" + query : "") + location.hash;
  }

  function decisionHelper(form) {
    if (form.dataset.ready) return;
    form.dataset.ready = "true";
    var ids = attribute(form, "data-frameworks").split(/\s+/).filter(Boolean);
    var result = form.querySelector(".decision-result");
    var reasons = form.querySelector(".decision-reasons");
    var share = form.querySelector(".decision-share");
    var boxes = Array.prototype.slice.call(form.querySelectorAll("input[name=criterion]"));

    function remember(ticked) {
      var needs = ticked.map(function (input) { return input.value; });
      var address = addressFor(needs);
      if (history.replaceState && address !== location.href) {
        history.replaceState(history.state, "", address);
      }
      if (share) { // a link to copy or bookmark: this page, these needs, the helper
        share.href = address.replace(/#.*$/, "") + "#helper";
        share.hidden = !needs.length;
      }
    }

    function update() {
      var ticked = boxes.filter(function (input) { return input.checked; });
      remember(ticked);
      var scores = ids.map(function (id, order) {
        var score = { name: attribute(form, "data-name-" + id) || id, total: 0, order: order,
                      reasons: [] };
        ticked.forEach(function (input) {
          var weight = parseInt(attribute(input, "data-weight-" + id), 10) || 0;
          score.total += weight;
          var text = attribute(input, "data-reason-" + id);
          if (text) {
            score.reasons.push({ need: input.closest("label").textContent.trim(),
                                 weight: weight, text: text });
          }
        });
        score.reasons.sort(function (a, b) { return b.weight - a.weight; });
        return score;
      });
      scores.sort(function (a, b) { return b.total - a.total || a.order - b.order; });
      result.textContent = outcome(scores, ticked.length);
      reasons.replaceChildren.apply(reasons, ticked.length ? scores.map(reasonList) : []);
      reasons.hidden = !ticked.length;
    }

    form.addEventListener("change", update);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    // Reset fires before the boxes are cleared: recount once they are.
    form.addEventListener("reset", function () { setTimeout(update); });
    // Restore the needs named in the address; unknown ids are dropped.
    var wanted = neededIds();
    boxes.forEach(function (input) { input.checked = wanted.indexOf(input.value) !== -1; });
    update();
  }

  /* Code blocks --------------------------------------------------------------
     Material wraps each code block's copy button in an unnamed <nav>, which
     adds one landmark per block (axe: landmark-unique). A single button is
     not a navigation region, so take the landmark role away. */
  function quietCodeNavs(root) {
    root.querySelectorAll("nav.md-code__nav:not([role])").forEach(function (nav) {
      nav.setAttribute("role", "none");
    });
  }

  /* Footnote tooltips --------------------------------------------------------
     Material opens a source's tooltip as an unnamed role="dialog" appended to
     <body> (axe: aria-dialog-name). Name it after the marker that opened it,
     "Source 3", as soon as it appears. */
  function nameTooltip(tooltip) {
    if (tooltip.getAttribute("aria-label") || !tooltip.id) return;
    var marker = document.querySelector('[aria-controls="' + tooltip.id + '"]');
    var number = marker ? marker.textContent.trim() : "";
    tooltip.setAttribute("aria-label", number ? "Source " + number : "Source");
  }

  if (typeof MutationObserver === "function") {
    new MutationObserver(function (changes) {
      changes.forEach(function (change) {
        change.addedNodes.forEach(function (node) {
          if (node.nodeType === 1 && node.matches(".md-tooltip2[role=dialog]")) nameTooltip(node);
        });
      });
    }).observe(document.body, { childList: true });
  }

  /* Light/dark switch -------------------------------------------------------
     No colour fades while the reader switches: Material's palette stylesheet
     did this with a rule that also restyled the whole page on every load (the
     build removes it, macros/publish/palette.py); this marks <body> only when
     the reader switches. The change event reaches this listener (capture)
     before Material's, which applies the scheme; the mark goes once a frame
     has been drawn with the new colours, which are then no change to fade. */
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (!(target instanceof Element) || !target.closest("[data-md-component=palette]")) return;
    document.body.setAttribute("data-reader-switching", "");
    requestAnimationFrame(function () {
      requestAnimationFrame(function () {
        document.body.removeAttribute("data-reader-switching");
      });
    });
  }, true);

  function setUp() {
    var content = document.querySelector("article") || document.body;
    shareableQuestions(content);
    content.querySelectorAll("form.decision-helper").forEach(decisionHelper);
    quietCodeNavs(content);
    openTarget();
  }

  window.addEventListener("hashchange", openTarget);
  if (typeof document$ !== "undefined") {
    document$.subscribe(setUp);
  } else {
    setUp();
  }
})();
