"""Invisible and unsafe characters: find them, name them, say how to fix them.

Editors paste from word processors, chat and web pages; what comes along is
often invisible: a non-breaking space after ``key:`` (YAML then no longer sees a
key), a zero-width space inside an id, a right-to-left override that shows a
different text than the one published, a terminal escape that rewrites CI logs.
Every such character is reported with its name, its code point, where it is
(line and column, 1-based, counted in characters as editors' editors do) and
what to type instead.

Two entry points:

- :func:`raw_characters` reads a data file's raw text *before* YAML parses it, so
  a character that breaks the structure (in indentation, after ``key:``) is
  reported at its own line and column instead of as a confusing parse error;
- :func:`unsafe_characters` checks one field's text *after* parsing (one-line
  fields also refuse tabs and line breaks).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

SPACE_FIX = "replace it with a normal space"
DELETE_FIX = "delete it (it is invisible: move the cursor across the spot and delete there)"

# Characters that look like a space but are not one.
_SPACES = {
    0x00A0: "a non-breaking space",
    0x1680: "an Ogham space mark",
    0x2000: "an en quad",
    0x2001: "an em quad",
    0x2002: "an en space",
    0x2003: "an em space",
    0x2004: "a three-per-em space",
    0x2005: "a four-per-em space",
    0x2006: "a six-per-em space",
    0x2007: "a figure space",
    0x2008: "a punctuation space",
    0x2009: "a thin space",
    0x200A: "a hair space",
    0x202F: "a narrow non-breaking space",
    0x205F: "a medium mathematical space",
    0x3000: "an ideographic space",
}

# Characters that take no room at all.
_INVISIBLE = {
    0x00AD: "a soft hyphen",
    0x034F: "a combining grapheme joiner",
    0x180E: "a Mongolian vowel separator",
    0x200B: "a zero-width space",
    0x200C: "a zero-width non-joiner",
    0x200D: "a zero-width joiner",
    0x2060: "a word joiner",
    0x2061: "an invisible function application",
    0x2062: "an invisible times",
    0x2063: "an invisible separator",
    0x2064: "an invisible plus",
    0xFEFF: "a zero-width no-break space (byte order mark)",
    0xFFF9: "an interlinear annotation anchor",
    0xFFFA: "an interlinear annotation separator",
    0xFFFB: "an interlinear annotation terminator",
}

# Characters that change the direction text is shown in ("Trojan Source").
_BIDI = {
    0x061C: "an Arabic letter mark",
    0x200E: "a left-to-right mark",
    0x200F: "a right-to-left mark",
    0x202A: "a left-to-right embedding",
    0x202B: "a right-to-left embedding",
    0x202C: "a pop directional formatting",
    0x202D: "a left-to-right override",
    0x202E: "a right-to-left override",
    0x2066: "a left-to-right isolate",
    0x2067: "a right-to-left isolate",
    0x2068: "a first strong isolate",
    0x2069: "a pop directional isolate",
}

_LINE_BREAKS = {
    0x2028: "a line separator",
    0x2029: "a paragraph separator",
}

_C0_NAMES = {
    0x00: "a null character",
    0x07: "a bell character",
    0x08: "a backspace",
    0x0B: "a vertical tab",
    0x0C: "a form feed",
    0x0D: "a carriage return",
    0x1B: "an escape character (terminal control sequence)",
    0x7F: "a delete character",
}


@dataclass(frozen=True)
class UnsafeChar:
    offset: int  # in the text that was checked
    char: str

    @property
    def name(self) -> str:
        return describe(self.char)

    @property
    def fix(self) -> str:
        """For a one-line field: the only kind that uses it (block text calls how_to_fix)."""
        return how_to_fix(self.char, one_line=True)


def describe(char: str) -> str:
    """``'a non-breaking space (U+00A0)'``."""
    code = ord(char)
    for table in (_SPACES, _INVISIBLE, _BIDI, _LINE_BREAKS, _C0_NAMES):
        if code in table:
            return f"{table[code]} (U+{code:04X})"
    if char == "\t":
        return "a tab (U+0009)"
    if char == "\n":
        return "a line break (U+000A)"
    if code < 0x20:
        return f"a control character (U+{code:04X})"
    if 0x80 <= code <= 0x9F:
        return f"a C1 control character (U+{code:04X})"
    if 0xE0000 <= code <= 0xE007F:
        return f"an invisible tag character (U+{code:04X})"
    name = unicodedata.name(char, "").lower()
    return (
        f"{'an' if name[:1] in 'aeiou' else 'a'} {name} (U+{code:04X})"
        if name
        else (f"U+{code:04X}")
    )


def how_to_fix(char: str, *, one_line: bool = False) -> str:
    """What to type instead; ``one_line`` for a field that must stay on one line."""
    code = ord(char)
    if code in _SPACES or char == "\t":
        return SPACE_FIX
    if char == "\n" or code in _LINE_BREAKS:
        if one_line:
            return "keep this field on one line"
        # Pasted from a word processor: YAML breaks the line there, editors show none.
        return "replace it with a normal line break (Enter) or a space"
    if code in _BIDI:
        return "delete it: it changes the order in which the text is shown"
    return DELETE_FIX


def is_unsafe(char: str, *, allow_tab: bool = False, allow_newline: bool = False) -> bool:
    """True for a character no data file should carry (tab and newline on request)."""
    code = ord(char)
    if char == "\t":
        return not allow_tab
    if char == "\n":
        return not allow_newline
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return True
    return (
        code in _SPACES
        or code in _INVISIBLE
        or code in _BIDI
        or code in _LINE_BREAKS
        or 0xE0000 <= code <= 0xE007F
    )


def _interesting(text: str) -> bool:
    """Fast path: plain ASCII text without controls needs no character walk."""
    return not (text.isascii() and text.isprintable())


def unsafe_characters(
    text: str, *, allow_tab: bool = False, allow_newline: bool = False
) -> list[UnsafeChar]:
    """Every unsafe character in ``text``, in order."""
    if not _interesting(text.replace("\n", "") if allow_newline else text):
        return []
    return [
        UnsafeChar(offset, char)
        for offset, char in enumerate(text)
        if is_unsafe(char, allow_tab=allow_tab, allow_newline=allow_newline)
    ]


@dataclass(frozen=True)
class RawChar:
    line: int  # 1-based
    column: int  # 1-based, in characters
    char: str
    where: str  # " in the indentation", " right after 'key:'", or ""

    @property
    def message(self) -> str:
        return f"{describe(self.char)} at column {self.column}{self.where}: {how_to_fix(self.char)}"


def raw_characters(text: str) -> list[RawChar]:
    """Unsafe characters in a data file's raw text, by line and column.

    Runs before YAML parsing, so a character that breaks the structure (a
    non-breaking space after ``key:`` or in the indentation) is named at its
    own place instead of surfacing as a confusing parse error. Tabs are left
    to the YAML reader (a tab inside a code sample is fine); line breaks are
    the file's own.
    """
    found: list[RawChar] = []
    if "\t" not in text and not _interesting(text.replace("\n", "")):
        return found
    for number, line in enumerate(text.split("\n"), start=1):
        if line.endswith("\r"):
            line = line[:-1]  # Windows line ends are the reader's business
        if line.isascii() and line.isprintable():
            continue
        indent = len(line) - len(line.lstrip(" \t\u00a0\u2000\u2001\u2002\u2003\u3000"))
        for offset, char in enumerate(line):
            if char == "\t" or not is_unsafe(char, allow_tab=True, allow_newline=True):
                continue
            where = " in the indentation" if offset < indent else _after_key(line, offset)
            found.append(RawChar(number, offset + 1, char, where))
    return found


def _after_key(line: str, offset: int) -> str:
    """`` right after 'key:'`` when the character sits where YAML wants a space."""
    before = line[:offset].rstrip()
    stripped = before.lstrip(" -")
    if before.endswith(":") and stripped[:-1] and " " not in stripped[:-1].strip():
        return f" right after '{stripped}'"
    return ""
