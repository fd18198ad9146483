"""The search worker corrects misspelt words (content/assets/javascripts/workers/search-fuzzy.js).

It wraps Material's own worker; both run here in Node, fed a small index the
way the browser feeds them (tests/js/search_worker.js)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.harness.site import ROOT


def test_worker_finds_misspelt_words(tmp_path: Path) -> None:
    """The search worker (content/.../search-fuzzy.js) corrects a word one or two
    edits off before Material's worker searches: run both in Node on a small index."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    material = next(
        (ROOT / ".venv").glob(
            "lib/python*/site-packages/material/templates/assets/javascripts/workers/search.*.min.js"
        )
    )
    docs = [
        {"location": "", "title": "Home", "text": "<p>Flask or Django</p>"},
        {"location": "#scalability", "title": "Scalability", "text": "<p>Scales out.</p>"},
        {"location": "#orm", "title": "ORM", "text": "<p>Django ORM and caching</p>"},
    ]
    index = {
        "config": {
            "lang": ["en"],
            "separator": "[\\s\\-]+",
            "pipeline": ["stopWordFilter"],
            "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}},
        },
        "docs": docs,
    }
    index_file = tmp_path / "search_index.json"
    index_file.write_text(json.dumps(index))
    worker = ROOT / "content" / "assets" / "javascripts" / "workers" / "search-fuzzy.js"
    queries = ["scalabilty", "djnago", "cahcing", "scal", "zzzzqqq", "flsk"]
    out = subprocess.run(
        [
            node,
            str(ROOT / "tests" / "js" / "search_worker.js"),
            str(worker),
            str(material),
            str(index_file),
            *queries,
        ],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    found = json.loads(out)
    assert found["scalabilty"][0] == "#scalability"  # one letter left out
    assert "#orm" in found["djnago"]  # two letters swapped
    assert found["cahcing"] == ["#orm", ""]  # swapped, in the text only
    assert found["scal"][0] == "#scalability"  # a prefix is not "corrected"
    assert found["zzzzqqq"] == []  # nothing close: no result rather than a wrong one
    assert found["flsk"] == [""]  # four letters: one edit allowed
