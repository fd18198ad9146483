/* The 404 page (overrides/404.html): guess the page a broken address meant,
   and put the words of the address into the search field. The guess compares
   the address's last part with the last part of every page listed on the
   page, by edit distance, and offers the closest if it is close enough. */
(() => {
  "use strict";
  const list = document.querySelector(".not-found__pages");
  if (!list) return;

  // A malformed escape (/%E0%A4%A) would throw "URI malformed": read it as written.
  const decoded = (path) => {
    try {
      return decodeURIComponent(path);
    } catch (error) {
      return path;
    }
  };

  const words = (path) =>
    decoded(path)
      .replace(/(index)?\.html?$/, "")
      .split("/")
      .filter(Boolean)
      .pop() || "";

  const distance = (a, b) => {
    let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
      const row = [i];
      for (let j = 1; j <= b.length; j++) {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        row.push(Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost));
      }
      previous = row;
    }
    return previous[b.length];
  };

  let wanted;
  try {
    wanted = words(location.pathname).toLowerCase();
  } catch (error) {
    return; // an address that is not valid percent-encoding: no guess
  }
  if (!wanted) return;

  const field = document.getElementById("not-found-query");
  if (field && !field.value) field.value = wanted.replace(/[-_.]+/g, " ").trim();

  let best = null;
  let bestDistance = Infinity;
  for (const link of list.querySelectorAll("a[href]")) {
    const slug = words(new URL(link.href, location.href).pathname).toLowerCase();
    if (!slug) continue;
    const d = distance(wanted, slug);
    if (d < bestDistance) [best, bestDistance] = [link, d];
  }
  if (!best || bestDistance > Math.max(2, Math.floor(wanted.length / 3))) return;

  const guess = document.querySelector(".not-found__guess");
  if (!guess) return;
  const link = document.createElement("a");
  link.href = best.href;
  link.textContent = best.textContent;
  guess.append("Did you mean ", link, "?");
  guess.hidden = false;
})();
