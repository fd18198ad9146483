"""Invisible and unsafe characters are named, located and explained (macros.safety.characters)."""

from __future__ import annotations

import pytest

from macros.problems import printable
from macros.safety.characters import RawChar, describe, raw_characters, unsafe_characters


@pytest.mark.parametrize(
    ("char", "name"),
    [
        ("\u00a0", "a non-breaking space (U+00A0)"),
        ("\u200b", "a zero-width space (U+200B)"),
        ("\u200d", "a zero-width joiner (U+200D)"),
        ("\ufeff", "a zero-width no-break space (byte order mark) (U+FEFF)"),
        ("\u202e", "a right-to-left override (U+202E)"),
        ("\u2066", "a left-to-right isolate (U+2066)"),
        ("\x1b", "an escape character (terminal control sequence) (U+001B)"),
        ("\x00", "a null character (U+0000)"),
        ("\x85", "a C1 control character (U+0085)"),
        ("\t", "a tab (U+0009)"),
        ("\u2028", "a line separator (U+2028)"),
        ("\U000e0041", "an invisible tag character (U+E0041)"),
    ],
)
def test_each_character_has_a_name(char: str, name: str) -> None:
    assert describe(char) == name
    assert [found.char for found in unsafe_characters(f"a{char}b")] == [char]


def test_the_message_names_the_character_the_column_and_the_fix() -> None:
    text = "Pick Flask\u00a0for small services"
    (found,) = raw_characters(text)
    assert found.message == (
        "a non-breaking space (U+00A0) at column 11: replace it with a normal space"
    )


def test_ordinary_text_passes_untouched() -> None:
    assert unsafe_characters("Django’s ORM — “batteries included”, café, 日本語") == []  # noqa: RUF001
    assert unsafe_characters("two\nlines", allow_newline=True) == []
    assert unsafe_characters("a\tb", allow_tab=True) == []
    assert [f.char for f in unsafe_characters("a\tb\nc")] == ["\t", "\n"]


def test_raw_lines_point_at_a_nbsp_after_the_key() -> None:
    text = "title: Alpha\nname:\u00a0Beta\n"
    (found,) = raw_characters(text)
    assert (found.line, found.column) == (2, 6)
    assert found.message == (
        "a non-breaking space (U+00A0) at column 6 right after "
        "'name:': replace it with a normal space"
    )


def test_raw_lines_point_at_indentation() -> None:
    text = "frameworks:\n\u00a0 alpha: x\n\tbeta: y\n"
    assert [(f.line, f.message) for f in raw_characters(text)] == [
        (
            2,
            "a non-breaking space (U+00A0) at column 1 in the indentation: "
            "replace it with a normal space",
        ),
    ]  # a tab in the indentation is the YAML reader's to report


def test_raw_lines_report_invisible_characters_anywhere_but_leave_tabs_in_text() -> None:
    text = "a: |\n  code:\tkept\n  id\u200bx\n  \u202eevil\n"
    findings: list[RawChar] = raw_characters(text)
    assert [(f.line, f.column) for f in findings] == [(3, 5), (4, 3)]
    assert "zero-width space (U+200B)" in findings[0].message
    assert "right-to-left override (U+202E)" in findings[1].message


def test_windows_line_ends_are_not_reported_as_characters() -> None:
    assert raw_characters("a: b\r\nc: d\r\n") == []


def test_terminal_output_shows_controls_escaped() -> None:
    assert printable("bad \x1b[2J\x1b]0;owned\x07 name\u202e") == (
        "bad \\x1b[2J\\x1b]0;owned\\x07 name\\u202e"
    )
    assert printable("line one\n\tline two — ok") == "line one\n\tline two — ok"
