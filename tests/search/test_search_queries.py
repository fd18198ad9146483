"""The kept queries find their pages: the site's search worker and Material's,
run in Node over the built site's index (tests/js/search_worker.js), as the
browser runs them. The same queries are typed into Chromium in
tests/browser/test_search_queries.py; this one is quick enough to iterate with."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from macros.data.loader import load_or_raise
from tests.harness.site import ROOT
from tests.search.queries import TOP, best_first, found, kept_queries

WORKER = ROOT / "content" / "assets" / "javascripts" / "workers" / "search-fuzzy.js"
MINIMUM = 25
TAG = re.compile(r"<[^>]+>")


def run_worker(index_file: Path, queries: list[str]) -> dict[str, Any]:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    material = next(
        (ROOT / ".venv").glob(
            "lib/python*/site-packages/material/templates/assets/javascripts/workers/search.*.min.js"
        )
    )
    runner = ROOT / "tests" / "js" / "search_worker.js"
    out = subprocess.run(
        [node, str(runner), "--groups", str(WORKER), str(material), str(index_file), *queries],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    result: dict[str, Any] = json.loads(out)
    return result


@pytest.fixture(scope="module")
def answers(site_dir: Path) -> dict[str, Any]:
    queries = [case.query for case in kept_queries()]
    extra = ["is", "rate limting", "djnago", "django", "saas"]
    return run_worker(site_dir / "search" / "search_index.json", queries + extra)


def test_the_kept_queries_find_their_pages(answers: dict[str, Any]) -> None:
    cases = kept_queries()
    assert len(cases) >= MINIMUM
    missed = [
        f"{case.query!r}: wanted {case.find} in the first {TOP}, got "
        f"{[group[0] for group in answers[case.query]['groups'][:TOP]]}"
        for case in cases
        if not found(case, best_first(answers[case.query]["groups"]))
    ]
    assert not missed, "\n".join(missed)


def test_short_words_match_whole_words_only(answers: dict[str, Any]) -> None:
    # "is" once matched "isinstance" (a trailing wildcard on every word); it is a
    # stop word, so a whole-word search finds nothing.
    assert answers["is"]["groups"] == []


def test_a_word_found_as_typed_is_never_corrected(answers: dict[str, Any]) -> None:
    assert answers["django"]["correction"] is None
    assert answers["saas"]["correction"] is None  # a synonym, not a typo


def test_a_corrected_query_says_what_it_searched(answers: dict[str, Any]) -> None:
    # "rate limiting" was once rewritten to "date" without a word; now only the
    # misspelt word changes, to a synonym's word, and the result says so.
    assert answers["rate limting"]["correction"] == {
        "typed": "rate limting",
        "query": "rate limiting",
    }
    assert answers["djnago"]["correction"] == {"typed": "djnago", "query": "django"}


def test_every_page_is_in_the_index_but_the_one_page_view(site_dir: Path) -> None:
    """Framework profiles and pair pages were once left out, so "fastapi" never
    offered the FastAPI page; /one-page/ repeats every page and stays out."""
    docs = json.loads((site_dir / "search" / "search_index.json").read_text())["docs"]
    indexed = {doc["location"].partition("#")[0] for doc in docs}
    built = {
        page.parent.relative_to(site_dir).as_posix() + "/"
        for page in site_dir.rglob("index.html")
        if page.parent != site_dir
    } | {""}
    assert "frameworks/fastapi/" in indexed and "compare/flask-vs-fastapi/" in indexed
    assert indexed == built - {"one-page/"}


def test_every_synonym_group_leads_to_words_the_site_uses(site_dir: Path) -> None:
    """A group none of whose terms appears on the site finds nothing, whichever
    of its terms a reader types: a group in data/search.yml that went stale."""
    docs = json.loads((site_dir / "search" / "search_index.json").read_text())["docs"]
    words = {
        word
        for doc in docs
        for word in re.split(
            r"[^\w]+", html.unescape(TAG.sub(" ", f"{doc['title']} {doc['text']}")).lower()
        )
    }
    stale = [
        group
        for group in load_or_raise(ROOT / "data", ROOT).synonyms
        if not any(all(word in words for word in term.split()) for term in group)
    ]
    assert stale == []
