"""The strict reader keeps editors' text exactly and knows where it came from."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.data.yaml_reader import MAX_BYTES, parse_yaml, read_yaml


def test_bom_and_crlf_are_accepted() -> None:
    doc, problems = parse_yaml(b"\xef\xbb\xbftitle: Hi\r\ntext: |\r\n  one\r\n  two\r\n", "f.yml")
    assert problems == []
    assert doc is not None
    assert doc.value == {"title": "Hi", "text": "one\ntwo\n"}
    assert doc.mark(("text",)) == (2, 7)


def test_quoted_scalars_and_dates_stay_as_written() -> None:
    doc, _ = parse_yaml(b'v: "3.10"\nw: "no"\nd: 2026-11-24\n', "f.yml")
    assert doc is not None
    assert doc.value == {"v": "3.10", "w": "no", "d": "2026-11-24"}


def test_yaml_1_1_surprises_keep_their_raw_text_for_messages() -> None:
    doc, _ = parse_yaml(b"v: 3.10\nw: no\nn: 010\n", "f.yml")
    assert doc is not None
    assert doc.value == {"v": 3.1, "w": False, "n": "010"}
    assert doc.raw == {("v",): "3.10", ("w",): "no", ("n",): "010"}


def test_small_aliases_are_allowed() -> None:
    doc, problems = parse_yaml(b"a: &x [1, 2]\nb: *x\n", "f.yml")
    assert problems == []
    assert doc is not None and doc.value == {"a": [1, 2], "b": [1, 2]}


def test_locate_maps_offsets_in_block_and_quoted_scalars() -> None:
    doc, _ = parse_yaml(b"t: |\n    one\n    two [^x]\nu: 'ab [^y]'\n", "f.yml")
    assert doc is not None
    assert doc.locate(("t",), doc.value["t"].index("[^")) == (3, 9)
    assert doc.locate(("u",), doc.value["u"].index("[^")) == (4, 8)


def test_oversized_file_is_rejected_before_parsing() -> None:
    doc, problems = parse_yaml(b"a: " + b"x" * MAX_BYTES + b"\n", "f.yml")
    assert doc is None
    assert [str(p) for p in problems] == [
        "f.yml: the file is too large (256 KB; the limit is 256 KB) (split it into smaller files)"
    ]


def test_key_that_is_not_text_is_rejected() -> None:
    doc, problems = parse_yaml(b"? [a, b]\n: 1\n", "f.yml")
    assert doc is None
    assert [str(p) for p in problems] == [
        "f.yml:1:3: a key must be plain text, not a list or mapping"
    ]


def test_a_file_it_may_not_read_says_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 21: an unreadable data file (no read permission) named with what to do."""
    path = tmp_path / "site.yml"
    path.write_text("title: x\n")

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    document, problems = read_yaml(path, "data/site.yml")
    assert document is None
    assert [str(p) for p in problems] == [
        "data/site.yml: cannot read the file: Permission denied (give your user read access to "
        "it (or ask its owner), then run the command again)"
    ]
