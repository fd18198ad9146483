/* Run the site's search worker (content/assets/javascripts/workers/search-fuzzy.js
   and, through it, Material's worker) in Node, the way a browser would: a SETUP
   message with a built search index, then one QUERY message per query.

   usage: node search_worker.js [--groups] <search-fuzzy.js> <material worker> <search_index.json> <query>...
   prints: {"<query>": ["<location>", ...], ...} as JSON; with --groups,
   {"<query>": {"groups": [["<location>", ...], ...], "correction": {...} or null}}:
   one list per result page, in the order shown, and what the worker corrected.
   A query written "verbatim:<text>" asks for <text> as typed, as the page's
   "Search instead for" button does (search-on-demand.js). */
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const args = process.argv.slice(2);
const groups = args[0] === "--groups" ? Boolean(args.shift()) : false;
const [fuzzy, material, indexFile, ...queries] = args;
const listeners = [];
const replies = [];
const context = {
  console,
  location: { hash: "#" + encodeURIComponent(path.basename(material)) },
  addEventListener: (type, fn) => { if (type === "message") listeners.push(fn); },
  postMessage: (message) => replies.push(message),
  importScripts: (...urls) => {
    for (const url of urls) {
      const file = path.resolve(path.dirname(fuzzy), url);
      if (path.basename(file) !== path.basename(material)) throw new Error("unexpected script " + url);
      vm.runInContext(fs.readFileSync(material, "utf8"), context, { filename: file });
    }
  },
};
context.self = context;
vm.createContext(context);
vm.runInContext(fs.readFileSync(fuzzy, "utf8"), context, { filename: fuzzy });

async function send(message, reply = true) {
  const before = replies.length;
  let stopped = false;
  const event = { data: message, stopImmediatePropagation: () => { stopped = true; } };
  for (const listener of listeners) {
    if (stopped) break;
    await listener(event);
  }
  if (!reply) return null;
  while (replies.length === before) await new Promise((resolve) => setTimeout(resolve, 1));
  return replies[replies.length - 1];
}

(async () => {
  const index = JSON.parse(fs.readFileSync(indexFile, "utf8"));
  await send({ type: 0, data: { config: index.config, docs: index.docs, options: { suggest: false } } });
  const out = {};
  for (const query of queries) {
    let text = query;
    if (text.startsWith("verbatim:")) {
      text = text.slice("verbatim:".length);
      await send({ type: "search-verbatim", data: text }, false);
    }
    const reply = await send({ type: 2, data: text });
    const pages = reply.data.items.map((group) => group.map((item) => item.location));
    out[query] = groups ? { groups: pages, correction: reply.data.correction || null } : pages.flat();
  }
  process.stdout.write(JSON.stringify(out));
})().catch((error) => { console.error(error); process.exit(1); });
