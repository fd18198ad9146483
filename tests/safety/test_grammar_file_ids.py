"""Ids that become file and folder names (issue 21): look-alikes, length, device names."""

from __future__ import annotations

import re

import pytest

from macros.data.layout import ID_MAX_LENGTH, ID_PATTERN
from macros.editor.new_files import ScaffoldError, check_new
from macros.safety.grammar import code_point, file_id_issues


def codes(file_id: str) -> list[str]:
    return [issue.code for issue in file_id_issues(file_id, ID_PATTERN, ID_MAX_LENGTH)]


def test_a_plain_id_passes() -> None:
    assert codes("django") == []
    assert codes("a" * ID_MAX_LENGTH) == []
    assert codes("console") == []  # only the device names themselves


def test_a_look_alike_is_named_by_its_code_point() -> None:
    [issue] = file_id_issues("dj\u0430ngo", ID_PATTERN, ID_MAX_LENGTH)
    assert issue.code == "id-look-alike"
    assert issue.offset == 2
    assert issue.values["char"] == "U+0430 CYRILLIC SMALL LETTER A"


def test_a_final_line_break_is_not_an_id() -> None:
    assert codes("orm-question\n") == ["invalid-file-id"]


def test_an_id_too_long_for_a_file_name() -> None:
    [issue] = file_id_issues("a" * 250, ID_PATTERN, ID_MAX_LENGTH)
    assert issue.code == "id-too-long"
    assert issue.values["length"] == 250


@pytest.mark.parametrize("name", ["con", "nul", "aux", "prn", "com1", "com9", "lpt1", "lpt9"])
def test_windows_device_names_are_refused(name: str) -> None:
    assert codes(name) == ["windows-device-name"]


def test_code_point_of_an_unnamed_character() -> None:
    assert code_point("\u0430") == "U+0430 CYRILLIC SMALL LETTER A"
    assert code_point("\U000e0001") == "U+E0001 LANGUAGE TAG"


@pytest.mark.parametrize(
    ("file_id", "said"),
    [
        ("nul", "'nul' is a device name on Windows"),
        ("dj\u0430ngo", "U+0430 CYRILLIC SMALL LETTER A"),
        ("a" * 250, "is 250 characters long; the limit is 60"),
    ],
)
def test_the_scaffold_refuses_them_too(tmp_path: object, file_id: str, said: str) -> None:
    from pathlib import Path

    data = Path(str(tmp_path)) / "data"
    (data / "frameworks").mkdir(parents=True)
    with pytest.raises(ScaffoldError, match=re.escape(said)):
        check_new(data, "frameworks", file_id)
