"""Report links (macros/render/report.py, report_error.md.j2) and their two fields in site.yml."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from macros.data.loader import load, load_or_raise
from macros.paths import project_root
from macros.render.pages import Renderer
from macros.render.report import issue_url, mailto, page_url


def test_page_addresses() -> None:
    assert page_url("https://s.example/", "index.md") == "https://s.example/"
    assert page_url("https://s.example/", "security.md") == "https://s.example/security/"
    assert page_url("https://s.example/sub/", "frameworks/flask.md") == (
        "https://s.example/sub/frameworks/flask/"
    )


def test_an_issue_prefilled_on_github_and_on_gitlab() -> None:
    url = issue_url("https://github.com/o/site", "Error in “ORM” & more", "Page: x\n\nWhat?")
    parts = urlsplit(url)
    assert parts.netloc == "github.com" and parts.path == "/o/site/issues/new"
    assert parse_qs(parts.query) == {
        "title": ["Error in “ORM” & more"],
        "body": ["Page: x\n\nWhat?"],
    }
    gitlab = urlsplit(issue_url("https://gitlab.com/o/site", "T", "B"))
    assert gitlab.path == "/o/site/-/issues/new"
    assert parse_qs(gitlab.query) == {"issue[title]": ["T"], "issue[description]": ["B"]}


def test_the_address_is_percent_encoded_into_mailto() -> None:
    link = mailto("fix+site%1@example.org", "A & B?", "line\nnext")
    assert link == "mailto:fix%2Bsite%251@example.org?subject=A%20%26%20B%3F&body=line%0Anext"
    assert unquote(link.removeprefix("mailto:").split("?")[0]) == "fix+site%1@example.org"


def copy_site(tmp_path: Path) -> Path:
    shutil.copytree(project_root() / "data", tmp_path / "data")
    return tmp_path / "data"


def report_line(data_dir: Path) -> str:
    pages = {p.src_uri: p.markdown for p in Renderer(load_or_raise(data_dir)).pages()}
    [line] = [ln for ln in pages["security.md"].splitlines() if 'class="report-error"' in ln]
    return line


def test_a_topic_links_a_prefilled_issue_and_the_e_mail(tmp_path: Path) -> None:
    line = report_line(project_root() / "data")
    issue = line.split("[Report an error](")[1].split(")")[0]
    query = parse_qs(urlsplit(issue).query)
    assert issue.startswith(
        "https://git.flask-vs-django.example/editors/flask-vs-django/issues/new?"
    )
    assert query["title"] == [
        "Error in “Security” (Flask vs Django: a sourced comparison for 2026)"
    ]
    assert query["body"][0].startswith("Page: https://flask-vs-django.example/security/\n\n")
    assert "[send it by e-mail](mailto:corrections@flask-vs-django.example?subject=" in line
    # Without repo_url the e-mail is the report link.
    data_dir = copy_site(tmp_path)
    site = data_dir / "site.yml"
    text = site.read_text()
    site.write_text(text.replace("repo_url: https://git.flask-vs-django.example/editors/", "# "))
    line = report_line(data_dir)
    assert "[Report an error](mailto:corrections@flask-vs-django.example?subject=" in line
    assert "issues/new" not in line


@pytest.mark.parametrize(
    "url",
    [
        "http://github.com/o/site",
        "https://github.com/o/site/",
        "https://github.com/o/site?tab=issues",
        "https://github.com/o/site#readme",
        "https://github.com",
    ],
)
def test_repo_url_must_be_a_plain_https_repository_address(tmp_path: Path, url: str) -> None:
    data_dir = copy_site(tmp_path)
    site = data_dir / "site.yml"
    lines = site.read_text().splitlines(keepends=True)
    number = next(i for i, ln in enumerate(lines) if ln.startswith("repo_url:"))
    lines[number] = f'repo_url: "{url}"\n'
    site.write_text("".join(lines))
    problems = [str(p) for p in load(data_dir, tmp_path).problems]
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"data/site.yml:{number + 1}:11: repo_url: ")


@pytest.mark.parametrize(
    ("email", "ok"),
    [
        ("corrections@flask-vs-django.example", True),
        ("first.last+site@mail.example.org", True),
        ("a..b@example.org", False),
        (".a@example.org", False),
        ("a@-example.org", False),
        ("a@example", False),
        ("a@example.o1", False),
        ("a b@example.org", False),
        ("a@b@example.org", False),
    ],
)
def test_the_report_address_is_checked_strictly(tmp_path: Path, email: str, ok: bool) -> None:
    data_dir = copy_site(tmp_path)
    site = data_dir / "site.yml"
    text = site.read_text()
    site.write_text(text.replace("email: corrections@flask-vs-django.example", f'email: "{email}"'))
    problems = [str(p) for p in load(data_dir, tmp_path).problems]
    assert (problems == []) is ok, problems
    if not ok:
        assert "about.report.email" in problems[0]
