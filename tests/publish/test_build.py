"""Whole builds: the real site, hand-written code samples, and data-driven growth."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from macros.data.loader import load_or_raise
from macros.data.model import PROFILE_ROW_IDS
from macros.render.pages import long_date
from tests.harness.site import BUILD_ENV, FIXTURES, ROOT, mkdocs_build

pytestmark = pytest.mark.slow


def text_of(fragment: str) -> str:
    """Visible text of an HTML fragment (tags dropped, entities decoded)."""
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def code_blocks(page: str) -> list[str]:
    return [text_of(block) for block in re.findall(r"<code>(.*?)</code>", page, re.S)]


def test_real_site_has_every_dimension_row_and_question(site_dir: Path) -> None:
    data = load_or_raise(ROOT / "data")
    home = (site_dir / "index.html").read_text()
    one_page = (site_dir / "one-page" / "index.html").read_text()
    for dim in data.dimensions:
        assert f'<h3 id="{dim.id}">' in home  # the topic list
        assert f'<h2 id="{dim.id}">' in one_page
        topic = (site_dir / dim.id / "index.html").read_text()
        assert f"Last reviewed {long_date(dim.last_reviewed)}." in topic
    table = (site_dir / "comparison" / "index.html").read_text()
    # The rows (data-entry), not the group headings the jump list links to.
    row_ids = re.findall(r'<tr\b(?=[^>]*\bdata-entry="row")[^>]*\bid="([^"]+)"', table)
    assert row_ids == [*PROFILE_ROW_IDS, *(row.id for row in data.table_rows)]
    faq = (site_dir / "faq" / "index.html").read_text()
    assert re.findall(r'<details class="question"[^>]*\bid="([^"]+)"', faq) == [
        q.id for q in data.questions
    ]
    assert (site_dir / "decide" / "index.html").exists()


def test_hand_written_code_samples_render_verbatim(minimal_site_dir: Path) -> None:
    page = (minimal_site_dir / "templates-guide" / "index.html").read_text()
    assert code_blocks(page)[0] == (
        '{% extends "base.html" %}\n{% block content %}\n  <p>Hello {{ user.name }}</p>\n'
        '  <form method="post">{% csrf_token %}</form>\n{% endblock %}\n'
    )
    assert "{{ request.path }}" in code_blocks(page)
    assert "{% url 'home' %}" in code_blocks(page)


def test_code_samples_in_data_render_verbatim(minimal_site_dir: Path) -> None:
    blocks = code_blocks((minimal_site_dir / "templates" / "index.html").read_text())
    assert "{% block content %}Hello {{ user.name }}{% endblock %}\n" in blocks
    assert '<form method="post">{% csrf_token %}</form>\n' in blocks
    assert "{% csrf_token %}" in blocks  # inline code in a one-line verdict


NEW_DIMENSION = """\
title: Caching
order: 15
summary: |
  Where each framework keeps computed results.
last_reviewed: 2026-11-20
frameworks:
  alpha:
    verdict: Bring your own cache.
    text: |
      Alpha leaves caching to an extension of your choice.
  beta:
    verdict: A cache framework is built in.
    text: |
      Beta ships a cache framework with several backends[^beta-notes].
table:
  - id: cache-backends
    label: Cache backends
    values:
      alpha: Via extensions
      beta: Built in
faq:
  - id: cache-needed
    q: Do I need a cache on day one?
    a: |
      Usually not: measure first, then cache the slow queries.
"""


def test_a_new_dimension_file_appears_everywhere(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", project)
    (project / "data" / "dimensions" / "caching.yml").write_text(NEW_DIMENSION)
    site = tmp_path / "site"
    result = mkdocs_build(project / "mkdocs.yml", site)
    assert result.returncode == 0, result.stderr

    # Its page, with everything the file says.
    page = (site / "caching" / "index.html").read_text()
    assert "Alpha leaves caching to an extension of your choice." in page
    assert "Last reviewed 20 November 2026." in page
    assert re.search(r'<details class="question"[^>]*\bid="cache-needed"', page)
    # Its entry in the navigation (in order), on the home page and in the table.
    home = (site / "index.html").read_text()
    nav = re.findall(r'<a href="([a-z-]+)/" class="md-nav__link"', home)
    assert nav[:3] == ["architecture", "caching", "templates"], nav
    assert re.findall(r'<h3 id="([^"]+)"', home) == ["architecture", "caching", "templates"]
    assert 'href="caching/"' in home
    table = (site / "comparison" / "index.html").read_text()
    assert re.search(r'<tr\b[^>]*\bid="cache-backends"', table)
    assert '<a href="../caching/">Caching</a></th>' in table  # its group's heading
    faq = (site / "faq" / "index.html").read_text()
    assert '<h2 id="caching">' in faq and re.search(r'<details[^>]*\bid="cache-needed"', faq)
    # Its search entries: the page, its sections, its row and question.
    index = json.loads((site / "search" / "search_index.json").read_text())
    locations = {doc["location"] for doc in index["docs"]}
    assert {"caching/", "comparison/#cache-backends", "faq/#cache-needed"} <= locations
    assert any(
        "Alpha leaves caching to an extension" in doc["text"]
        for doc in index["docs"]
        if doc["location"].startswith("caching/")
    )


def test_data_paths_resolve_from_the_config_folder(tmp_path: Path) -> None:
    """Building from another working directory finds data/ beside mkdocs.yml."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(FIXTURES / "minimal" / "mkdocs.yml"),
            "-d",
            str(tmp_path / "site"),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=BUILD_ENV,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Alpha vs Beta" in (tmp_path / "site" / "index.html").read_text()


def test_build_script_replaces_site_only_on_success(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", project)
    (project / "site").mkdir()
    (project / "site" / "stale.html").write_text("old")
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build"), "--config", str(project / "mkdocs.yml")],
        capture_output=True,
        text=True,
        env=BUILD_ENV,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (project / "site" / "index.html").exists()
    assert not (project / "site" / "stale.html").exists()
    # Nothing but the lock (kept: removing it would let two builds lock two files).
    assert sorted(p.name for p in (project / ".build").iterdir()) == ["build.lock"]


def test_every_lifted_table_is_put_back(site_dir: Path) -> None:
    pages = list(site_dir.rglob("*.html"))
    assert pages
    assert [p for p in pages if "comparison-fragment" in p.read_text()] == []
    table = (site_dir / "comparison" / "index.html").read_text()
    assert re.search(r'<tr\b[^>]*\bid="orm"', table)


def test_home_page_title_is_the_site_title_once(site_dir: Path) -> None:
    """Regression: a front-matter title on the article made Material print
    "<title>Site - Site</title>" on the home page."""
    data = load_or_raise(ROOT / "data")
    title = re.search(r"<title>([^<]*)</title>", (site_dir / "index.html").read_text())
    assert title is not None and html.unescape(title.group(1)) == data.site.title
