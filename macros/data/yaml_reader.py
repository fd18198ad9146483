"""A strict YAML reader for editors' data.

PyYAML's defaults are wrong for hand-edited data: they keep the last of two
duplicate keys, turn ``no`` into False and ``3.10`` into 3.1, expand aliases
without bound and accept arbitrary tags. This reader builds values itself from
the C parser's event stream, in one linear pass, so that it can:

- record the line and column of every key and value,
- keep the raw text of every scalar that did not resolve to a string (so the
  validator can say "expected text, got a boolean (quote it: "no")"),
- reject duplicate keys, non-standard tags, merge keys, several documents,
  empty files, deep nesting and alias bombs, with a message each.
"""

from __future__ import annotations

import bisect
import re
from pathlib import Path
from typing import Any

import yaml

from macros import messages
from macros.data.document import FieldPath, ScalarSpan, YamlDocument
from macros.data.yaml_hints import curly_hint, curly_quoted, explain_syntax_error
from macros.problems import Problem
from macros.safety.characters import describe

MAX_BYTES = 256 * 1024
MAX_DEPTH = 20
MAX_NODES = 20_000  # values after alias expansion

_TAG = "tag:yaml.org,2002:"
_STANDARD_SCALAR_TAGS = {f"{_TAG}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}
_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_DECIMAL = re.compile(r"[-+]?(0|[1-9][0-9]*)")


def read_yaml(path: Path, shown_as: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Read one data file. Returns the document (None if unusable) and problems."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, [messages.file_problem(shown_as, "unreadable", reason=exc.strerror)]
    return parse_yaml(data, shown_as)


def parse_yaml(data: bytes, shown_as: str) -> tuple[YamlDocument | None, list[Problem]]:
    def problem(line: int, column: int, message: str, hint: str = "") -> Problem:
        return Problem(shown_as, line, column, "", message, hint)

    if len(data) > MAX_BYTES:
        size = f"{len(data) // 1024} KB; the limit is {MAX_BYTES // 1024} KB"
        return None, [
            problem(0, 0, messages.text("too-large", size=size), messages.hint("too-large"))
        ]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [
            problem(
                line,
                column,
                messages.text("not-utf8", byte=f"{data[exc.start]:02x}"),
                messages.hint("not-utf8"),
            )
        ]
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in lines):
        return None, [problem(0, 0, messages.text("empty-file"), messages.hint("empty-file"))]
    builder = _Builder(shown_as, lines, text)
    try:
        value = builder.build(yaml.parse(text, Loader=yaml.CSafeLoader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        # From the mark's character index: YAML also breaks lines at U+2028, U+2029
        # and U+0085, which editors (and ``lines``) do not, so its line numbers drift.
        line, column = _located(text, mark.index) if mark else (0, 0)
        message = messages.text("yaml-syntax", problem=exc.problem or exc.context)
        start = exc.context_mark
        start_line = _located(text, start.index)[0] if start else 0
        if exc.problem and exc.context and start and mark and start_line != line:
            message += f", {exc.context} that starts on line {start_line}"
        hint = next((h for key, h in messages.SYNTAX_HINTS if key in str(exc)), "")
        key_length = _simple_key_length(lines, (start_line, line), exc)
        if key_length:
            line = next(n for n in (start_line, line) if n and n <= len(lines))
            column = len(lines[line - 1]) - len(lines[line - 1].lstrip(" -")) + 1
            message = messages.text("key-too-long", length=key_length, limit=_SIMPLE_KEY_LIMIT)
            hint = messages.hint("key-too-long")
        elif mark and lines[line - 1][column - 1 : column] == "\t":
            message, hint = messages.text("tab"), messages.hint("tab")
        elif mark and (better := explain_syntax_error(lines, line - 1)):
            line, column, message, hint = better
        return None, [*builder.problems, problem(line, column, message, hint)]
    except yaml.reader.ReaderError as exc:  # a character YAML refuses: no mark, an index
        line, column = _located(text, exc.position)
        char = describe(chr(exc.character)) if isinstance(exc.character, int) else "a character"
        message = messages.text("unreadable-character", char=char)
        return None, [problem(line, column, message, messages.hint("unreadable-character"))]
    except yaml.YAMLError as exc:  # pragma: no cover - every YAML error has a branch above
        return None, [problem(0, 0, messages.text("yaml-error", error=exc))]
    except _Abort:
        return None, builder.problems
    if builder.problems:
        return None, builder.problems
    if value is None:
        return None, [problem(0, 0, messages.text("empty-file"), messages.hint("empty-file"))]
    doc = YamlDocument(
        shown_as, value, lines, builder.marks, builder.key_marks, builder.raw, builder.spans
    )
    return doc, []


# libyaml reads a key written without '? ' (a simple key) only up to this many characters.
_SIMPLE_KEY_LIMIT = 1024
_YAML_ONLY_BREAKS = "\u2028\u2029\u0085"


def _located(text: str, index: int) -> tuple[int, int]:
    """The 1-based (line, column) of character ``index``, counting lines at '\\n' only."""
    index = max(0, min(index, len(text)))
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def _simple_key_length(lines: list[str], where: tuple[int, ...], exc: Exception) -> int:
    """The length of a key on one of the lines ``where`` (1-based) over YAML's key limit,
    when that limit is why it found no ':' (or a ':' where a key cannot start)."""
    if "could not find expected ':'" not in str(exc) and "mapping values" not in str(exc):
        return 0
    for line in where:
        if 0 < line <= len(lines):
            key = lines[line - 1].lstrip(" -").partition(":")[0]
            if len(key) > _SIMPLE_KEY_LIMIT:
                return len(key)
    return 0


class _Positions:
    """PyYAML's 0-based marks as the 1-based (line, column) editors see.

    YAML also breaks lines at U+2028, U+2029 and U+0085; editors do not. In a
    file with one of them (the raw check names it, but the file may still
    parse), positions come from the mark's character index instead.
    """

    def __init__(self, text: str) -> None:
        drift = any(c in text for c in _YAML_ONLY_BREAKS)
        self.breaks = [m.start() for m in re.finditer("\n", text)] if drift else None

    def __call__(self, mark: Any) -> tuple[int, int]:
        if mark is None:
            return 0, 0
        if self.breaks is None:
            return mark.line + 1, mark.column + 1
        line = bisect.bisect_left(self.breaks, mark.index)
        start = self.breaks[line - 1] + 1 if line else 0
        return line + 1, mark.index - start + 1


class _Abort(Exception):
    """Stop reading: the file is hostile or hopeless (the problem is recorded)."""


class _Builder:
    def __init__(self, shown_as: str, lines: list[str], text: str) -> None:
        self.shown_as = shown_as
        self.lines = lines
        self.position = _Positions(text)
        self.problems: list[Problem] = []
        self.marks: dict[FieldPath, tuple[int, int]] = {}
        self.key_marks: dict[FieldPath, tuple[int, int]] = {}
        self.raw: dict[FieldPath, str] = {}
        self.spans: dict[FieldPath, ScalarSpan] = {}
        self.anchors: dict[str, tuple[Any, int]] = {}  # value and its size in nodes
        self.nodes = 0

    def fail(self, event: yaml.Event, message: str, hint: str = "", abort: bool = False) -> None:
        line, column = self.position(event.start_mark)
        self.problems.append(Problem(self.shown_as, line, column, "", message, hint))
        if abort:
            raise _Abort

    def build(self, events: Any) -> Any:
        self.events = iter(events)
        documents = 0
        value: Any = None
        for event in self.events:
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    self.fail(
                        event,
                        messages.text("several-documents"),
                        messages.hint("several-documents"),
                        abort=True,
                    )
                value = self.node(next(self.events), (), 0)
        return value

    def node(self, event: yaml.Event, path: FieldPath, depth: int) -> Any:
        if depth > MAX_DEPTH:
            self.fail(event, messages.text("too-deep", limit=MAX_DEPTH), abort=True)
        self.nodes += 1
        if self.nodes > MAX_NODES:
            self.fail(event, messages.text("too-many-values", limit=MAX_NODES), abort=True)
        self.marks[path] = self.position(event.start_mark)
        if isinstance(event, yaml.AliasEvent):
            anchor = event.anchor or ""
            if anchor not in self.anchors:
                self.fail(event, messages.text("unknown-alias", anchor=anchor), abort=True)
            value, size = self.anchors[anchor]
            self.nodes += size
            if self.nodes > MAX_NODES:
                self.fail(
                    event,
                    messages.text("alias-bomb", limit=MAX_NODES),
                    messages.hint("alias-bomb"),
                    abort=True,
                )
            return value
        before = self.nodes
        tag = getattr(event, "tag", None)
        if isinstance(event, yaml.ScalarEvent):
            value = self.scalar(event, path)
        elif isinstance(event, yaml.SequenceStartEvent):
            self.check_collection_tag(event, tag, "seq")
            value = []
            for item in self.until(yaml.SequenceEndEvent):
                value.append(self.node(item, (*path, len(value)), depth + 1))
        elif isinstance(event, yaml.MappingStartEvent):
            self.check_collection_tag(event, tag, "map")
            value = self.mapping(path, depth)
        else:  # pragma: no cover - the parser guarantees a node event here
            self.fail(event, messages.text("unexpected-event"), abort=True)
        anchor_name: str | None = getattr(event, "anchor", None)
        if anchor_name:
            self.anchors[anchor_name] = (value, self.nodes - before + 1)
        return value

    def until(self, end: type) -> Any:
        for event in self.events:
            if isinstance(event, end):
                return
            yield event

    def tag_problem(self, event: yaml.Event, tag: str) -> None:
        shown = "!!" + tag.removeprefix(_TAG) if tag.startswith(_TAG) else tag
        self.fail(event, messages.text("tag", tag=shown), messages.hint("tag"))

    def check_collection_tag(self, event: yaml.Event, tag: str | None, kind: str) -> None:
        if tag not in (None, f"{_TAG}{kind}"):
            self.tag_problem(event, tag)

    def mapping(self, path: FieldPath, depth: int) -> dict[str, Any]:
        value: dict[str, Any] = {}
        for key_event in self.until(yaml.MappingEndEvent):
            if not isinstance(key_event, yaml.ScalarEvent):
                self.fail(key_event, messages.text("key-not-text"), abort=True)
            key = key_event.value
            key_mark = self.position(key_event.start_mark)
            item = self.node(next(self.events), (*path, key), depth + 1)
            if key == "<<" and not key_event.style:
                self.fail(key_event, messages.text("merge-key"), messages.hint("merge-key"))
            elif key in value:
                first = self.key_marks[(*path, key)][0]
                self.fail(
                    key_event,
                    messages.text("duplicate-key", key=key, first=first),
                    messages.hint("duplicate-key"),
                )
            else:
                value[key] = item
                self.key_marks[(*path, key)] = key_mark
        return value

    def scalar(self, event: yaml.ScalarEvent, path: FieldPath) -> Any:
        text = event.value
        style = event.style or ""
        line, column = self.position(event.start_mark)
        self.spans[path] = ScalarSpan(line, column, self.position(event.end_mark)[0], style)
        if not style and curly_quoted(text):
            # Published as text, quotes and all, had it been accepted.
            self.fail(event, messages.text("curly-quotes"), curly_hint(text))
            return text
        tag = event.tag
        if tag is None or tag == "!":
            tag = _RESOLVER.resolve(yaml.ScalarNode, text, event.implicit)  # type: ignore[no-untyped-call]
        elif tag not in _STANDARD_SCALAR_TAGS:
            self.tag_problem(event, tag)
            return text
        if tag == f"{_TAG}str" or tag == f"{_TAG}timestamp":
            return text  # dates stay as written: the schema checks their form
        self.raw[path] = text
        if tag == f"{_TAG}int" and not _DECIMAL.fullmatch(text.replace("_", "")):
            return text  # YAML 1.1 octal/hex/sexagesimal: the schema reports a non-number
        return _CONSTRUCTOR.construct_object(yaml.ScalarNode(tag, text))
