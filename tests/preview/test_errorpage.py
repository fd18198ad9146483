"""The preview's error page (macros.preview.errorpage, rendered by render_problems):
the excerpts show the right lines, the spot marked and the caret under it; every
value is escaped, file names included, and a file that is a link or lies outside
data/ is never quoted (issue 11)."""

from __future__ import annotations

from pathlib import Path

from macros.preview.errorpage import ExcerptLine, count_text, excerpt, group, read_lines
from macros.problems import Problem, Severity
from macros.render.pages import render_problems

LINES = ["title: Caching", "order: ten", "summary: |", "  Fast[^djnago].", "last_reviewed: x"]


def test_two_lines_around_the_spot_with_the_token_marked() -> None:
    shown, caret = excerpt(LINES, 2, 8)
    assert shown == (
        ExcerptLine(1, "title: Caching"),
        ExcerptLine(2, "order: ten", "order: ", "ten", "", target=True),
        ExcerptLine(3, "summary: |"),
        ExcerptLine(4, "  Fast[^djnago]."),
    )
    assert caret == "       ^^^"


def test_a_citation_is_marked_whole() -> None:
    shown, caret = excerpt(LINES, 4, 7)
    assert [s.marked for s in shown if s.target] == ["[^djnago]"]
    assert caret == "      ^^^^^^^^^"
    assert [s.number for s in shown] == [2, 3, 4, 5]  # the file ends after line 5


def test_a_column_past_the_end_marks_a_space_and_tabs_keep_the_caret_aligned() -> None:
    shown, caret = excerpt(["key: value"], 1, 40)
    assert [(s.before, s.marked) for s in shown] == [("key: value", " ")]
    assert caret == " " * 10 + "^"
    assert excerpt(["\tkey: x"], 1, 2)[1] == "\t^^^^"


def test_no_excerpt_for_the_whole_file_or_a_missing_one() -> None:
    assert excerpt(LINES, 0, 0) == ((), "")
    assert excerpt([], 3, 1) == ((), "")


def test_grouped_by_file_in_report_order_with_counts() -> None:
    problems = [
        Problem("b.yml", 1, 1, "", "second"),
        Problem("a.yml", 2, 1, "x", "first"),
        Problem("a.yml", 1, 1, "", "odd", severity=Severity.WARNING),
    ]
    files = group(problems, {})
    assert [(f.path, f.counts, [p.anchor for p in f.problems]) for f in files] == [
        ("a.yml", "1 error, 1 warning", ["problem-1", "problem-2"]),
        ("b.yml", "1 error", ["problem-3"]),
    ]
    assert count_text([]) == "no problems"


def test_lines_are_numbered_as_the_yaml_reader_numbers_them(tmp_path: Path) -> None:
    path = tmp_path / "x.yml"
    path.write_bytes(b"\xef\xbb\xbfa: 1\r\nb: 2\rc: \xff\n")
    assert read_lines(path) == ["a: 1", "b: 2", "c: \ufffd", ""]
    assert read_lines(tmp_path / "missing.yml") == []


def test_the_page_escapes_what_it_shows(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data/site.yml").write_text("intro: <script>alert(1)</script>\n")
    page = render_problems(
        [
            Problem(
                "data/site.yml", 1, 8, "intro", "raw HTML is not allowed: <script>", "use Markdown"
            )
        ],
        root=tmp_path,
    )
    assert "<script>" not in page
    assert "<mark>&lt;script&gt;alert(1)&lt;/script&gt;</mark>" in page
    assert "raw HTML is not allowed: &lt;script&gt;" in page


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
