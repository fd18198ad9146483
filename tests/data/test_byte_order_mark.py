"""A UTF-8 byte order mark opening a data file (Windows editors write it, issue 21).

The site reads the file as if it were not there (a warning, never an error),
positions stay those the editor sees, and ``scripts/lint --fix`` strips it.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from macros.data.file_reader import check_data_file
from macros.data.layout import FileKind
from macros.data.loader import load_dataset
from macros.lint.cli import main
from macros.paths import project_root
from macros.pipeline import check_project
from macros.project import project_from_config
from tests.harness.site import FIXTURES

BOM = b"\xef\xbb\xbf"
FAQ = "data/faq.yml"


def _project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", project)
    faq = project / FAQ
    faq.write_bytes(BOM + faq.read_bytes())
    return project


def test_a_file_with_a_byte_order_mark_loads(tmp_path: Path) -> None:
    project = _project(tmp_path)
    dataset, problems = load_dataset(project / "data", project)
    assert [str(p) for p in problems if p.severity == "error"] == []
    assert dataset is not None


def test_positions_after_a_byte_order_mark_are_the_editors(tmp_path: Path) -> None:
    data = BOM + b"title: Bad\xc2\xa0x\n"
    _, problems = check_data_file(data, "data/dimensions/bad.yml", FileKind.DIMENSION, "bad")
    invisible = [str(p) for p in problems if "U+00A0" in p.message]
    assert invisible and invisible[0].startswith("data/dimensions/bad.yml:1:11:"), invisible
    assert not any("U+FEFF" in p.message for p in problems)


def test_lint_warns_and_fix_strips_it(tmp_path: Path, capsys: object) -> None:
    project = _project(tmp_path)
    args = ["--data", str(project / "data"), "--today", "2026-11-24"]
    assert main([*args, "--check", "whitespace"]) == 0
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    assert f"{FAQ}:1:1: warning: the file starts with a byte order mark (U+FEFF)" in out
    assert "scripts/lint --fix removes it" in out
    before = (project / FAQ).read_bytes()
    assert main([*args, "--fix"]) == 0
    assert (project / FAQ).read_bytes() == before.removeprefix(BOM)


def test_a_strict_build_does_not_refuse_it(tmp_path: Path) -> None:
    """The warning is advice (a stage-2 check): the shipped data with a mark still builds."""
    root = project_root()
    data = tmp_path / "data"
    shutil.copytree(root / "data", data)
    (data / "faq.yml").write_bytes(BOM + (data / "faq.yml").read_bytes())
    project = project_from_config(
        root / "mkdocs.yml",
        data_dir=data,
        root=tmp_path,
        docs_dir=root / "content",
        today=dt.date(2026, 12, 7),
    )
    report = check_project(project)
    assert [p.code for p in report.advisory if p.code == "whitespace.byte-order-mark"] == [
        "whitespace.byte-order-mark"
    ]
    assert report.refused == []
