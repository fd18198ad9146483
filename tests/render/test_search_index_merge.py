"""macros.render.search_index.merge: every page is found, a repeated text once,
and the synonyms of data/search.yml reach the search worker in the index."""

from __future__ import annotations

import json

from macros.render.search_index import merge, rewrite

TEXT = "<p>In short</p> <p>Django ships an ORM, migrations and an admin.</p>"


def doc(location: str, title: str, text: str) -> dict[str, object]:
    return {"location": location, "title": title, "text": text}


def locations(index: dict[str, object]) -> list[str]:
    docs = index["docs"]
    assert isinstance(docs, list)
    return [str(d["location"]) for d in docs]


def test_a_section_repeated_on_a_later_page_is_indexed_once() -> None:
    """A framework profile repeats its topic-page sections: a search found each
    text twice, and the copies pushed other pages out of the first results."""
    index = {
        "config": {"lang": ["en"]},
        "docs": [
            doc("architecture/", "Architecture", "<p>Intro</p>"),
            doc("architecture/#architecture-django", "Django", TEXT),
            doc("frameworks/django/", "Django", TEXT),  # a page's own entry stays
            doc("frameworks/django/#architecture", "Architecture", TEXT + "<p>Reviewed.</p>"),
            doc("frameworks/django/#other", "Other", "<p>Short, said twice.</p>"),
            doc("frameworks/django/#more", "More", "<p>In short</p> <p>Django ships more.</p>"),
            doc("frameworks/flask/", "Flask", "<p>Flask</p>"),
            doc("frameworks/flask/#other", "Other", "<p>Short, said twice.</p>"),
        ],
    }
    assert locations(merge(index, [])) == [
        "architecture/",
        "architecture/#architecture-django",
        "frameworks/django/",
        "frameworks/django/#other",
        "frameworks/django/#more",  # begins the same, says something else
        "frameworks/flask/",
        "frameworks/flask/#other",  # too short to call a repeat
    ]


def test_synonyms_go_into_the_index_config_for_the_worker() -> None:
    index = {"config": {"lang": ["en"], "separator": "[\\s]+"}, "docs": [doc("", "Home", "")]}
    text = rewrite(json.dumps(index), [], [("rate limiting", "throttling"), ("saas", "billing")])
    assert json.loads(text)["config"] == {
        "lang": ["en"],
        "separator": "[\\s]+",
        "synonyms": [["rate limiting", "throttling"], ["saas", "billing"]],
    }
    # No synonyms: the config stays as Material wrote it.
    assert json.loads(rewrite(json.dumps(index), []))["config"] == index["config"]
