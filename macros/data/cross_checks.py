"""Checks across data files: references resolve, text rules, ids unique site-wide."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from macros import messages
from macros.data.document import YamlDocument
from macros.data.field_rules import is_safe_link
from macros.data.layout import FOLDERS, DataFile, FileKind
from macros.data.model import PROFILE_ROW_IDS
from macros.data.schema import Reference, field_name
from macros.problems import Problem
from macros.safety.allowlist import SITE_PATH
from macros.safety.grammar import code_point


def _doc(file: DataFile) -> YamlDocument:
    """The parsed document of a file that parsed (these checks see only those)."""
    assert file.doc is not None
    return file.doc


def check_references(
    loaded: list[DataFile], shown: dict[Path, str], data_dir: Path
) -> list[Problem]:
    known: dict[str, set[str]] = {
        "framework": set(),
        "dimension": set(),
        "source": set(),
        "row": set(PROFILE_ROW_IDS),
    }
    for path in shown:
        rel = path.relative_to(data_dir).parts
        if len(rel) == 2 and rel[0] in FOLDERS and path.suffix == ".yml":
            known[rel[0][:-1]].add(path.stem)
    for item in loaded:
        if item.kind == "sources.schema.json" and isinstance(_doc(item).value, dict):
            known["source"].update(_doc(item).value)
        if item.kind == "dimension.schema.json":
            known["row"].update(_row_ids(item.value))

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
                line, column = _doc(item).locate(field_path, int(ref.path[-1][1:]))
            else:
                field_path = ref.path
                line, column = (_doc(item).key_mark if ref.is_key else _doc(item).mark)(ref.path)
            close = difflib.get_close_matches(ref.value, sorted(known[ref.kind]), n=1, cutoff=0.6)
            if close:
                hint = messages.hint("unknown-reference", close=close[0])
            elif ref.kind == "source":
                hint = "add it to data/sources.yml"
            else:
                hint = f"known {ref.kind}s: " + ", ".join(sorted(known[ref.kind]))
            problems.append(
                Problem(
                    _doc(item).path,
                    line,
                    column,
                    field_name(field_path),
                    messages.text("unknown-reference", kind=ref.kind, value=ref.value),
                    hint,
                )
            )
    return problems


def _row_ids(dimension: dict[str, Any]) -> Iterator[str]:
    """The ids of a dimension's table rows (the changelog refers to them)."""
    table = dimension.get("table")
    for row in table if isinstance(table, list) else []:
        if isinstance(row, dict) and isinstance(row.get("id"), str):
            yield row["id"]


def check_text(loaded: list[DataFile]) -> list[Problem]:
    problems = []
    for item in loaded:
        for path, report in item.texts:
            for issue in report.issues:
                line, column = _doc(item).locate(path, issue.offset)
                problems.append(
                    Problem(
                        _doc(item).path, line, column, field_name(path), issue.message, issue.hint
                    )
                )
    return problems


def check_site_url(loaded: list[DataFile]) -> list[Problem]:
    """site.yml's url: its path goes into the theme's scripts (the 404 page's base URL),
    which the inline-script allowlist matches character by character. The one check of
    the address's path (the schema checks only that it is an https:// address): a
    character it may not hold, '//' or no '/' at the end, each said once at ``url:``."""
    problems = []
    for item in loaded:
        value = _doc(item).value
        url = value.get("url") if item.kind == FileKind.SITE and isinstance(value, dict) else None
        if not isinstance(url, str) or not is_safe_link(url, False):
            continue  # the schema reports it (its https-url format)
        rest = url[len("https://") :]
        slash = rest.find("/")
        path = rest[slash:] if slash != -1 else "/"
        bad = next(
            (char for char in path if not SITE_PATH.fullmatch(f"/{char}") or char == "\\"),
            None,
        )
        line, column = _doc(item).mark(("url",))
        if bad is not None:
            shown = f"'{bad}' ({code_point(bad)})" if bad.isprintable() else code_point(bad)
        elif "//" in path:  # '//host' after the site's host reads as another host
            shown = "'//' (two slashes in a row)"
        elif not path.endswith("/"):
            problems.append(
                messages.problem("site-url-end", _doc(item).path, line, column, "url", url=url)
            )
            continue
        else:
            continue
        problems.append(
            messages.problem(
                "site-url-path", _doc(item).path, line, column, "url", url=url, char=shown
            )
        )
    return problems


# Headings on the FAQ page: a question id must not clash with them as an anchor.
_FAQ_PAGE_ANCHORS = {"general", "frequently-asked-questions"}


def check_unique_ids(loaded: list[DataFile]) -> list[Problem]:
    """Table rows and questions become link anchors: each id once across all files."""
    problems = []
    seen = {
        ("table row", row_id): "a row the site builds from framework profiles"
        for row_id in PROFILE_ROW_IDS
    }
    dimension_ids = {i.id for i in loaded if i.kind == "dimension.schema.json" and i.id}
    headings = _FAQ_PAGE_ANCHORS | dimension_ids
    for item in sorted(loaded, key=lambda i: i.path):
        value = _doc(item).value if isinstance(_doc(item).value, dict) else {}
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
                path = (key, index, "id")
                line, column = _doc(item).mark(path)
                where = f"{item.path}:{line}:{column}"
                if what == "question" and entry_id in headings:
                    heading = messages.CORE["question-is-heading"]
                    problems.append(item.problem(heading, path, at=(line, column), id=entry_id))
                first = seen.setdefault((what, entry_id), where)
                if first != where:
                    duplicate = messages.CORE["duplicate-id"]
                    problems.append(
                        item.problem(
                            duplicate, path, at=(line, column), what=what, id=entry_id, first=first
                        )
                    )
    return problems
