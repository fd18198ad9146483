"""Saves that lose content are noticed (issue 24, part 3).

A half-saved file (cut mid-paragraph) can still be valid YAML: the topic's
table row and question then silently vanish from the preview. The preview
keeps an inventory of the last good build (each file's table row ids, question
ids and the words of each text field) and, after every good build, says what a
save removed since: a warning, never an error, since a deletion can be meant.

A file keeps the inventory from before its loss until the content is back (or
the preview restarts), so the warning does not vanish at the next, unrelated
save. Framework-free: the plugin holds a :class:`ContentWatch` across rebuilds.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from macros import messages
from macros.data.document import FieldPath
from macros.data.layout import DataFile
from macros.problems import Problem

ROWS = ("table",)  # list keys whose items (with an `id`) are table rows
QUESTIONS = ("faq", "questions")  # ... and questions
MIN_WORDS = 20  # a shorter text is too small for "most of it" to mean a lost save
LOST_SHARE = 0.5  # a text that lost more than this share of its words


@dataclass(frozen=True)
class FileInventory:
    rows: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
    words: dict[str, int] = field(default_factory=dict)  # keyed field name -> word count


def keyed_name(value: Any, path: FieldPath) -> str:
    """The field's name with list items named by their `id` when they have one
    ('faq[csp].a', not 'faq[2].a'), so that removing an item moves no other name."""
    text = ""
    for part in path:
        if isinstance(part, int):
            item = value[part] if isinstance(value, list) and part < len(value) else None
            ident = item.get("id") if isinstance(item, dict) else None
            text += f"[{ident}]" if isinstance(ident, str) else f"[{part}]"
            value = item
        else:
            text += f".{part}" if text else part
            value = value.get(part) if isinstance(value, dict) else None
    return text


def _ids(value: dict[str, Any], keys: Sequence[str]) -> tuple[str, ...]:
    found: list[str] = []
    for key in keys:
        items = value.get(key)
        if isinstance(items, list):
            ids = (item.get("id") for item in items if isinstance(item, dict))
            found += [ident for ident in ids if isinstance(ident, str)]
    return tuple(found)


def inventory(file: DataFile) -> FileInventory:
    value = file.value
    return FileInventory(
        rows=_ids(value, ROWS),
        questions=_ids(value, QUESTIONS),
        words={keyed_name(value, path): len(text.split()) for path, text in file.markdown},
    )


def _listed(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def removed(before: FileInventory, after: FileInventory) -> list[str]:
    """What ``after`` lacks, in words: "the table row 'csp'", "72 of the 80 words of
    frameworks.flask.text"."""
    rows = [r for r in before.rows if r not in after.rows]
    questions = [q for q in before.questions if q not in after.questions]
    said = [f"the table row '{r}'" for r in rows] + [f"the question '{q}'" for q in questions]
    gone_items = [f"[{i}]" for i in (*rows, *questions)]
    for name, count in before.words.items():
        if count < MIN_WORDS or any(item in name for item in gone_items):
            continue  # too short to judge, or part of an item already named
        left = after.words.get(name, 0)
        if count - left > count * LOST_SHARE:
            lost = f"{count - left} of the {count} words of {name}"
            said.append(f"the text {name}" if left == 0 else lost)
    return said


class ContentWatch:
    """The last good build's inventory, kept across the preview's rebuilds."""

    def __init__(self, data_dir: Path | None = None) -> None:
        # MkDocs keeps one plugin instance per process and configuration, even for
        # another project's mkdocs.yml: the inventory belongs to one data folder.
        self.data_dir = data_dir
        self.last_good: dict[str, FileInventory] = {}

    def check(self, files: Iterable[DataFile]) -> list[Problem]:
        """After a good build: what each file lost since the last good build, as warnings.
        A file that lost nothing (or is new) becomes the new reference."""
        found: list[Problem] = []
        for file in files:
            if file.doc is None:
                continue
            now = inventory(file)
            before = self.last_good.get(file.path)
            lost = removed(before, now) if before is not None else []
            if not lost:
                self.last_good[file.path] = now
                continue
            code = "content-lost" if file.data.endswith(b"\n") else "content-lost-truncated"
            found.append(messages.file_problem(file.path, code, what=_listed(lost), file=file.path))
        return found
