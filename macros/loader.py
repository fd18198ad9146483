"""Load the data folder into a validated :class:`Dataset`, collecting every problem.

Layout (ids come from file names)::

    data/site.yml              site.schema.json       required
    data/sources.yml           sources.schema.json    required
    data/faq.yml               faq.schema.json        optional
    data/decision.yml          decision.schema.json   optional
    data/frameworks/<id>.yml   framework.schema.json  two or more
    data/dimensions/<id>.yml   dimension.schema.json  one or more

Every file is read and checked before anything stops, so an editor sees all
problems of all files in one report.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from macros.model import (
    PROFILE_ROW_IDS,
    CallToAction,
    Criterion,
    Dataset,
    Decision,
    Dimension,
    Framework,
    Question,
    Release,
    Site,
    Source,
    TableRow,
    Take,
)
from macros.placeholders import placeholder_problems
from macros.problems import DataError, Problem, errors
from macros.schema import Reference, field_name, load_schema, validate
from macros.textcheck import TextReport, analyse
from macros.yamlsource import FieldPath, YamlDocument, display_path, read_yaml, value_at

SINGLE_FILES = {
    "site.yml": ("site.schema.json", True),
    "sources.yml": ("sources.schema.json", True),
    "faq.yml": ("faq.schema.json", False),
    "decision.yml": ("decision.schema.json", False),
}
FOLDERS = {"frameworks": "framework.schema.json", "dimensions": "dimension.schema.json"}
_ID = re.compile(load_schema("common.schema.json")["$defs"]["id"]["pattern"])
_IGNORED = re.compile(r"^\.|~$|\.(swp|swo|bak|tmp|orig)$")


@dataclass
class _Loaded:
    kind: str  # schema file name
    id: str | None  # for framework and dimension files
    doc: YamlDocument
    references: list[Reference]
    texts: list[tuple[FieldPath, TextReport]]  # every Markdown field, checked once


def data_files(data_dir: Path) -> list[Path]:
    """Every file the loader reads or should complain about, sorted."""
    found = []
    for path in sorted(data_dir.rglob("*")):
        if path.is_file() and not any(_IGNORED.search(p) for p in path.relative_to(data_dir).parts):
            found.append(path)
    return found


def load_dataset(data_dir: Path, root: Path | None = None) -> tuple[Dataset | None, list[Problem]]:
    """Read and check everything; the dataset is None when there are errors."""
    root = root or data_dir.parent
    problems: list[Problem] = []
    loaded: list[_Loaded] = []
    shown = {path: display_path(path, root) for path in data_files(data_dir)}
    if not data_dir.is_dir():
        shown_dir = display_path(data_dir, root)
        return None, [Problem(shown_dir, 0, 0, "", "the data folder does not exist")]

    classified = {path: _classify(path, data_dir, name) for path, name in shown.items()}
    for path, name in shown.items():
        kind, file_id, problem = classified[path]
        if problem:
            problems.append(problem)
            continue
        if kind is None:
            continue
        doc, read_problems = read_yaml(path, name)
        problems.extend(read_problems)
        if doc is None:
            continue
        result = validate(doc, kind)
        problems.extend(result.problems)
        texts = [
            (path, analyse(text, text_kind))
            for path, text_kind in result.markdown
            if isinstance(text := value_at(doc.value, path), str)
        ]
        loaded.append(_Loaded(kind, file_id, doc, result.references, texts))

    present = {kind for kind, _, _ in classified.values() if kind}
    for file_name, (kind, required) in SINGLE_FILES.items():
        if required and kind not in present:
            problems.append(
                Problem(
                    display_path(data_dir / file_name, root),
                    0,
                    0,
                    "",
                    "the file is missing",
                    f"create it: see macros/schemas/{kind}",
                )
            )
    for folder, kind in FOLDERS.items():
        count = sum(1 for found, _, _ in classified.values() if found == kind)
        needed = 2 if folder == "frameworks" else 1
        if count < needed:
            problems.append(
                Problem(
                    display_path(data_dir / folder, root),
                    0,
                    0,
                    "",
                    f"needs at least {needed} file{'s' * (needed > 1)}",
                    f"add one with scripts/new-{folder[:-1]}",
                )
            )

    problems.extend(_check_references(loaded, shown, data_dir))
    problems.extend(_check_text(loaded))
    problems.extend(_check_unique_ids(loaded))
    problems.extend(w for item in loaded for w in placeholder_problems(item.doc))  # warnings
    if errors(problems):
        return None, problems
    return _build(loaded, tuple(shown.values())), problems


def load_or_raise(data_dir: Path, root: Path | None = None) -> Dataset:
    dataset, problems = load_dataset(data_dir, root)
    if dataset is None:
        raise DataError(problems)
    return dataset


def _classify(
    path: Path, data_dir: Path, name: str
) -> tuple[str | None, str | None, Problem | None]:
    rel = path.relative_to(data_dir)
    parts = rel.parts
    if path.suffix == ".yaml":
        return (
            None,
            None,
            Problem(name, 0, 0, "", "data files end in .yml", f"rename it to {path.stem}.yml"),
        )
    if path.suffix != ".yml":
        return None, None, None  # notes or images beside the data are fine
    if len(parts) == 1 and parts[0] in SINGLE_FILES:
        return SINGLE_FILES[parts[0]][0], None, None
    if len(parts) == 2 and parts[0] in FOLDERS:
        if not _ID.fullmatch(path.stem):
            return (
                None,
                None,
                Problem(
                    name,
                    0,
                    0,
                    "",
                    f"'{path.stem}' is not a valid id",
                    "the file name is the id: use lower-case letters, digits "
                    "and single hyphens, e.g. 'real-time.yml'",
                ),
            )
        return FOLDERS[parts[0]], path.stem, None
    known = ", ".join([*SINGLE_FILES, *(f"{f}/<id>.yml" for f in FOLDERS)])
    return (
        None,
        None,
        Problem(
            name, 0, 0, "", "the site does not know this data file", f"data files are: {known}"
        ),
    )


def _check_references(
    loaded: list[_Loaded], shown: dict[Path, str], data_dir: Path
) -> list[Problem]:
    known: dict[str, set[str]] = {"framework": set(), "dimension": set(), "source": set()}
    for path in shown:
        rel = path.relative_to(data_dir).parts
        if len(rel) == 2 and rel[0] in FOLDERS and path.suffix == ".yml":
            known[rel[0][:-1]].add(path.stem)
    for item in loaded:
        if item.kind == "sources.schema.json" and isinstance(item.doc.value, dict):
            known["source"].update(item.doc.value)

    problems = []
    for item in loaded:
        refs = list(item.references)
        for text_path, report in item.texts:
            refs.extend(
                Reference("source", sid, (*text_path, f"@{offset}"), False)
                for offset, sid in report.citations
            )
        for ref in refs:
            if ref.value in known[ref.kind]:
                continue
            if ref.path and isinstance(ref.path[-1], str) and ref.path[-1].startswith("@"):
                field_path = ref.path[:-1]
                line, column = item.doc.locate(field_path, int(ref.path[-1][1:]))
            else:
                field_path = ref.path
                line, column = (item.doc.key_mark if ref.is_key else item.doc.mark)(ref.path)
            close = difflib.get_close_matches(ref.value, sorted(known[ref.kind]), n=1, cutoff=0.6)
            if close:
                hint = f"did you mean '{close[0]}'?"
            elif ref.kind == "source":
                hint = "add it to data/sources.yml"
            else:
                hint = f"known {ref.kind}s: " + ", ".join(sorted(known[ref.kind]))
            problems.append(
                Problem(
                    item.doc.path,
                    line,
                    column,
                    field_name(field_path),
                    f"unknown {ref.kind} '{ref.value}'",
                    hint,
                )
            )
    return problems


def _check_text(loaded: list[_Loaded]) -> list[Problem]:
    problems = []
    for item in loaded:
        for path, report in item.texts:
            for issue in report.issues:
                line, column = item.doc.locate(path, issue.offset)
                problems.append(
                    Problem(
                        item.doc.path, line, column, field_name(path), issue.message, issue.hint
                    )
                )
    return problems


# Headings on the FAQ page: a question id must not clash with them as an anchor.
_FAQ_PAGE_ANCHORS = {"general", "frequently-asked-questions"}


def _check_unique_ids(loaded: list[_Loaded]) -> list[Problem]:
    """Table rows and questions become link anchors: each id once across all files."""
    problems = []
    seen = {
        ("table row", row_id): "a row the site builds from framework profiles"
        for row_id in PROFILE_ROW_IDS
    }
    dimension_ids = {i.id for i in loaded if i.kind == "dimension.schema.json" and i.id}
    headings = _FAQ_PAGE_ANCHORS | dimension_ids
    for item in sorted(loaded, key=lambda i: i.doc.path):
        value = item.doc.value if isinstance(item.doc.value, dict) else {}
        groups = [
            ("table row", "table"),
            ("question", "faq"),
            ("question", "questions"),
            ("criterion", "criteria"),
        ]
        for what, key in groups:
            entries = value.get(key)
            if not isinstance(entries, list):
                continue
            for index, entry in enumerate(entries):
                entry_id = entry.get("id") if isinstance(entry, dict) else None
                if not isinstance(entry_id, str):
                    continue
                line, column = item.doc.mark((key, index, "id"))
                where = f"{item.doc.path}:{line}:{column}"
                if what == "question" and entry_id in headings:
                    problems.append(
                        Problem(
                            item.doc.path,
                            line,
                            column,
                            f"{key}[{index}].id",
                            f"the question id '{entry_id}' is also a heading on the FAQ page",
                            f"choose another id, e.g. '{entry_id}-question'",
                        )
                    )
                first = seen.setdefault((what, entry_id), where)
                if first != where:
                    problems.append(
                        Problem(
                            item.doc.path,
                            line,
                            column,
                            f"{key}[{index}].id",
                            f"the {what} id '{entry_id}' is used twice",
                            f"{first} has it already; ids must be unique",
                        )
                    )
    return problems


def _release(raw: dict[str, Any] | None) -> Release | None:
    return Release(raw.get("version"), raw["date"], raw["source"]) if raw else None


def _question(raw: dict[str, Any], dimension: str | None) -> Question:
    return Question(raw["id"], raw["q"].strip(), raw["a"], dimension)


def _build(loaded: list[_Loaded], files: tuple[str, ...]) -> Dataset:
    by_kind: dict[str, list[_Loaded]] = {}
    for item in loaded:
        by_kind.setdefault(item.kind, []).append(item)

    def single(kind: str) -> dict[str, Any] | None:
        items = by_kind.get(kind)
        return items[0].doc.value if items else None

    site_raw = single("site.schema.json") or {}
    cta = site_raw.get("call_to_action")
    site = Site(
        title=site_raw["title"].strip(),
        description=site_raw["description"].strip(),
        url=site_raw["url"],
        licence=site_raw.get("licence"),
        featured=(site_raw["featured"][0], site_raw["featured"][1]),
        intro=site_raw["intro"],
        verdict=site_raw["verdict"],
        call_to_action=CallToAction(cta["text"], cta["url"]) if cta else None,
    )
    frameworks = []
    for item in by_kind.get("framework.schema.json", []):
        raw = item.doc.value
        assert item.id is not None
        frameworks.append(
            Framework(
                id=item.id,
                name=raw["name"].strip(),
                tagline=raw["tagline"].strip(),
                order=raw.get("order", 100),
                first_release=_release(raw["first_release"]),  # type: ignore[arg-type]
                latest_release=_release(raw["latest_release"]),  # type: ignore[arg-type]
                lts_release=_release(raw.get("lts_release")),
                licence=raw["licence"].strip(),
                governance=raw["governance"].strip(),
                homepage=raw["homepage"],
                docs=raw["docs"],
                repository=raw["repository"],
                python=raw["python"].strip(),
                profile=raw["profile"],
            )
        )
    frameworks.sort(key=lambda f: (f.order, f.name.lower()))

    dimensions = []
    for item in by_kind.get("dimension.schema.json", []):
        raw = item.doc.value
        assert item.id is not None
        dimensions.append(
            Dimension(
                id=item.id,
                title=raw["title"].strip(),
                order=raw["order"],
                summary=raw["summary"],
                last_reviewed=raw["last_reviewed"],
                takes={
                    fid: Take(t["verdict"].strip(), t["text"])
                    for fid, t in raw["frameworks"].items()
                },
                unknown=tuple(raw.get("unknown", [])),
                table=tuple(
                    TableRow(
                        r["id"],
                        r["label"].strip(),
                        {k: v.strip() for k, v in r["values"].items()},
                        item.id,
                    )
                    for r in raw.get("table", [])
                ),
                faq=tuple(_question(q, item.id) for q in raw.get("faq", [])),
            )
        )
    dimensions.sort(key=lambda d: (d.order, d.id))

    faq_raw = single("faq.schema.json") or {"questions": []}
    sources = {
        sid: Source(
            sid,
            s["title"].strip(),
            s["url"],
            s["publisher"].strip(),
            s["checked"],
            s.get("published"),
            s["supports"].strip(),
        )
        for sid, s in (single("sources.schema.json") or {}).items()
    }
    decision_raw = single("decision.schema.json")
    decision = None
    if decision_raw:
        decision = Decision(
            intro=decision_raw["intro"],
            criteria=tuple(
                Criterion(
                    c["id"],
                    c["label"].strip(),
                    c.get("dimension"),
                    dict(c["weights"]),
                    {k: v.strip() for k, v in c["reasons"].items()},
                )
                for c in decision_raw["criteria"]
            ),
            choose={k: tuple(v) for k, v in decision_raw.get("choose", {}).items()},
        )
    return Dataset(
        site=site,
        frameworks=tuple(frameworks),
        dimensions=tuple(dimensions),
        general_faq=tuple(_question(q, None) for q in faq_raw["questions"]),
        sources=sources,
        decision=decision,
        files=files,
    )
