"""Unfilled placeholders that scripts/new-dimension and new-framework write.

A scaffolded file must be valid (the preview shows it at once), yet its
placeholder prose must never reach the published site. So the loader reports
every placeholder as a warning: the preview still builds, while a strict build
(`make build`, `mkdocs build --strict`) fails on the logged warning.

Placeholders are text containing the marker ``TODO:`` (outside code, so a
code sample's ``# TODO:`` comment is fine); where a field's format leaves no
room for a marker, the sentinel version and date below; and ids (values, or
keys such as a source's) that start with ``todo-``, e.g. ``todo-gamma-source``;
and the value ``todo`` as a table row's status or a decision criterion's weight
(the schemas allow it there so the preview shows the row or criterion, without
a status or weight, while the editor decides it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from macros.data.document import FieldPath, YamlDocument, text_values
from macros.data.schema import field_name
from macros.data.text_rules import blank_code
from macros.problems import Problem, Severity

MARKER = "TODO:"
PLACEHOLDER_VERSION = "0.0.0"
PLACEHOLDER_DATE = "1970-01-01"
SENTINELS = (PLACEHOLDER_VERSION, PLACEHOLDER_DATE)
ID_PREFIX = "todo-"
PLACEHOLDER_STATUS = "todo"
# What a scaffold leaves to replace, as its comments and messages say it.
TO_REPLACE = (
    f"'{MARKER}' (and every {PLACEHOLDER_VERSION}, {PLACEHOLDER_DATE}, {ID_PREFIX} id "
    f"or status {PLACEHOLDER_STATUS})"
)
STATUSES_TO_CHOOSE = "built-in, partial, official-extension, third-party or not-available"
PLACEHOLDER_ID = re.compile(r"todo(-[a-z0-9]+)+")
TEXT_MESSAGE = "placeholder text '{snippet}'"
VALUE_MESSAGE = "placeholder value '{value}'"
HINT = "write the real text, then remove the marker; a strict build refuses to publish placeholders"
SENTINEL_HINT = "fill in the real value; a strict build refuses to publish placeholders"
STATUS_MESSAGE = "placeholder status '{value}'"
STATUS_HINT = (
    "write how {framework} provides this row's feature: "
    + STATUSES_TO_CHOOSE
    + ", or delete the line if no single status fits its cell; "
    "a strict build refuses to publish placeholders"
)
WEIGHT_MESSAGE = "placeholder weight '{value}'"
WEIGHT_HINT = (
    "write how strongly this criterion favours {framework}: 0 (no help) to 3 (a strong fit), "
    "and say why in its reason; a strict build refuses to publish placeholders"
)
ID_MESSAGE = "placeholder id '{value}'"
ID_HINT = (
    "replace it with the real id (for a source: an id from data/sources.yml); "
    "a strict build refuses to publish placeholders"
)


def _keys(value: Any, path: FieldPath = ()) -> Iterator[tuple[FieldPath, str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield (*path, key), str(key)
            yield from _keys(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _keys(item, (*path, index))


def _is_status(path: FieldPath) -> bool:
    """A table row's status for one framework: table[i].status.<framework>."""
    return len(path) == 4 and path[0] == "table" and path[2] == "status"


def _is_weight(path: FieldPath) -> bool:
    """A decision criterion's weight for one framework: criteria[i].weights.<framework>."""
    return len(path) == 4 and path[0] == "criteria" and path[2] == "weights"


# Each document's warnings, by the document itself: the loader, the placeholders check
# and the schema check each ask for every file's, and the preview keeps the documents of
# unchanged files between rebuilds. A parsed document is never changed after it is read
# (macros.data.file_reader.ReadCache shares them too); kept here, it cannot be collected
# and its id cannot be reused.
_seen: dict[int, tuple[YamlDocument, tuple[Problem, ...]]] = {}
_SEEN_SIZE = 512  # documents kept; afresh when full


def placeholder_problems(doc: YamlDocument) -> list[Problem]:
    """A warning for every placeholder left in one data file."""
    found = _seen.get(id(doc))
    if found is not None and found[0] is doc:
        return list(found[1])
    problems = _placeholder_problems(doc)
    if len(_seen) >= _SEEN_SIZE:
        _seen.clear()
    _seen[id(doc)] = (doc, tuple(problems))
    return problems


def _placeholder_problems(doc: YamlDocument) -> list[Problem]:
    problems = []

    def warn(at: tuple[int, int], path: FieldPath, message: str, hint: str) -> None:
        line, column = at
        problems.append(
            Problem(doc.path, line, column, field_name(path), message, hint, Severity.WARNING)
        )

    for path, key in _keys(doc.value):
        if PLACEHOLDER_ID.fullmatch(key):
            warn(doc.key_mark(path), path, ID_MESSAGE.format(value=key), ID_HINT)
    for path, text in text_values(doc.value):
        if text == PLACEHOLDER_STATUS and _is_status(path):
            hint = STATUS_HINT.format(framework=path[3])
            warn(doc.mark(path), path, STATUS_MESSAGE.format(value=text), hint)
        elif text == PLACEHOLDER_STATUS and _is_weight(path):
            hint = WEIGHT_HINT.format(framework=path[3])
            warn(doc.mark(path), path, WEIGHT_MESSAGE.format(value=text), hint)
        elif PLACEHOLDER_ID.fullmatch(text):
            warn(doc.mark(path), path, ID_MESSAGE.format(value=text), ID_HINT)
        elif text in SENTINELS:
            warn(doc.mark(path), path, VALUE_MESSAGE.format(value=text), SENTINEL_HINT)
        elif (offset := blank_code(text).find(MARKER)) >= 0:
            snippet = text[offset:].split("\n", 1)[0].strip()
            if len(snippet) > 50:
                snippet = snippet[:49] + "…"
            warn(doc.locate(path, offset), path, TEXT_MESSAGE.format(snippet=snippet), HINT)
    return problems
