/* Reader features: the sortable feature table, FAQ questions that open from a
   link, and the decision helper. Plain ES2017, no framework. Each feature is
   set up through Material's document$, which emits on the first load and after
   every instant navigation, so a page swapped in without a reload works too.
   Without JavaScript every page still reads in full: the table is in data
   order, every question can be opened, the guidance is printed as text. */
(function () {
  "use strict";

  /* Feature table ---------------------------------------------------------
     Only the feature table (its rows carry link anchors) is sortable; the
     small tables inside the article are not worth the extra controls.
     Tablesort (vendored beside this file) is fetched only on a page that has
     the table, so other pages cost one request less.
     Tablesort makes each heading cell focusable and sorts on click or Enter;
     a real button inside each heading is what screen readers and keyboard
     users expect, so the cell leaves the tab order and the button takes its
     place (its clicks and key presses bubble up to Tablesort's handlers). */
  var here = document.currentScript ? document.currentScript.src : location.href;
  var tablesort = null;

  function loadTablesort() {
    if (typeof Tablesort === "function") return Promise.resolve();
    if (!tablesort) {
      tablesort = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = new URL("vendor/tablesort.min.js", here).href;
        script.onload = resolve;
        script.onerror = function () {
          tablesort = null; // let a later page try again
          reject(new Error("could not load " + script.src));
        };
        document.head.appendChild(script);
      });
    }
    return tablesort;
  }

  function makeSortable(table) {
    table.dataset.sortable = "true";
    new Tablesort(table);
    table.querySelectorAll("thead th").forEach(function (cell) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort-button";
      while (cell.firstChild) button.appendChild(cell.firstChild);
      cell.appendChild(button);
      cell.removeAttribute("tabindex");
    });
  }

  function sortableTables(root) {
    var tables = Array.prototype.filter.call(
      root.querySelectorAll("table.comparison:not([data-sortable])"),
      function (table) { return table.querySelector("tbody tr[id]"); });
    if (!tables.length) return;
    loadTablesort().then(function () {
      tables.forEach(function (table) {
        if (table.isConnected && !table.dataset.sortable) makeSortable(table);
      });
    });
  }

  /* FAQ ----------------------------------------------------------------------
     /faq/#some-id must show that answer: open the question (or the question
     that holds the target) and bring it into view. Opening a question by hand
     puts its link in the address bar, so readers can copy and share it. */
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
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
          history.replaceState(history.state, "", "#" + question.id);
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
    if (scores.length > 1 && scores[1].total === best.total) {
      return "No clear winner: " + scores.map(function (s) { return s.name; }).join(" and ") +
        " fit " + needs + " equally well (" + points(best.total) + " each). Read the reasons below.";
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

  function decisionHelper(form) {
    if (form.dataset.ready) return;
    form.dataset.ready = "true";
    var ids = attribute(form, "data-frameworks").split(/\s+/).filter(Boolean);
    var result = form.querySelector(".decision-result");
    var reasons = form.querySelector(".decision-reasons");

    function update() {
      var ticked = Array.prototype.slice.call(
        form.querySelectorAll("input[name=criterion]:checked"));
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

  function setUp() {
    var content = document.querySelector("article") || document.body;
    sortableTables(content);
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
