"""Find every fenced code sample in the data (and in content/*.md) with its position.

A sample is named by its file, the field that holds it and its line, so a
failing check reads ``data/dimensions/use-cases.yml:62: frameworks.django.text``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from macros.data.document import YamlDocument, display_path, text_values
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

    @property
    def where(self) -> str:
        field = f" {self.field}" if self.field else ""
        return f"{self.file}:{self.line}:{field} sample {self.index + 1} ({self.lang})"

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


def _from_yaml(doc: YamlDocument) -> Iterator[Sample]:
    for path, text in text_values(doc.value):
        for index, (offset, lang, code) in enumerate(fenced_blocks(text)):
            line, _ = doc.locate(path, offset)
            yield Sample(doc.path, field_name(path), index, line, lang, code)


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
