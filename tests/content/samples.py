"""Find every fenced code sample in the data (and in content/*.md) with its position and id.

A sample is named by its file, the field that holds it and its line, so a
failing check reads ``data/dimensions/use-cases.yml:62: frameworks.django.text``.

Its identity is an id the editor writes in a YAML comment after the block's
``|``, one id per sample of that text, in order::

    text: |  # sample: flask-app-factory
    text: |  # samples: django-startproject, django-app-urls

A comment leaves the page and the code as they are, and editing a sample's
code keeps it attached to its harness (tests/content/sample_checks.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from macros.data.document import FieldPath, YamlDocument, display_path, text_values
from macros.data.schema import field_name
from macros.data.yaml_reader import read_yaml

# An opening fence, its language, the body, and the closing fence (same indent).
_FENCE = re.compile(
    r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})[ \t]*(?P<lang>[\w+-]*)[^\n]*\n"
    r"(?P<body>.*?)^(?P=indent)(?P=fence)[ \t]*$",
    re.M | re.S,
)
# The first line of a sample that only shows a piece of a larger program.
FRAGMENT = re.compile(r"^#\s*Fragment:\s*\S")
# The ids after a block's '|' (or '|-', '|2'...): "# sample: a" or "# samples: a, b".
_IDS = re.compile(r"\|[-+0-9]*\s+#\s*samples?:(?P<ids>.*)$")
SAMPLE_ID = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")
PYTHON = {"python", "py", "python3"}
SHELL = {"bash", "sh", "shell", "console"}


@dataclass(frozen=True)
class Sample:
    file: str  # as shown to editors, e.g. data/dimensions/use-cases.yml
    field: str  # e.g. frameworks.django.text ("" for a Markdown page)
    index: int  # 0-based, among the samples of that field
    line: int  # 1-based line of the first code line in the file
    lang: str
    code: str
    id: str = ""  # "" when the comment names none
    id_problem: str = ""  # the comment does not fit the samples (said on the first one)

    @property
    def where(self) -> str:
        field = f" {self.field}" if self.field else ""
        name = f"'{self.id}'" if self.id else str(self.index + 1)
        return f"{self.file}:{self.line}:{field} sample {name} ({self.lang})"

    @property
    def is_fragment(self) -> bool:
        return bool(FRAGMENT.match(self.code.lstrip("\n")))


def fenced_blocks(text: str) -> Iterator[tuple[int, str, str]]:
    """(offset of the first code line, language, code) for each fenced block."""
    for match in _FENCE.finditer(text):
        indent = len(match.group("indent"))
        body = match.group("body")
        if indent:
            body = "".join(
                line[indent:] if line[:indent].isspace() else line
                for line in body.splitlines(keepends=True)
            )
        yield match.start("body"), match.group("lang").lower(), body


def _ids(doc: YamlDocument, path: FieldPath) -> tuple[list[str], int]:
    """The ids the comment on the block's first line names, and that line (0: no block)."""
    span = doc.spans.get(path)
    if span is None or span.style != "|":
        return [], 0
    found = _IDS.search(doc.lines[span.line - 1]) if 0 < span.line <= len(doc.lines) else None
    if found is None:
        return [], span.line
    return [item.strip() for item in found.group("ids").split(",")], span.line


def _id_problem(ids: list[str], count: int, key: str, line: int) -> str:
    bad = [item for item in ids if not SAMPLE_ID.fullmatch(item)]
    if bad:
        return (
            f"'{bad[0]}' on line {line} is not a sample id: use lower-case letters, digits "
            "and single hyphens, separated by commas"
        )
    if ids and len(ids) != count:
        return (
            f"the comment on line {line} names {len(ids)} sample id{'s' * (len(ids) != 1)} "
            f"but '{key}' holds {count} samples: name every sample, in order "
            f"('# samples: first-id, second-id')"
        )
    return ""


def _from_yaml(doc: YamlDocument) -> Iterator[Sample]:
    for path, text in text_values(doc.value):
        blocks = list(fenced_blocks(text))
        if not blocks:
            continue
        ids, header = _ids(doc, path)
        problem = _id_problem(ids, len(blocks), str(path[-1]), header)
        for index, (offset, lang, code) in enumerate(blocks):
            line, _ = doc.locate(path, offset)
            given = ids[index] if not problem and index < len(ids) else ""
            note = problem if index == 0 else ""
            yield Sample(doc.path, field_name(path), index, line, lang, code, given, note)


def find_samples(root: Path) -> list[Sample]:
    """Every fenced sample under root/data (*.yml) and root/content (*.md)."""
    found: list[Sample] = []
    for path in sorted((root / "data").rglob("*.yml")):
        shown = display_path(path, root)
        doc, problems = read_yaml(path, shown)
        assert doc is not None, [str(p) for p in problems]
        found.extend(_from_yaml(doc))
    for path in sorted((root / "content").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        for index, (offset, lang, code) in enumerate(fenced_blocks(text)):
            line = text.count("\n", 0, offset) + 1
            found.append(Sample(display_path(path, root), "", index, line, lang, code))
    return found
