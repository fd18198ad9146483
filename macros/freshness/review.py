"""Which sentences a new release may have made wrong, and the page each renders on.

--fix changes the facts in data/packages.yml, never the prose. A sentence
that states the old version needs its copy updated; a sentence that merely
names the package needs re-reading when the release may change what it means:
a new major version (for 0.x, a new minor: semantic versioning's breaking
change), no release in 18 months, or a Requires-Python floor that moved.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import PurePosixPath

from macros.data.document import FieldPath
from macros.freshness.packages import STALE_MONTHS, Package, Paragraph, months_before, names_pattern
from macros.freshness.pypi import Latest, python_floor
from macros.render.pages import topic_uri

# Where a sentence ends: . ! or ? (and closing quotes) before a capital or an opening quote.
_SENTENCE_END = re.compile(r"[.!?][\"\u201d\u2019)]*\s+(?=[A-Z\u201c\"\u2018(\[`*])")
_ABBREVIATION = re.compile(r"\b(?:e\.g|i\.e|etc|vs|cf)\.\Z")  # "e.g. Flask" goes on
SHOWN_CHARACTERS = 160


@dataclass(frozen=True)
class Sentence:
    file: str
    line: int
    page: str
    text: str  # whitespace collapsed, shortened to SHOWN_CHARACTERS
    why: str  # "states 0.38.0" or "names Uvicorn"

    def __str__(self) -> str:
        return f'{self.file}:{self.line} ({self.page}): {self.why}: "{self.text}"'


@dataclass(frozen=True)
class Review:
    package: Package
    latest: Latest
    reasons: tuple[str, ...]  # why the meaning may change; empty for a plain update
    sentences: tuple[Sentence, ...]

    def heading(self) -> str:
        change = f"{self.package.name} {self.package.version} -> {self.latest.version}"
        if self.package.version == self.latest.version:
            change = f"{self.package.name} {self.package.version} (release date)"
        return change + (f" ({'; '.join(self.reasons)})" if self.reasons else "")


def _major(version: str) -> tuple[int, ...]:
    parts = [int(p) for p in re.findall(r"\d+", version)[:2]] or [0]
    return tuple(parts[:2]) if parts[0] == 0 else (parts[0],)


def reasons(package: Package, latest: Latest, today: date) -> tuple[str, ...]:
    """Why sentences naming ``package`` may no longer mean what they did."""
    found = []
    if _major(package.version) != _major(latest.version):
        found.append(f"new major version {latest.version}")
    if latest.last_upload < months_before(today, STALE_MONTHS):
        found.append(f"no release since {latest.last_upload.isoformat()}")
    if latest.recorded_python is not None and package.version != latest.version:
        old, new = python_floor(latest.recorded_python), python_floor(latest.python)
        if old != new:
            shown = ["none" if f is None else ".".join(map(str, f)) for f in (old, new)]
            found.append(f"Python floor moved from {shown[0]} to {shown[1]}")
    return tuple(found)


def page_of(file: str, field: FieldPath) -> str:
    """The page a data file's text renders on (as the renderer names it)."""
    path = PurePosixPath(file)
    if path.parent.name == "dimensions":
        return topic_uri(path.stem)
    if path.parent.name == "frameworks":
        return "comparison.md"
    if path.name == "site.yml":
        return "about.md" if field[:1] == ("about",) else "index.md"
    pages = {
        "faq.yml": "faq.md",
        "decision.yml": "decide.md",
        "sources.yml": "every page citing it",
    }
    return pages.get(path.name, path.name)


def sentences(paragraph: Paragraph) -> Iterator[tuple[int, str]]:
    """(offset, sentence) of each sentence of a paragraph."""
    # Split the text as written when it lines up (code spans can start a sentence).
    text = paragraph.original if len(paragraph.original) == len(paragraph.text) else paragraph.text
    start = 0
    for end in _SENTENCE_END.finditer(text):
        if _ABBREVIATION.search(text, 0, end.start() + 1):
            continue
        yield start, paragraph.text[start : end.start() + 1]
        start = end.end()
    if paragraph.text[start:].strip():
        yield start, paragraph.text[start:]


def review(
    package: Package, latest: Latest, why: tuple[str, ...], paragraphs: Sequence[Paragraph]
) -> Review:
    """Every sentence that states the old version, and, when there is a reason, every
    sentence that names the package."""
    old = re.compile(rf"(?<![\w.]){re.escape(package.version)}(?![\w]|\.\d)")
    # Text that refers to the fact (macros.data.facts) shows the new value by itself:
    # the sentence around it is what may no longer hold.
    referred = re.compile(r"\{pkg:" + re.escape(package.id) + r"\.[a-z_]+\}")
    named = names_pattern(package)
    found: list[Sentence] = []
    # A source's address pinned to the old release's page: .../project/<id>/<version>/
    pinned = re.compile(rf"/{re.escape(package.id)}/{re.escape(package.version)}(?:/|\Z)", re.I)
    for paragraph in paragraphs:
        page = page_of(paragraph.file, paragraph.field)
        if PurePosixPath(paragraph.file).name == "sources.yml":
            if package.version != latest.version and pinned.search(paragraph.text):
                found.append(
                    Sentence(
                        paragraph.file,
                        paragraph.line,
                        page,
                        paragraph.text,
                        f"states {package.version}",
                    )
                )
            continue
        if not named.search(paragraph.text) and not referred.search(paragraph.text):
            continue
        for offset, text in sentences(paragraph):
            if package.version != latest.version and old.search(text):
                because = f"states {package.version}"
            elif package.version != latest.version and (ref := referred.search(text)):
                because = f"shows {ref.group(0)}, now {latest.version}"
            elif why and named.search(text):
                because = f"names {package.name}"
            else:
                continue
            if len(paragraph.original) == len(paragraph.text):  # code shown as written
                text = paragraph.original[offset : offset + len(text)]
            first = offset + len(text) - len(text.lstrip())
            line = paragraph.line + paragraph.text.count("\n", 0, first)
            shown = " ".join(text.split())
            if len(shown) > SHOWN_CHARACTERS:
                shown = shown[: SHOWN_CHARACTERS - 1] + "…"
            found.append(Sentence(paragraph.file, line, page, shown, because))
    unique = sorted(dict.fromkeys(found), key=lambda s: (s.file, s.line))  # stable: text order
    return Review(package, latest, why, tuple(unique))


def review_text(reviews: Sequence[Review]) -> list[str]:
    """The review list as printed: each package, then its sentences, path:line first."""
    lines = []
    for item in reviews:
        lines.append(f"  {item.heading()}:")
        lines.extend(f"    {s}" for s in item.sentences)
        if not item.sentences and item.reasons:
            lines.append(f"    (no sentence names {item.package.name})")
        elif not item.sentences:
            lines.append(f"    (no sentence states {item.package.version}: nothing to re-read)")
    return lines
