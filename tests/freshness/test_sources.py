"""check-sources against fake sites on 127.0.0.1: every kind of finding is reported with
data/sources.yml:line:column, and no test needs the network."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import date
from pathlib import Path

import pytest

from macros.freshness.pagetext import html_text, missing, normalise, quotations, source_text
from macros.freshness.sources import MESSAGES, main
from tests.harness.fake_web import Server, html, redirect, serve
from tests.harness.site import ROOT, free_port

SOURCES = """\
# Every source the site cites.

kept:
  title: "A page that still says it"
  url: https://docs.example/kept/
  publisher: Docs
  checked: 2026-11-30
  supports: "\u201cThe default limiter has a value of 40 \u2026 a maximum of 40 threads\u201d."

moved:
  title: "A page that moved within its site"
  url: https://docs.example/old/
  publisher: Docs
  checked: 2026-11-30
  supports: "Says \u201csessions are signed cookies\u201d."

gone:
  title: "A page that is gone"
  url: https://docs.example/gone/
  publisher: Docs
  checked: 2026-11-30
  supports: "Something it said."

changed:
  title: "A page that no longer says it"
  url: https://docs.example/changed/#section
  publisher: Docs
  checked: 2026-11-30
  supports: "\u201cTrusts 127.0.0.1 by default\u201d, \u201cthe header is ignored otherwise\u201d."

elsewhere:
  title: "An address that now leads to another site"
  url: https://blog.example/post
  publisher: Blog
  checked: 2026-11-30
  supports: "A paraphrase, never looked for."
"""

PAGES = {
    "/kept/": html(
        "<main><p>The <em>default</em> limiter has a value of 40,\n meaning that calls "
        "cause a maximum of 40&nbsp;threads to be spawned.</p><script>x = 1</script></main>"
    ),
    "/old/": redirect("/new/"),
    "/new/": html("<p>Sessions are \u201csigned\u201d cookies: <b>SESSIONS ARE SIGNED</b></p>"),
    "/changed/": html("<p>The header is ignored otherwise.</p>"),
}


def line_of(text: str, pattern: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if re.search(pattern, line))


@contextmanager
def sites() -> Iterator[dict[str, Server]]:
    """docs.example, blog.example (which now redirects) and shop.example, each a server."""
    with ExitStack() as stack:
        docs = stack.enter_context(serve(PAGES))
        shop = stack.enter_context(serve({"/": html("<p>Buy things.</p>")}))
        blog = stack.enter_context(serve({"/post": redirect("https://shop.example/")}))
        yield {
            "https://docs.example": docs,
            "https://blog.example": blog,
            "https://shop.example": shop,
        }


def mirrors(servers: dict[str, Server]) -> list[str]:
    return [arg for site, s in servers.items() for arg in ("--mirror", f"{site}={s.base}")]


def write(tmp: Path) -> Path:
    data = tmp / "data"
    data.mkdir()
    (data / "sources.yml").write_text(SOURCES)
    (data / "site.yml").write_text("url: https://flask-vs-django.example/\n")
    return data


def check(tmp: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    data = write(tmp)
    with sites() as servers:
        code = main(
            ["--data", str(data), "--cache-dir", str(tmp / "cache"), *mirrors(servers), *extra]
        )
        agents = {agent for s in servers.values() for agent in s.agents}
    assert agents == {
        "comparison-check-sources/1 (+https://flask-vs-django.example/; re-reads the pages "
        "the site cites, weekly)"
    }
    return code, capsys.readouterr().out


def test_each_kind_of_finding_is_reported_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = check(tmp_path, capsys)
    url = {s: line_of(SOURCES, rf"url: .*/{s}") for s in ("old", "gone", "post")}
    changed = line_of(SOURCES, "Trusts 127")
    column = SOURCES.splitlines()[changed - 1].index("Trusts") + 1
    assert code == 1, out
    assert out.splitlines() == [
        "Moved within their site (1):",
        f"  data/sources.yml:{url['old']}:8: note: moved.url: the page moved to "
        "https://docs.example/new/ (write the new address in url)",
        "data/sources.yml (2 errors, 1 warning)",
        f"  data/sources.yml:{url['gone']}:8: gone.url: the page answers HTTP 404 (open "
        "https://docs.example/gone/: if it moved, cite its new address; if it is gone, cite "
        "another page or an archived copy)",
        f"  data/sources.yml:{changed}:{column}: changed.supports: the page no longer says "
        "\u201cTrusts 127.0.0.1 by default\u201d (re-read https://docs.example/changed/#section: "
        "correct supports and checked, or cite a page that says it)",
        f"  data/sources.yml:{url['post']}:8: warning: elsewhere.url: the address now leads to "
        "another site: https://shop.example/ (check that it is the same document, then cite "
        "it or another page)",
        "Found 2 errors, 1 warning in 1 file.",
        f"5 sources (5 pages) checked on {date.today()}: 3 to fix, 1 moved within their "
        "site, 0 pages did not answer; paraphrases to re-read by hand: 1.",
    ]


def test_a_second_run_reads_the_cache_and_asks_no_server(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, out = check(tmp_path, capsys)
    data = tmp_path / "data"
    with sites() as servers:
        second = main(
            ["--data", str(data), "--cache-dir", str(tmp_path / "cache"), *mirrors(servers)]
        )
        asked = [path for s in servers.values() for path in s.asked]
    assert (first, second) == (1, 1)
    assert capsys.readouterr().out == out
    assert asked == []
    with sites() as servers:  # expired: --max-age 0 fetches again
        main(
            [
                "--data",
                str(data),
                "--cache-dir",
                str(tmp_path / "cache"),
                "--max-age",
                "0",
                *mirrors(servers),
            ]
        )
        assert sorted(servers["https://docs.example"].asked) == sorted(
            ["/kept/", "/old/", "/new/", "/gone/", "/changed/"]
        )


def test_no_answer_at_all_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = write(tmp_path)
    dead = f"http://127.0.0.1:{free_port()}"
    sites_down = [
        f"--mirror={site}={dead}" for site in ("https://docs.example", "https://blog.example")
    ]
    code = main(["--data", str(data), "--no-cache", *sites_down])
    out = capsys.readouterr().out
    assert code == 2
    assert "gone.url: could not fetch the page: [Errno 111] Connection refused" in out
    assert out.splitlines()[-1] == "No page answered: is the network down?"


def test_a_broken_sources_file_is_reported_before_fetching(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = write(tmp_path)
    (data / "sources.yml").write_text(SOURCES.replace("  url: https://docs.example/gone/\n", ""))
    code = main(["--data", str(data), "--no-cache", "--mirror", "https://x=http://127.0.0.1:9"])
    assert code == 2
    assert "gone: missing required key 'url'" in capsys.readouterr().out


def test_the_script_runs_from_the_command_line(tmp_path: Path) -> None:
    data = write(tmp_path)
    with sites() as servers:
        result = subprocess.run(
            [
                sys.executable,
                str(ROOT / "scripts/check-sources"),
                "--data",
                str(data),
                "--no-cache",
                "--only",
                "kept",
                *mirrors(servers),
            ],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 sources (1 pages) checked on" in result.stdout


@pytest.mark.parametrize(
    ("supports", "quotes"),
    [
        ("A paraphrase.", []),
        (
            'Says "two words" and \u201cthree more words\u201d.',
            [(6, "two words"), (22, "three more words")],
        ),
        (
            "\u201cFirst part, \u2026 second part [sic] third part.\u201d",
            [(1, "First part"), (15, "second part"), (33, "third part")],
        ),
        ("\u201cone\u201d word proves nothing", []),
    ],
)
def test_quotations_and_where_they_start(supports: str, quotes: list[tuple[int, str]]) -> None:
    found = quotations(supports)
    assert found == quotes
    assert [supports[at : at + len(q)] for at, q in found] == [q for _, q in quotes]


def test_page_text_is_normalised_like_the_quotation() -> None:
    page = html_text(
        "<head><title>x</title></head><p>It\u2019s\tone\u2014two</p><p>Three"
        "<style>p{}</style></p><li>FOUR</li>"
    )
    assert normalise(page) == "its one-two three four"
    assert normalise("It's one \u2013 two") == "its one - two"


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_the_guide_explains_every_message(code: str) -> None:
    shown = MESSAGES[code].shown
    assert shown in (ROOT / "EDITING.md").read_text(), f"EDITING.md does not explain {shown!r}"


def test_a_page_that_ships_its_text_as_script_data_and_markup_are_read() -> None:
    quotes = quotations("\u201cCalls to_thread.run_sync() without a limiter\u201d")
    shipped = '<script>{"rawLines":["Calls ``to_thread.run_sync()`` without \\u0026 a limiter",'
    shipped += '"Calls ``to_thread.run_sync()`` without a limiter"]}</script>'
    page = html_text(shipped)
    assert missing(quotes, normalise(page), "") == quotes
    assert missing(quotes, normalise(page), normalise(source_text(shipped))) == []
