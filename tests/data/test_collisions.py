"""An id collision between two data files is filed under the file that spells out the
other's address (the longer id; of two as long, the later path), whichever loop reached
it first (issue 21, part 6)."""

from __future__ import annotations

import shutil
from pathlib import Path

from macros.data.collisions import check_collisions, introduced_by
from macros.data.layout import DataFile, FileKind
from macros.data.loader import load
from tests.harness.site import FIXTURES

ARCH = "data/dimensions/architecture.yml"
HINT = (
    "(choose another id: two things with one address hide each other (of the two files, "
    "this one has the longer id, which spells out the other's address; of two ids as "
    "long, the later file name))"
)


def collisions(tmp_path: Path, name: str) -> list[str]:
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", root)
    text = (root / ARCH).read_text(encoding="utf-8")
    (root / "data" / "dimensions" / name).write_text(text.replace("order: 10", "order: 30"))
    files = [f for f in load(root / "data", root).files if f.doc is not None]
    return [str(p) for p in check_collisions(files, {})]


def test_a_dimension_spelling_out_another_dimension_and_a_framework(tmp_path: Path) -> None:
    new = "data/dimensions/architecture-alpha.yml"
    assert collisions(tmp_path, "architecture-alpha.yml") == [
        f"{new}: the dimension id 'architecture-alpha' makes #architecture-alpha on one-page, "
        f"which {ARCH} makes too {HINT}",
        f"{new}: the dimension id 'architecture-alpha' makes #architecture-alpha on the home "
        f"page, which {ARCH} makes too {HINT}",
    ]


def test_the_rule_does_not_depend_on_the_order_the_files_are_read(tmp_path: Path) -> None:
    # templates-beta.yml sorts before templates.yml ('-' before '.'): read first, and
    # still the file the collision is filed under, not templates.yml.
    problems = collisions(tmp_path, "templates-beta.yml")
    assert problems and all(
        p.startswith("data/dimensions/templates-beta.yml: ") for p in problems
    ), problems


def test_the_rule_longer_id_then_later_path() -> None:
    def dimension(name: str) -> DataFile:
        return DataFile(f"data/dimensions/{name}.yml", FileKind.DIMENSION, name, b"", None)

    assert introduced_by(dimension("orm-flask"), dimension("orm"))
    assert not introduced_by(dimension("orm"), dimension("orm-flask"))
    assert introduced_by(dimension("b-c"), dimension("a-b"))  # as long: the later path
    assert not introduced_by(dimension("a-b"), dimension("b-c"))
