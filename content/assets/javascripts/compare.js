/* Compare frameworks: the feature table's tools (/comparison/) and the compare
   view (/compare/). Plain ES2017, no framework; loaded only by those two pages.

   Both keep their state in the address, so a view can be shared:
   ?frameworks=flask,fastapi (the columns shown) and &diff=1 (only the rows
   where the shown frameworks differ). Every value read from the address is
   checked against the frameworks the page knows (the table's columns, or the
   ids in the open-data export); anything else is ignored. Text from the
   export goes into the page as text nodes, never as HTML, and links are built
   from this site's origin plus a path that matched a pattern.

   Without JavaScript the table shows every framework and every row, and
   /compare/ lists the frameworks' pages and the pre-rendered pair pages. */
(function () {
  "use strict";

  var ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

  /* This page's own address: the site's origin and the page's path with its
     leading slashes folded into one, so //other.host/..%2F/compare/ stays a
     path on this host in every link and replaceState. */
  function ownPage() {
    return location.origin + "/" + location.pathname.replace(/^\/+/, "");
  }

  /* The fragment as text; "" when it is no valid percent-encoding. */
  function fragment() {
    try {
      return decodeURIComponent(location.hash.slice(1));
    } catch (error) {
      return "";
    }
  }

  /* The shown frameworks and the differences switch, from the address: only
     known ids, in the page's own order, each once. */
  function readState(known) {
    var params = new URLSearchParams(location.search);
    var wanted = (params.get("frameworks") || "").split(",");
    return {
      ids: known.filter(function (id) { return wanted.indexOf(id) !== -1; }),
      diff: params.get("diff") === "1",
    };
  }

  function writeState(ids, all, diff) {
    var params = new URLSearchParams(location.search);
    params.delete("frameworks");
    params.delete("diff");
    var chosen = ids.filter(function (id) { return ID.test(id); });
    if (chosen.length && chosen.length !== all.length) params.set("frameworks", chosen.join(","));
    if (diff) params.set("diff", "1");
    var query = params.toString().replace(/%2C/g, ",");
    history.replaceState(history.state, "", ownPage() + (query ? "?" + query : "") + location.hash);
  }

  /* What a cell says, for telling cells apart: its status and its words,
     without the footnote numbers (the same fact cited twice differs only there). */
  function cellKey(cell) {
    var copy = cell.cloneNode(true);
    copy.querySelectorAll("sup").forEach(function (sup) { sup.remove(); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  function differs(keys) {
    return keys.some(function (key) { return key !== keys[0]; });
  }

  function names(list) {
    if (list.length < 2) return list.join("");
    return list.slice(0, -1).join(", ") + " and " + list[list.length - 1];
  }

  function checkbox(name, value, text, checked) {
    var label = document.createElement("label");
    var input = document.createElement("input");
    input.type = "checkbox";
    input.name = name;
    input.value = value;
    input.checked = checked;
    label.appendChild(input);
    label.appendChild(document.createTextNode(" " + text));
    return label;
  }

  /* Feature table ---------------------------------------------------------
     A form above the table: a checkbox per framework (its column) and "Only
     the differences", which hides the rows where the shown frameworks' cells
     say the same, and the topic groups left empty. A row opened from a link
     (#row-id) is never left hidden: the differences filter steps aside. */
  function tableTools(table) {
    var heads = Array.prototype.slice.call(table.tHead.rows[0].cells, 1);
    var known = heads.map(function (th) { return th.getAttribute("data-framework"); });
    if (known.some(function (id) { return !id || !ID.test(id); })) return;
    var state = readState(known);
    var shown = state.ids.length ? state.ids : known.slice();

    var form = document.createElement("form");
    form.className = "table-tools";
    form.setAttribute("aria-label", "Table tools");
    var set = document.createElement("fieldset");
    var legend = document.createElement("legend");
    legend.textContent = "Frameworks to show";
    set.appendChild(legend);
    heads.forEach(function (th, i) {
      set.appendChild(checkbox("frameworks", known[i], th.textContent.trim(), shown.indexOf(known[i]) !== -1));
    });
    form.appendChild(set);
    var diff = checkbox("diff", "1", "Only the differences", state.diff);
    diff.className = "table-tools__diff";
    form.appendChild(diff);
    var status = document.createElement("p");
    status.className = "table-tools__status";
    status.setAttribute("role", "status");
    form.appendChild(status);
    var slot = document.querySelector(".table-tools-slot");
    var wrapper = table.closest(".comparison-table") || table;
    if (slot) slot.appendChild(form);
    else wrapper.parentNode.insertBefore(form, wrapper);
    form.addEventListener("submit", function (event) { event.preventDefault(); });

    var boxes = Array.prototype.slice.call(set.querySelectorAll("input"));
    var diffBox = diff.querySelector("input");
    var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr[id][data-entry]"));

    function apply(remember) {
      var on = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
      var columns = known.map(function (id) { return on.indexOf(id) !== -1; });
      Array.prototype.forEach.call(table.rows, function (row) {
        if (row.classList.contains("comparison__group")) {
          row.cells[0].colSpan = on.length + 1;
          return;
        }
        for (var i = 1; i < row.cells.length; i++) row.cells[i].hidden = !columns[i - 1];
      });
      var filtering = diffBox.checked && on.length > 1;
      var left = 0;
      rows.forEach(function (row) {
        var keys = [];
        for (var i = 1; i < row.cells.length; i++) if (columns[i - 1]) keys.push(cellKey(row.cells[i]));
        row.hidden = filtering && !differs(keys);
        if (!row.hidden) left++;
      });
      Array.prototype.forEach.call(table.tBodies, function (body) {
        body.hidden = filtering && !body.querySelector("tr[data-entry]:not([hidden])");
      });
      var picked = heads.filter(function (th, i) { return columns[i]; }).map(function (th) { return th.textContent.trim(); });
      if (diffBox.checked && on.length < 2) status.textContent = "Choose at least two frameworks to see where they differ.";
      else if (filtering) status.textContent = names(picked) + " differ on " + left + " of " + rows.length + " rows.";
      else status.textContent = "Showing " + picked.length + " of " + known.length + " frameworks, all " + rows.length + " rows.";
      if (remember) writeState(on, known, diffBox.checked);
    }

    function revealTarget() {
      var id = fragment();
      var row = id && document.getElementById(id);
      if (row && rows.indexOf(row) !== -1 && row.hidden) {
        diffBox.checked = false;
        apply(true);
        row.scrollIntoView();
      }
    }

    form.addEventListener("change", function (event) {
      if (event.target.name === "frameworks" && !boxes.some(function (b) { return b.checked; })) {
        event.target.checked = true; // an empty table helps nobody
        status.textContent = "Show at least one framework.";
        return;
      }
      apply(true);
    });
    apply(false);
    revealTarget();
    window.addEventListener("hashchange", revealTarget);
  }

  /* Compare view ----------------------------------------------------------
     Built from the open-data export (/api/comparison.json): the chosen
     frameworks' columns for every row of the feature table, grouped by topic.
     Cells in the export are the data's Markdown; only links, code and
     citations are recognised, and everything lands as text. */
  var SITE_PAGE = /^\/((?:[a-z0-9-]+\/)*[a-z0-9-]+)\.md(?:#([a-z0-9-]+))?$/;

  function siteLink(root, path, anchor) {
    return location.origin + root + (path === "index" ? "" : path + "/") + (anchor ? "#" + anchor : "");
  }

  function inline(parent, text, root) {
    var pattern = /\[\^[^\]]*\]|\[([^\]]+)\]\(([^)\s]+)\)|`([^`]+)`|\*\*|__|\*/g;
    var last = 0, match;
    while ((match = pattern.exec(text))) {
      parent.appendChild(document.createTextNode(text.slice(last, match.index)));
      last = pattern.lastIndex;
      if (match[1] !== undefined) {
        var href = null, page = SITE_PAGE.exec(match[2]);
        if (/^https:\/\/[^\s"'<>]+$/.test(match[2])) href = new URL(match[2]).href;
        else if (page) href = siteLink(root, page[1], page[2]);
        var link = document.createElement(href ? "a" : "span");
        if (href) link.href = href;
        link.textContent = match[1];
        parent.appendChild(link);
      } else if (match[3] !== undefined) {
        var code = document.createElement("code");
        code.textContent = match[3];
        parent.appendChild(code);
      }
      // citations and emphasis marks are left out
    }
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function valueKey(row, id) {
    // What a reader sees: no citations, a link's words without its address.
    var text = typeof row.values[id] === "string" ? row.values[id] : "—";
    text = text.replace(/\[\^[^\]]*\]/g, "").replace(/\[([^\]]+)\]\([^)\s]+\)/g, "$1");
    return (row.status[id] || "") + "|" + text.replace(/\s+/g, " ").trim();
  }

  function compareView(view) {
    var statuses = JSON.parse(view.getAttribute("data-statuses") || "{}");
    var root = new URL(view.getAttribute("data-root") || "/", location.href);
    if (root.origin !== location.origin) return;
    // Folded like ownPage(): a root of //other.host/ must not make the fetch below, or
    // the links built from it, protocol-relative addresses of another host.
    var rootPath = "/" + root.pathname.replace(/^\/+/, "");
    var form = view.querySelector("form");
    var status = view.querySelector(".compare-view__status");
    var result = view.querySelector(".compare-view__result");
    var share = view.querySelector(".compare-view__share");
    form.addEventListener("submit", function (event) { event.preventDefault(); });

    fetch(location.origin + rootPath + "api/comparison.json", { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (data) {
        var frameworks = (data.frameworks || []).filter(function (fw) {
          return fw && typeof fw.id === "string" && ID.test(fw.id) && typeof fw.name === "string";
        });
        var known = frameworks.map(function (fw) { return fw.id; });
        var byId = {};
        frameworks.forEach(function (fw) { byId[fw.id] = fw; });
        var boxes = Array.prototype.slice.call(form.querySelectorAll('input[name="frameworks"]'));
        boxes.forEach(function (box) { if (known.indexOf(box.value) === -1) box.closest("label").remove(); });
        boxes = boxes.filter(function (box) { return known.indexOf(box.value) !== -1; });
        var diffBox = form.querySelector('input[name="diff"]');
        var state = readState(known);
        var featured = (data.featured || []).filter(function (id) { return known.indexOf(id) !== -1; });
        var chosen = state.ids.length >= 2 ? state.ids : featured.length >= 2 ? featured : known.slice(0, 2);
        boxes.forEach(function (box) { box.checked = chosen.indexOf(box.value) !== -1; });
        diffBox.checked = state.diff;
        var titles = {};
        (data.dimensions || []).forEach(function (d) { titles[d.id] = d.title; });
        var groups = [];
        (data.table || []).forEach(function (row) {
          if (!row || !ID.test(row.id) || typeof row.label !== "string") return;
          var key = row.dimension && ID.test(row.dimension) ? row.dimension : "";
          var group = groups.length && groups[groups.length - 1].key === key ? groups[groups.length - 1] : null;
          if (!group) groups.push(group = { key: key, rows: [] });
          group.rows.push({ id: row.id, label: row.label, values: row.values || {}, status: row.status || {} });
        });
        view.hidden = false;

        function render(remember) {
          var ids = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
          var filtering = diffBox.checked && ids.length > 1;
          var table = document.createElement("table");
          table.className = "comparison comparison--grouped";
          table.setAttribute("data-view", "");
          var caption = document.createElement("caption");
          caption.textContent = ids.length ? "Compared: " + names(ids.map(function (id) { return byId[id].name; })) : "Compared: none";
          table.appendChild(caption);
          var head = table.createTHead().insertRow();
          ["Feature"].concat(ids.map(function (id) { return byId[id].name; })).forEach(function (text) {
            var th = document.createElement("th");
            th.scope = "col";
            th.textContent = text;
            head.appendChild(th);
          });
          var total = 0, left = 0;
          groups.forEach(function (group) {
            var body = document.createElement("tbody");
            var heading = body.insertRow();
            heading.className = "comparison__group";
            var th = document.createElement("th");
            th.scope = "rowgroup";
            th.colSpan = ids.length + 1;
            if (group.key) {
              var topic = document.createElement("a");
              topic.href = siteLink(rootPath, group.key, "");
              topic.textContent = titles[group.key] || group.key;
              th.appendChild(topic);
            } else th.textContent = "At a glance";
            heading.appendChild(th);
            group.rows.forEach(function (row) {
              total++;
              var keys = ids.map(function (id) { return valueKey(row, id); });
              if (filtering && !differs(keys)) return;
              left++;
              var tr = body.insertRow();
              var name = document.createElement("th");
              name.scope = "row";
              var link = document.createElement("a");
              link.href = siteLink(rootPath, "comparison", row.id);
              link.textContent = row.label;
              name.appendChild(link);
              tr.appendChild(name);
              ids.forEach(function (id) {
                var td = tr.insertCell();
                td.setAttribute("data-label", byId[id].name);
                var word = row.status[id];
                if (typeof word === "string" && Object.prototype.hasOwnProperty.call(statuses, word)) {
                  var badge = document.createElement("span");
                  badge.className = "status";
                  badge.setAttribute("data-status", word);
                  badge.textContent = statuses[word].label;
                  td.appendChild(badge);
                  td.appendChild(document.createTextNode(" "));
                }
                var value = row.values[id];
                inline(td, typeof value === "string" ? value : "—", rootPath);
              });
            });
            if (body.rows.length > 1) table.appendChild(body);
          });
          result.replaceChildren(table);
          var picked = names(ids.map(function (id) { return byId[id].name; }));
          if (ids.length < 2) status.textContent = "Choose at least two frameworks to compare.";
          else if (filtering) status.textContent = picked + " differ on " + left + " of " + total + " rows.";
          else status.textContent = "Comparing " + picked + " on all " + total + " rows.";
          if (remember) writeState(ids, [], diffBox.checked);
          var query = new URLSearchParams();
          if (ids.length) query.set("frameworks", ids.join(","));
          if (diffBox.checked) query.set("diff", "1");
          share.href = ownPage() + "?" + query.toString().replace(/%2C/g, ",");
        }

        form.addEventListener("change", function () { render(true); });
        render(false);
      })
      .catch(function () {
        view.hidden = true; // the lists below the view still lead to every comparison
      });
  }

  function setUp() {
    var content = document.querySelector("article") || document.body;
    content.querySelectorAll("table.comparison[data-tools]").forEach(tableTools);
    content.querySelectorAll(".compare-view[data-root]").forEach(compareView);
  }

  setUp();
})();
