"""Checks across the data: here, site.yml's url as the theme's scripts hold it (issue 21)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from macros.data.loader import load
from macros.safety.allowlist import load_allowlist
from tests.harness.site import FIXTURES


def site_url_problems(tmp_path: Path, url: str) -> list[str]:
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", root)
    site = root / "data" / "site.yml"
    text = site.read_text(encoding="utf-8")
    site.write_text(text.replace("url: https://example.org/", f"url: {url}", 1), "utf-8")
    return [str(p) for p in load(root / "data", root).problems if p.field == "url"]


HINT = (
    "(write the address as https://host/ or https://host/path/, its path made of letters, "
    "digits and . _ ~ - between single slashes, with no query (?), '#', '&' or '%': the "
    "theme writes it into its 404 page's script, which the site's allowlist matches exactly)"
)


@pytest.mark.parametrize(
    ("url", "char"),
    [
        ("https://example.org/a&b/", "'&' (U+0026 AMPERSAND)"),
        ("https://example.org/?q=1", "'?' (U+003F QUESTION MARK)"),
        ("https://example.org/a%20b/", "'%' (U+0025 PERCENT SIGN)"),
        ("https://example.org/x#top", "'#' (U+0023 NUMBER SIGN)"),
        ("https://example.org/a,b/", "',' (U+002C COMMA)"),
        ("https://example.org//evil.example/", "'//' (two slashes in a row)"),
    ],
)
def test_a_site_url_the_theme_cannot_print_is_refused_at_site_yml(
    tmp_path: Path, url: str, char: str
) -> None:
    expected = (
        f"data/site.yml:3:6: url: '{url}' holds {char}, which the site's own address may "
        f"not hold {HINT}"
    )
    assert site_url_problems(tmp_path, url) == [expected]


def test_a_site_url_path_without_a_final_slash_is_refused_once(tmp_path: Path) -> None:
    url = "https://example.org/docs"
    assert site_url_problems(tmp_path, url) == [
        f"data/site.yml:3:6: url: '{url}' does not end in '/' (add '/' at the end "
        "(https://host/path/): the site's pages are published under it)"
    ]


@pytest.mark.parametrize(
    "url", ["https://example.org/", "https://example.org", "https://example.org/docs/v1.2_x~y/"]
)
def test_a_plain_site_url_passes_and_the_allowlist_takes_its_path(tmp_path: Path, url: str) -> None:
    assert site_url_problems(tmp_path, url) == []
    path = "/" + url.removeprefix("https://").partition("/")[2]
    entry = next(e for e in load_allowlist().scripts if "{base}" in e.text)
    assert load_allowlist().match(entry.render(path)) is not None
