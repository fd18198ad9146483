"""The search worker's rules (content/assets/javascripts/workers/search-fuzzy.js),
each on a small index run in Node with Material's worker: synonyms, whole words
for short terms, plurals, and corrections only for words that find nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.search.test_search_queries import run_worker

DOCS = [
    {"location": "", "title": "Home", "text": "<p>Flask or Django</p>"},
    {"location": "api/", "title": "API tooling", "text": "<p>Serializers and throttling.</p>"},
    {"location": "types/", "title": "Types", "text": "<p>Uses isinstance checks.</p>"},
    {"location": "orm/", "title": "ORM", "text": "<p>The Django ORM, with migration files.</p>"},
    {"location": "pay/", "title": "Payments", "text": "<p>Plans and subscriptions.</p>"},
    {"location": "format/", "title": "Formats", "text": "<p>A format for dates.</p>"},
]
SYNONYMS = [["rate limiting", "throttling"], ["saas", "subscriptions"]]


def answers(tmp_path: Path, *queries: str) -> dict[str, Any]:
    index = {
        "config": {
            "lang": ["en"],
            "separator": "[\\s\\-.,;:!?()]+",
            "pipeline": ["stopWordFilter"],
            "fields": {"title": {"boost": 20}, "text": {"boost": 1}},
            "synonyms": SYNONYMS,
        },
        "docs": DOCS,
    }
    index_file = tmp_path / "search_index.json"
    index_file.write_text(json.dumps(index))
    return run_worker(index_file, list(queries))


def pages(answer: dict[str, Any]) -> list[str]:
    return [location for group in answer["groups"] for location in group]


def test_synonyms_find_the_site_s_own_words(tmp_path: Path) -> None:
    found = answers(tmp_path, "saas", "rate limiting", "throttling")
    assert pages(found["saas"]) == ["pay/"]
    assert pages(found["rate limiting"])[0] == "api/"
    assert pages(found["throttling"]) == ["api/"]
    assert all(found[q]["correction"] is None for q in found)  # a synonym is no typo


def test_short_words_match_whole_words_and_plurals_their_singular(tmp_path: Path) -> None:
    found = answers(tmp_path, "is", "orm", "for", "migrations", "form")
    assert pages(found["is"]) == []  # not "isinstance"
    assert pages(found["orm"]) == ["orm/"]  # not "format"
    assert pages(found["migrations"]) == ["orm/"]  # "migration files"
    assert pages(found["form"]) == ["format/"]  # four letters and more: a prefix


def test_only_a_word_that_finds_nothing_is_corrected(tmp_path: Path) -> None:
    found = answers(tmp_path, "djnago orm", "serializer", "subscritpions", "verbatim:djnago")
    assert found["djnago orm"]["correction"] == {"typed": "djnago orm", "query": "django orm"}
    assert found["serializer"]["correction"] is None  # found as a prefix of "serializers"
    # Corrected to a synonym's word, then expanded.
    assert found["subscritpions"]["correction"]["query"] == "subscriptions"
    assert pages(found["subscritpions"]) == ["pay/"]
    # "Search instead for djnago": searched as typed, nothing found, nothing corrected.
    assert found["verbatim:djnago"] == {"groups": [], "correction": None}


def test_a_phrase_cut_short_still_finds_its_synonyms(tmp_path: Path) -> None:
    found = answers(tmp_path, "rate limit", "rate lim")
    assert pages(found["rate limit"]) == ["api/"]  # "rate limiting": throttling
    assert pages(found["rate lim"]) == []  # three letters: a whole word, "lim"
