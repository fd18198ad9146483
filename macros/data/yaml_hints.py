"""What an editor did wrong when PyYAML cannot read a file, said at the line to fix.

PyYAML reports where parsing failed, often the line after the mistake, and
in its own words. Three everyday mistakes get their own message here: curly
quotes pasted around a value, a key that lost its indentation, and text over
several lines without '|'.
"""

from __future__ import annotations

import re

from macros import messages

# Curly quotes pasted from a word processor: YAML does not read them as quotes.
CURLY_PAIRS = {"\u201c": "\u201d", "\u2018": "\u2019", "\u201e": "\u201c", "\u00ab": "\u00bb"}
_KEY_LINE = re.compile(r"^( *)([A-Za-z_][\w-]*):(?: +(.*))?\Z")


def curly_quoted(text: str) -> bool:
    """The whole value is in curly quotes, e.g. “Strong defaults”."""
    return len(text) >= 2 and text[0] in CURLY_PAIRS and text[-1] in CURLY_PAIRS.values()


def curly_hint(text: str) -> str:
    inner = text[1:-1] if curly_quoted(text) else text[1:]
    shown = inner if len(inner) <= 40 else inner[:39] + "\u2026"
    return messages.hint("curly-quotes", inner=shown)


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _content_line(lines: list[str], indexes: range) -> int | None:
    """The first of ``indexes`` whose line holds more than a comment."""
    for index in indexes:
        stripped = lines[index].strip()
        if stripped and not stripped.startswith("#"):
            return index
    return None


def _plain_value(found: re.Match[str]) -> str:
    """The value after `key: ` if it is plain text (not a block, quote, list or anchor)."""
    value = (found.group(3) or "").strip()
    return value if value and value[0] not in "|>\"'[{&*!#" else ""


def explain_syntax_error(lines: list[str], index: int) -> tuple[int, int, str, str] | None:
    """The real mistake behind PyYAML's syntax error at line ``index`` (0-based), if known.

    PyYAML reports where parsing failed, often the line after the mistake, in
    its own words. Curly quotes, a key that lost its indentation and text over
    several lines without '|' get their own message at the line to fix:
    returns (line, column, message, hint), 1-based.
    """
    if not 0 <= index < len(lines):
        return None
    current = lines[index]
    found = _KEY_LINE.match(current)
    value = (found.group(3) or "") if found else ""
    if found and value[:1] in CURLY_PAIRS:
        column = current.index(value) + 1
        return index + 1, column, messages.text("curly-quotes"), curly_hint(value.rstrip())
    previous = _content_line(lines, range(index - 1, -1, -1))
    above = _KEY_LINE.match(lines[previous]) if previous is not None else None
    if previous is not None and above and _indent(lines[previous]) < _indent(current):
        opener = _content_line(lines, range(previous - 1, -1, -1))
        if (
            opener is not None
            and lines[opener].rstrip().endswith(":")
            and _indent(lines[previous]) <= _indent(lines[opener])
        ):
            # A key at the mapping's own column or left of it, between the line that opens a
            # mapping and that mapping's other keys: `verdict:` lost its indentation.
            return (
                previous + 1,
                1,
                messages.text("dedented-key", key=above.group(2)),
                messages.hint("dedented-key", spaces=_indent(current)),
            )
        if _plain_value(above):  # `summary: text` continued on more indented lines
            return _multiline(previous, above)
    if found and value.rstrip().endswith(":"):  # `summary: Some intro:` then a list below
        following = _content_line(lines, range(index + 1, len(lines)))
        if following is not None and _indent(lines[following]) > _indent(current):
            return _multiline(index, found)
    return None


def _multiline(index: int, found: re.Match[str]) -> tuple[int, int, str, str]:
    return (
        index + 1,
        len(found.group(1)) + 1,
        messages.text("multiline-text"),
        messages.hint("multiline-text", key=found.group(2)),
    )
