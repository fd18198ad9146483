"""A version or date the data holds once, copied into prose instead of referred to.

Prose that writes "Flask 3.1.3" goes stale the day data/packages.yml moves on;
``{pkg:flask.version}`` (macros.data.facts) follows it. This check finds
literal copies of the facts references can name, says which reference to write
instead, and ``scripts/lint --fix`` writes it: the page shows the same text
after the fix (the fix runner checks that every value reads the same once
references are resolved).

A number is taken for a copy of a fact only when the sentence names the fact's
package or framework (or the field belongs to that framework, such as its
profile or its cell in a table), so "declares Django up to 5.2" is not taken
for the LTS unless the sentence says LTS or long-term. Sources' ``supports``
text quotes the source and stays literal; data/packages.yml and the framework
files' release fields are the facts themselves; the changelog states past values.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from macros.data.document import FieldPath, YamlDocument
from macros.data.facts import Fact, resolve
from macros.data.file_reader import check_data_file
from macros.data.layout import FileKind
from macros.data.loader import facts_of
from macros.data.text_rules import blank_code, blank_references
from macros.lint.base import Check, DataFile, LintContext, Message
from macros.problems import Problem, Severity

# The changelog records what the data said on a past day: a reference there would rewrite
# history when the data moves on.
_SKIPPED_KINDS = {FileKind.SOURCES, FileKind.PACKAGES, FileKind.CHANGELOG}
_CITATION_OR_LINK = re.compile(r"\[\^[^\]\s]+\]|\]\([^)]*\)|<[a-z]+:[^>\s]*>")
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n\s*\n")
_PARAGRAPH_END = re.compile(r"\n\s*\n")
_MONTH_REACH = 10  # words from the name to a copied release month
_LTS = re.compile(r"\bLTS\b|long-term", re.I)


def _literal(value: str) -> re.Pattern[str]:
    """``value`` as a whole token: not part of a longer version, date or word.

    A space in the value ("October 2023") matches any run of white space, so a
    month at the end of a line is found too.
    """
    words = r"\s+".join(re.escape(word) for word in value.split())
    return re.compile(rf"(?<![\w.\-]){words}(?![\w\-]|\.\d)")


@dataclass(frozen=True)
class Copy:
    path: FieldPath
    offset: int  # in the field's text
    literal: str
    reference: str


def _sentence(prose: str, offset: int, ends: re.Pattern[str] = _SENTENCE_END) -> tuple[int, int]:
    start = 0
    for match in ends.finditer(prose):
        if match.end() <= offset:
            start = match.end()
        elif match.start() >= offset:
            return start, match.start()
    return start, len(prose)


def _mention(prose: str, fact: Fact, start: int, end: int, offset: int) -> int | None:
    """How far before ``offset`` (or after, counted larger) the sentence names the subject."""
    best: int | None = None
    for name in fact.names:
        for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", prose[start:end]):
            at = start + match.start()
            distance = offset - at if at < offset else 10_000 + at - offset
            best = distance if best is None else min(best, distance)
    return best


def _words_since_name(prose: str, fact: Fact, start: int, offset: int) -> int | None:
    """Words between the subject's last mention before ``offset`` (in its sentence) and it."""
    ends = [
        start + match.end()
        for name in fact.names
        for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", prose[start:offset])
    ]
    return len(prose[max(ends) : offset].split()) if ends else None


# (value, its first word, the facts that are this value)
Grouped = list[tuple[str, str, list[Fact]]]


def facts_by_value(facts: Mapping[str, Fact]) -> Grouped:
    """The facts grouped by the literal text each one is, with that text's first word
    (a field without it cannot copy the value)."""
    by_value: dict[str, list[Fact]] = {}
    for fact in facts.values():
        by_value.setdefault(fact.value, []).append(fact)
    return [(value, value.split()[0], found) for value, found in by_value.items()]


def find_copies(
    text: str,
    path: FieldPath,
    facts: Mapping[str, Fact],
    owner: str | None,
    by_value: Grouped | None = None,
) -> list[Copy]:
    """Every literal copy of a fact in one field's prose; ``owner``: the field's framework.

    ``by_value``: :func:`facts_by_value` of ``facts``, when the caller has it (one
    grouping for every field, not one per field)."""
    prose = _CITATION_OR_LINK.sub(
        lambda m: " " * len(m.group(0)), blank_references(blank_code(text))
    )
    if by_value is None:
        by_value = facts_by_value(facts)
    found = []
    for value, first_word, candidates in by_value:
        if first_word not in prose:
            continue
        for match in _literal(value).finditer(prose):
            start, end = _sentence(prose, match.start())
            ranked = []
            for fact in candidates:
                if fact.reference.endswith((".lts}", ".lts_released}")) and not _LTS.search(
                    prose[start:end]
                ):
                    continue
                distance = _mention(prose, fact, start, end, match.start())
                if fact.reference.endswith("_month}"):
                    # A month is a copy only shortly after the name ("X 1.2, May 2025"):
                    # "as of November 2026" in a sentence naming Django is not Django's.
                    distance = _words_since_name(prose, fact, start, match.start())
                    if distance is None or distance > _MONTH_REACH:
                        continue
                elif distance is None:  # named earlier in the paragraph: "It ... its release"
                    first, _ = _sentence(prose, match.start(), _PARAGRAPH_END)
                    before = _mention(prose, fact, first, start, match.start())
                    distance = None if before is None else 5_000 + before
                if distance is None and fact.subject == owner:
                    distance = 20_000
                if distance is not None:
                    # A package's own entry before the framework's copy of it.
                    ranked.append((distance, not fact.reference.startswith("{pkg:"), fact))
            if ranked:
                best = min(ranked, key=lambda r: (r[0], r[1]))[2]
                found.append(Copy(path, match.start(), value, best.reference))
    return sorted(found, key=lambda c: c.offset)


def _owner(file: DataFile, path: FieldPath, frameworks: set[str]) -> str | None:
    if file.kind == FileKind.FRAMEWORK:
        return file.id
    return next((p for p in path if isinstance(p, str) and p in frameworks), None)


_LINE_BREAK = re.compile(r"[ \t]*\n[ \t]*(?=\S)")


def _resolved(value: Any, facts: Mapping[str, Fact]) -> Any:
    """Every text of ``value`` with its references resolved: what the pages show.

    A single line break reads as a space (Markdown joins the lines of a
    paragraph), so a fix that joins "October" / "2023" into one reference
    reads the same.
    """
    if isinstance(value, dict):
        return {key: _resolved(item, facts) for key, item in value.items()}
    if isinstance(value, list):
        return [_resolved(item, facts) for item in value]
    if isinstance(value, str):
        text = resolve(value, lambda ref: facts[ref].value if ref in facts else None)
        return _LINE_BREAK.sub(" ", text.replace("\n\n", "\0"))
    return value


class CopiesCheck(Check):
    name = "copies"
    description = (
        "prose refers to a package's or framework's version and dates ({pkg:flask.version}) "
        "instead of copying them"
    )
    messages: ClassVar[dict[str, Message]] = {
        "copy": Message(
            "'{literal}' copies {reference}, which changes when the data does",
            "write {reference} instead (scripts/lint --fix does this)",
            Severity.WARNING,
            fixable=True,
        ),
    }

    def __init__(self) -> None:
        self.facts: dict[str, Fact] = {}
        # The preview runs the check on every save: a file whose bytes, the facts and the
        # frameworks are unchanged has the same copies (the last build's, per file).
        self._known: dict[str, tuple[object, list[Copy]]] = {}
        self._grouped: tuple[object, Grouped] = (None, [])

    def prepare(self, files: list[DataFile]) -> None:
        self.facts = facts_of([f for f in files if f.doc is not None])

    def copies(self, file: DataFile, frameworks: set[str]) -> list[Copy]:
        if file.kind in _SKIPPED_KINDS or file.doc is None:
            return []
        key = (file.data, tuple(sorted(frameworks)), tuple(self.facts.items()))
        known = self._known.get(file.path)
        if known is not None and known[0] == key:
            return known[1]
        if self._grouped[0] is not self.facts:  # grouped once for all files
            self._grouped = (self.facts, facts_by_value(self.facts))
        by_value = self._grouped[1]
        found = [
            copy
            for path, text in file.markdown
            for copy in find_copies(
                text, path, self.facts, _owner(file, path, frameworks), by_value
            )
        ]
        self._known[file.path] = (key, found)
        return found

    def check(self, ctx: LintContext) -> list[Problem]:
        self.prepare(ctx.files)
        frameworks = set(ctx.framework_ids)
        problems = []
        for file in ctx.files:
            for found in self.copies(file, frameworks):
                assert file.doc is not None
                problems.append(
                    self.problem(
                        "copy",
                        file,
                        found.path,
                        at=file.doc.locate(found.path, found.offset),
                        literal=found.literal,
                        reference=found.reference,
                    )
                )
        return problems

    def reading(self, value: Any) -> Any:
        return _resolved(value, self.facts)

    def fix(self, kind: str, text: str, doc: YamlDocument) -> str:
        frameworks = {ref[4:].split(".")[0] for ref in self.facts if ref.startswith("{fw:")}
        file = _file_of(kind, doc)
        lines = text.split("\n")
        found = self.copies(file, frameworks)
        # Last first, so earlier positions stay valid.
        for copy in sorted(found, key=lambda c: (doc.spans[c.path].line, c.offset), reverse=True):
            _replace(lines, doc, copy)
        return "\n".join(lines)


def _file_of(kind: str, doc: YamlDocument) -> DataFile:
    """A DataFile for ``doc`` with its Markdown fields (the fix sees only the document)."""
    data = "\n".join(doc.lines).encode("utf-8")
    file_id = doc.path.rsplit("/", 1)[-1].removesuffix(".yml")
    file, _ = check_data_file(data, doc.path, FileKind(kind), file_id)
    return file


def _replace(lines: list[str], doc: YamlDocument, copy: Copy) -> None:
    """Write ``copy.reference`` over the literal in the file, where the field holds it."""
    span = doc.spans[copy.path]
    value = doc.value
    for part in copy.path:
        value = value[part]
    pattern = _literal(copy.literal)
    index = sum(1 for m in pattern.finditer(value) if m.start() < copy.offset)
    if copy.offset == 0 and not span.style:
        return  # a plain value may not start with a brace: leave it to the editor
    first, last = span.line - 1, min(span.end_line, len(lines))
    # The value's lines as one text from where the value starts, so a month
    # broken over two lines ("October" / "2023") is found too.
    before = lines[first][: span.column - 1]
    block = "\n".join([lines[first][span.column - 1 :], *lines[first + 1 : last]])
    for seen, match in enumerate(pattern.finditer(block)):
        if seen == index:
            block = block[: match.start()] + copy.reference + block[match.end() :]
            lines[first:last] = (before + block).split("\n")
            return


CHECK = CopiesCheck()
