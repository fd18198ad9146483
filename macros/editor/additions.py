"""scripts/new-framework's additions to the files that must cover a new framework.

A new framework must appear in every dimension and in the decision helper, or
the build stops (coverage). scripts/new-framework adds it, marked so that
nothing looks finished and every value to write has its own placeholder (each
a warning at its file:line that strict builds refuse): a placeholder source
(`todo-<id>-source`) in data/sources.yml, where a source named after the
framework sorts; in every criterion of data/decision.yml the weight `todo` and
a placeholder reason, and placeholder situations under `choose`; in every
dimension, the framework's verdict and text, its cell in every table row and
the status `todo` in each row that has statuses.

Edits are text insertions, so comments and formatting stay as they are; each
edited file is parsed and validated before anything is written, and an edit
that would not hold (a mapping in flow style `{...}`, say) is left for the
editor and named in the list of what is left.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from macros.data import placeholders
from macros.data.document import FieldPath, YamlDocument
from macros.data.placeholders import MARKER, PLACEHOLDER_DATE
from macros.data.schema import validate
from macros.data.schema_refs import load_schema, resolve
from macros.data.yaml_reader import parse_yaml
from macros.problems import errors

URL_PLACEHOLDER = f"https://example.org/{MARKER}"
CHOOSE = placeholders.STATUSES_TO_CHOOSE


@dataclass
class Edit:
    path: Path  # the data file
    shown: str  # as editors see it, e.g. data/decision.yml
    kind: str  # its schema
    text: str  # the file as it is
    inserts: list[tuple[int, str]] = field(default_factory=list)  # (line index, lines to insert)
    replaced: dict[int, str] = field(default_factory=dict)  # line index: its new lines
    appended: str = ""
    manual: list[str] = field(default_factory=list)  # what could not be added, and why
    done: list[str] = field(default_factory=list)  # what was added

    def result(self) -> str:
        lines = self.text.splitlines(keepends=True)
        if lines and not lines[-1].endswith("\n"):
            lines[-1] += "\n"
        for index, new in self.replaced.items():
            lines[index] = new
        for index, added in sorted(self.inserts, key=lambda item: item[0], reverse=True):
            lines[index:index] = [added]
        return "".join(lines) + self.appended


def _read(path: Path, shown: str, kind: str) -> tuple[Edit, YamlDocument] | None:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    doc, problems = parse_yaml(text.encode("utf-8"), shown)
    if doc is None or errors(problems) or not isinstance(doc.value, dict):
        return None
    return Edit(path, shown, kind, text), doc


def _before_first_key(
    edit: Edit, doc: YamlDocument, path: FieldPath, entry: list[str], what: str
) -> None:
    """Insert ``entry`` (lines, relative indentation) as the mapping's first key at ``path``."""
    mapping: Any = doc.value
    for part in path:
        mapping = mapping[part]
    if not isinstance(mapping, dict) or not mapping:
        edit.manual.append(f"under {what} (it is empty or not a mapping)")
        return
    first = next(iter(mapping))
    line, column = doc.key_mark((*path, first))
    lines = edit.text.splitlines()
    current = lines[line - 1] if 0 < line <= len(lines) else ""
    prefix = current[: column - 1]
    if prefix.strip() or not current[column - 1 :].startswith(str(first)):
        edit.manual.append(f"under {what} (it is not written one key per line)")
        return
    edit.inserts.append((line - 1, "".join(f"{prefix}{text}\n" for text in entry)))
    edit.done.append(what)


def source_ids(data_dir: Path) -> list[str]:
    """The ids in data/sources.yml ([] when it is missing or broken)."""
    found = _read(data_dir / "sources.yml", "data/sources.yml", "sources.schema.json")
    return [] if found is None else sorted(str(key) for key in found[1].value)


def _source_entry(framework: str, source: str) -> str:
    """A placeholder source with every required field, from the schema."""
    schema, base = resolve(load_schema("sources.schema.json"), "sources.schema.json")
    item, base = resolve(schema["additionalProperties"], base)
    lines = [
        f"# A placeholder written by scripts/new-framework for {framework}'s releases: fill it",
        f"# in, or cite real sources in data/frameworks/{framework}.yml and delete it.",
        f"{source}:",
    ]
    for key, raw in item["properties"].items():
        if key not in item.get("required", []):
            continue
        field_schema, _ = resolve(raw, base)
        if field_schema.get("format") == "date":
            value = PLACEHOLDER_DATE
        elif field_schema.get("format") in ("https-url", "link"):
            value = f'"{URL_PLACEHOLDER}"'
        else:
            value = f'"{MARKER} fill in"'
        lines.append(f"  {key}: {value}")
    return "\n".join(lines) + "\n"


def _sources(data_dir: Path, framework: str, source: str) -> Edit | None:
    found = _read(data_dir / "sources.yml", "data/sources.yml", "sources.schema.json")
    if found is None:
        return None
    edit, doc = found
    entry = _source_entry(framework, source)
    # Where a source named after the framework sorts ('litestar-docs'), so that filling
    # the placeholder in place keeps the order; the ordering check skips placeholder ids.
    later = [key for key in doc.value if str(key) > framework]
    if not later:
        edit.appended = "\n" + entry
    else:
        line, _ = doc.key_mark((later[0],))
        index = line - 1
        lines = edit.text.splitlines()
        while index > 0 and lines[index - 1].startswith("#"):
            index -= 1  # an entry's comments stay above it
        edit.inserts.append((index, entry + "\n"))
    edit.done.append(f"a placeholder source '{source}'")
    return edit


def _decision(data_dir: Path, framework: str) -> Edit | None:
    found = _read(data_dir / "decision.yml", "data/decision.yml", "decision.schema.json")
    if found is None:
        return None
    edit, doc = found
    criteria = doc.value.get("criteria")
    for index, criterion in enumerate(criteria if isinstance(criteria, list) else []):
        name = criterion.get("id", index) if isinstance(criterion, dict) else index
        _before_first_key(
            edit,
            doc,
            ("criteria", index, "weights"),
            [f"{framework}: {placeholders.PLACEHOLDER_STATUS}  # 0 (no help) to 3 (a strong fit)"],
            f"criteria '{name}' weights",
        )
        _before_first_key(
            edit,
            doc,
            ("criteria", index, "reasons"),
            [f'{framework}: "{MARKER} why {framework} scores as it does; then set its weight"'],
            f"criteria '{name}' reasons",
        )
    if isinstance(doc.value.get("choose"), dict):
        _before_first_key(
            edit,
            doc,
            ("choose",),
            [f"{framework}:", f'  - "{MARKER} a situation that favours {framework}"'],
            "choose",
        )
    return edit


def _dimension(path: Path, framework: str) -> Edit | None:
    found = _read(path, f"data/dimensions/{path.name}", "dimension.schema.json")
    if found is None:
        return None
    edit, doc = found
    if isinstance(doc.value.get("frameworks"), dict):
        _before_first_key(edit, doc, ("frameworks",), _take(framework), "take")
    rows = doc.value.get("table")
    for index, row in enumerate(rows if isinstance(rows, list) else []):
        if not isinstance(row, dict):
            continue
        name = row.get("id", index)
        if isinstance(row.get("values"), dict):
            _before_first_key(
                edit,
                doc,
                ("table", index, "values"),
                [f'{framework}: "{MARKER} {framework}\'s cell for this row"'],
                f"value of row '{name}'",
            )
        if isinstance(row.get("status"), dict) and row["status"]:
            _before_first_key(  # a status the editor must choose, never a plausible one
                edit,
                doc,
                ("table", index, "status"),
                [f"{framework}: {placeholders.PLACEHOLDER_STATUS}  # {CHOOSE}"],
                f"status of row '{name}'",
            )
    return edit


def _take(framework: str) -> list[str]:
    """The framework's entry in a dimension: a verdict and a text to write."""
    return [
        f"{framework}:",
        f'  verdict: "{MARKER} one line on {framework} for this topic, in its own terms '
        '(pair pages show it beside one other framework)"',
        "  text: |",
        f"    {MARKER} what {framework} offers for this topic, how it works and where it",
        "    stops, each fact citing its source: at least 100 words.",
    ]


def plan(data_dir: Path, framework: str, source: str) -> list[Edit]:
    """Every addition for a new framework, checked; nothing is written yet."""
    edits = [
        _sources(data_dir, framework, source),
        _decision(data_dir, framework),
        *(_dimension(path, framework) for path in sorted((data_dir / "dimensions").glob("*.yml"))),
    ]
    planned = []
    for edit in edits:
        if edit is None:
            continue
        doc, problems = parse_yaml(edit.result().encode("utf-8"), edit.shown)
        if doc is not None and not errors(problems):
            problems = validate(doc, edit.kind).problems
        if doc is None or errors(problems):  # pragma: no cover - a bug in the edits above
            edit.manual = [
                f"where it belongs (the automatic addition failed: {errors(problems)[0]})"
            ]
            edit.inserts, edit.appended, edit.done = [], "", []
        planned.append(edit)
    return planned


def apply(edits: list[Edit]) -> None:
    for edit in edits:
        if not edit.inserts and not edit.appended and not edit.replaced:
            continue
        fd, temp = tempfile.mkstemp(dir=edit.path.parent, prefix=f".{edit.path.name}.")
        with os.fdopen(fd, "w", encoding="utf-8") as stream:
            stream.write(edit.result())
        os.replace(temp, edit.path)
