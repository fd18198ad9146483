"""The YAML reader's failures in editors' words (issue 21, part 6): no parser internals,
the real cause of a key YAML cannot read, and no crash on YAML's own line breaks."""

from __future__ import annotations

from macros.data.file_reader import check_data_file
from macros.data.layout import FileKind
from macros.data.yaml_reader import parse_yaml
from macros.safety.grammar import block_character_issues, one_line_issues

GOOD = b"questions:\n  - id: which-first\n    q: Which first?\n    a: |\n      Alpha.\n"


def messages(data: bytes) -> list[str]:
    doc, problems = parse_yaml(data, "data/faq.yml")
    assert doc is None
    return [str(p) for p in problems]


def test_a_null_character_is_named_at_its_place() -> None:
    [said] = messages(GOOD.replace(b"Which", b"Wh\x00ich"))
    assert said.startswith("data/faq.yml:3:10: a null character (U+0000): YAML does not allow")
    assert "<unicode string>" not in said and "position" not in said


def test_a_key_over_yamls_limit_says_so() -> None:
    [said] = messages(GOOD + b"k" * 200_000 + b": 1\n")
    assert said.startswith("data/faq.yml:6:1: this key is 200000 characters long; YAML reads")
    assert "at most 1024 characters" in said
    assert "could not find expected" not in said


def test_a_line_separator_moves_no_position_and_crashes_nothing() -> None:
    # YAML breaks lines at U+2028 too: its line numbers were used to index the editor's
    # lines, an IndexError when the break came in the last lines.
    [said] = messages(GOOD.replace(b"Alpha.", "Al\u2028pha.".encode()))
    assert said.startswith("data/faq.yml:6:1: YAML syntax error"), said


def test_the_fix_for_a_line_separator_depends_on_the_field() -> None:
    [block] = block_character_issues("First line\u2028second line")
    assert "normal line break" in block.values["fix"]
    [line] = one_line_issues("First\u2028second")
    assert line.values["fix"] == "keep this field on one line"


def test_a_one_line_field_written_as_a_block_must_be_one_line() -> None:
    """'q: |' gives 'text\\n': Python's '$' let it through, ECMA-262's (the schema's) does not."""
    data = GOOD.replace(b"q: Which first?", b"q: |\n      Which first?")
    _, problems = check_data_file(data, "data/faq.yml", FileKind.FAQ, None)
    assert [str(p) for p in problems] == [
        "data/faq.yml:3:8: questions[0].q: must be one line (write it on one line, without a "
        "'|' block)"
    ]


def test_positions_after_a_line_separator_in_a_file_that_parses() -> None:
    """The marks of later values stay on the editor's lines, not YAML's."""
    data = GOOD.replace(b"id: which-first", 'id: "which\u2028first"'.encode()).replace(
        b"q: Which first?", 'q: "Which\u2029"'.encode()
    )
    doc, _ = parse_yaml(data, "data/faq.yml")
    assert doc is not None
    assert doc.mark(("questions", 0, "q")) == (3, 8)
    assert doc.mark(("questions", 0, "a")) == (4, 8)
