"""The preview's error page escapes every value, file names included, and never
quotes a file that is a link or lies outside data/ (issue 11)."""

from __future__ import annotations

from pathlib import Path

from macros.problems import Problem
from macros.render.pages import render_problems

EVIL = "x`<img src=x onerror=alert(1)>`.yml"


def test_a_file_name_with_html_and_backticks_is_text(tmp_path: Path) -> None:
    (tmp_path / "data" / "frameworks").mkdir(parents=True)
    page = render_problems(
        [Problem(f"data/frameworks/{EVIL}", 0, 0, "", "'x' is not a valid id")], root=tmp_path
    )
    assert "<img" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_a_link_is_never_quoted(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "passwd.yml").symlink_to(secret)
    (tmp_path / "outside.yml").write_text("password: hunter2\n")
    page = render_problems(
        [
            Problem("data/passwd.yml", 1, 1, "", "a symbolic link is not allowed here"),
            Problem("outside.yml", 1, 1, "", "somewhere else"),
            Problem("data/../outside.yml", 1, 1, "", "climbing out"),
        ],
        root=tmp_path,
    )
    assert "root:x:0:0" not in page
    assert "hunter2" not in page
    assert page.count("data/passwd.yml") >= 1
