"""The weekly re-check, as one command the workflow runs (scripts/freshness-loop).

1. ``check-freshness --fix``: newer releases are written into data/packages.yml,
   and the code samples' pins in samples/pyproject.toml follow (:mod:`.pins`);
2. ``check-sources``: dead links, moves, quotations no longer on their page;
3. ``validate``: the fixed data must still build;
4. the pull request's text, written to ``--body``: what changed, which sentences
   to re-read (with their pages), what the sources check found.

Each step is the ``comparison`` command itself, run as a child process with
its output kept, so the loop cannot drift from what an editor runs by hand.
Pushing and opening the pull request are the workflow's own steps
(.github/workflows/freshness.yml): nothing here needs credentials. Under
GitHub Actions each step's exit code is also written to $GITHUB_OUTPUT.

Exit code: 0 nothing changed and nothing to fix; 1 the data changed or a source
needs fixing (a pull request or an editor is needed); 2 a check could not be
made, or the fixed data does not validate (nothing should be proposed).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from macros.freshness.packages import Package, read_packages
from macros.freshness.pins import update_pins
from macros.paths import add_data_arguments, data_paths

# Runs one `comparison` command in a child Python (the package stays importable
# from wherever this one was).
_RUN = "import sys; from macros.cli import main; sys.exit(main(sys.argv[1:]))"
RECHECKED = (
    "Facts are re-checked every Monday by `.github/workflows/freshness.yml`: package "
    "versions and release dates against PyPI (`scripts/check-freshness --fix`), and every "
    "cited page for dead links, moves and quotations no longer there "
    "(`scripts/check-sources`). Changes come as one pull request; an editor re-reads the "
    "sentences listed before merging it."
)


@dataclass(frozen=True)
class Step:
    command: str
    code: int
    output: str


def run(command: str, *args: str) -> Step:
    result = subprocess.run(
        [sys.executable, "-c", _RUN, command, *args],
        capture_output=True,
        text=True,
        check=False,
    )
    return Step(command, result.returncode, result.stdout + result.stderr)


def changes(before: list[Package], after: list[Package]) -> list[str]:
    """One line per entry of data/packages.yml whose version or date the fix changed."""
    old = {p.id: p for p in before}
    lines = []
    for new in after:
        was = old.get(new.id)
        if was is None or (was.version, was.released) == (new.version, new.released):
            continue
        if was.version == new.version:
            lines.append(f"- {new.name} {new.version}: released {was.released} -> {new.released}")
        else:
            lines.append(
                f"- {new.name} {was.version} ({was.released}) -> {new.version} ({new.released})"
            )
    return lines


def section(output: str, title: str) -> list[str]:
    """The indented lines printed under ``title (N):`` in a check's output."""
    lines = output.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith(f"{title} (")), None)
    if start is None:
        return []
    found = []
    for line in lines[start + 1 :]:
        if not line.startswith("  "):
            break
        found.append(line)
    return found


def body(steps: dict[str, Step], changed: list[str], today: date) -> str:
    freshness, sources, valid = steps["check-freshness"], steps["check-sources"], steps["validate"]
    parts = [f"Weekly re-check of the site's facts, {today.isoformat()}.", "", "## What changed"]
    parts += changed or ["Nothing in `data/packages.yml`."]
    reread = section(freshness.output, "Sentences to re-read")
    parts += ["", "## Sentences to re-read", ""]
    if reread:
        parts += [
            "Each line is `file:line (page): why: sentence`. Update what the sentence says, "
            "or confirm it still holds, before merging.",
            "",
            "```",
            *(line[2:] for line in reread),
            "```",
        ]
    else:
        parts.append("None.")
    parts += ["", "## Sources", "", "```", sources.output.rstrip() or "(no output)", "```"]
    parts += ["", "## Checks", ""]
    parts += [f"- `comparison {s.command}`: exit {s.code}" for s in steps.values()]
    if valid.code != 0:
        parts += ["", "```", valid.output.rstrip(), "```"]
    parts += ["", "---", "", RECHECKED, ""]
    return "\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="scripts/freshness-loop",
        description="Run check-freshness --fix, check-sources and validate; write the pull "
        "request's text. Exit 0 nothing to do, 1 changes or fixes to review, 2 could not "
        "check or the fixed data does not validate.",
    )
    add_data_arguments(parser)
    parser.add_argument("--body", type=Path, required=True, help="where to write the PR text")
    parser.add_argument("--index-url", default=None, help="passed to check-freshness")
    parser.add_argument("--today", default=None, help="passed to check-freshness")
    parser.add_argument(
        "--sources-arg",
        action="append",
        default=[],
        metavar="ARG",
        help="passed to check-sources, e.g. --sources-arg=--no-cache",
    )
    args = parser.parse_args(argv)
    data_dir, root = data_paths(args)
    where = ["--data", str(data_dir), "--root", str(root)]
    before, _ = read_packages(data_dir / "packages.yml", root)
    fresh_args = [*where, "--fix"]
    fresh_args += ["--index-url", args.index_url] if args.index_url else []
    fresh_args += ["--today", args.today] if args.today else []
    steps = {"check-freshness": run("check-freshness", *fresh_args)}
    steps["check-sources"] = run("check-sources", *where, *args.sources_arg)
    steps["validate"] = run("validate", *where)
    after, _ = read_packages(data_dir / "packages.yml", root)
    changed = changes(before, after)
    pyproject = root / "samples" / "pyproject.toml"
    if changed and pyproject.is_file():  # the samples run against what the site describes
        was = {p.id: p.version for p in before}
        moved = update_pins(
            pyproject, {p.id: p.version for p in after if was.get(p.id) != p.version}
        )
        changed += [
            f"- samples/pyproject.toml, samples group: {name}=={old} -> {name}=={new} "
            "(samples/uv.lock regenerated with `make lock`)"
            for name, old, new in moved
        ]
    today = date.fromisoformat(args.today) if args.today else date.today()
    text = body(steps, changed, today)
    args.body.parent.mkdir(parents=True, exist_ok=True)
    args.body.write_text(text, encoding="utf-8")
    for step in steps.values():
        print(f"== comparison {step.command}: exit {step.code}\n{step.output.rstrip()}")
    print(f"The pull request's text: {args.body}")
    if outputs := os.environ.get("GITHUB_OUTPUT"):  # each step's exit code, for the workflow
        with open(outputs, "a", encoding="utf-8") as out:
            out.writelines(f"{s.command}={s.code}\n" for s in steps.values())
    codes = [s.code for s in steps.values()]
    if codes[0] == 2 or codes[1] == 2 or codes[2] != 0:
        return 2
    return 1 if 1 in codes else 0
