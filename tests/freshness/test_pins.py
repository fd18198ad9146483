"""The samples' pins in pyproject.toml follow a fixed version, and nothing else moves."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.freshness.pins import samples_pins, update_pins

PYPROJECT = """\
[project]
name = "x"
dependencies = ["django==6.1.3"]

[project.optional-dependencies]
dev = [
    "flask==3.1.3",  # not a sample: stays
]
samples = [
    "flask[async]==3.1.3",  # a comment stays
    "Django==6.1.3",
    "stripe==16.1.0",
]
"""


def test_only_the_samples_pins_of_moved_packages_change(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(PYPROJECT)
    moved = update_pins(pyproject, {"flask": "3.2.0", "django": "6.1.4", "celery": "5.8.0"})
    assert moved == [("django", "6.1.3", "6.1.4"), ("flask", "3.1.3", "3.2.0")]
    assert pyproject.read_text() == PYPROJECT.replace(
        '"flask[async]==3.1.3"', '"flask[async]==3.2.0"'
    ).replace('"Django==6.1.3"', '"Django==6.1.4"')
    assert samples_pins(pyproject) == {"flask": "3.2.0", "django": "6.1.4", "stripe": "16.1.0"}


def test_nothing_to_move_leaves_the_file_alone(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(PYPROJECT)
    assert update_pins(pyproject, {"flask": "3.1.3", "celery": "5.8.0"}) == []
    assert pyproject.read_text() == PYPROJECT


def test_a_file_without_the_block_is_refused(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    flowing = PYPROJECT.replace('samples = [\n    "flask', 'samples = ["flask')
    pyproject.write_text(flowing)
    with pytest.raises(ValueError, match=r"no 'samples = \[' \.\.\. '\]' block"):
        update_pins(pyproject, {"flask": "3.2.0"})
    assert pyproject.read_text() == flowing


def test_the_samples_dependency_group_is_read_and_moved(tmp_path: Path) -> None:
    """samples/pyproject.toml keeps the pins in a PEP 735 group (issue 23)."""
    pyproject = tmp_path / "pyproject.toml"
    grouped = PYPROJECT.replace("[project.optional-dependencies]", "[dependency-groups]")
    pyproject.write_text(grouped)
    assert samples_pins(pyproject) == {"flask": "3.1.3", "django": "6.1.3", "stripe": "16.1.0"}
    assert update_pins(pyproject, {"stripe": "16.2.0"}) == [("stripe", "16.1.0", "16.2.0")]
    assert pyproject.read_text() == grouped.replace("stripe==16.1.0", "stripe==16.2.0")
