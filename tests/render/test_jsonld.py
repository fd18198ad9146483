"""JSON-LD for the article and FAQ pages, built from a small in-memory dataset."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from macros.data.loader import load_dataset
from macros.data.model import (
    Dataset,
    Dimension,
    Framework,
    Question,
    Release,
    Site,
    Source,
    TableRow,
    Take,
)
from macros.render.jsonld import article_citations, for_page, plain_text
from tests.harness.site import ROOT


def framework(fid: str, name: str, order: int) -> Framework:
    return Framework(
        id=fid,
        name=name,
        tagline=f"{name} tagline",
        order=order,
        first_release=Release("0.1", "2010-04-16", f"{fid}-log"),
        latest_release=Release("3.1", "2026-02-18", f"{fid}-log"),
        lts_release=None,
        licence="BSD-3-Clause",
        governance="A foundation",
        homepage=f"https://{fid}.example/",
        docs=f"https://{fid}.example/docs/",
        repository=f"https://code.example/{fid}",
        python="3.10+",
        profile=f"{name} profile.",
    )


def source(sid: str, published: str | None = None) -> Source:
    return Source(
        sid, f"Title of {sid}", f"https://src.example/{sid}", "Publisher", "2026-11-01", published
    )


@pytest.fixture
def dataset() -> Dataset:
    alpha, beta, gamma = (
        framework("alpha", "Alpha", 1),
        framework("beta", "Beta", 2),
        framework("gamma", "Gamma", 3),
    )
    dimension = Dimension(
        id="architecture",
        title="Architecture",
        order=10,
        summary="How each is built[^summary-src].",
        last_reviewed="2026-11-20",
        takes={
            "alpha": Take("Small.", "Alpha is small[^take-src]."),
            # Gamma is not featured, but the article shows every framework (issue 19).
            "gamma": Take("Other.", "Gamma text[^gamma-only]."),
        },
        unknown=(),
        table=(
            TableRow(
                "orm",
                "ORM",
                {"alpha": "None[^table-src]", "gamma": "x[^gamma-only]"},
                "architecture",
            ),
        ),
        faq=(Question("dim-q", "Is `alpha` async?", "Partly[^faq-src].", "architecture"),),
    )
    later = replace(
        dimension,
        id="security",
        order=20,
        last_reviewed="2026-11-24",
        faq=(),
        summary="Security.",
        takes={},
        table=(),
    )
    sources = {
        sid: source(sid)
        for sid in (
            "alpha-log",
            "beta-log",
            "gamma-log",
            "summary-src",
            "take-src",
            "gamma-only",
            "table-src",
            "faq-src",
        )
    }
    sources["intro-src"] = source("intro-src", published="2023-05-01")
    return Dataset(
        site=Site(
            title="Alpha vs Beta",
            description="A comparison.",
            url="https://site.example/",
            licence="CC BY 4.0",
            featured=("alpha", "beta"),
            intro="Intro[^intro-src].",
            verdict="Pick **Alpha**.",
            call_to_action=None,
        ),
        frameworks=(alpha, beta, gamma),
        dimensions=(dimension, later),
        general_faq=(
            Question(
                "general-q",
                "Which first?",
                "Alpha[^intro-src]:\n\n1. **quick** start\n2. `small` core\n",
                None,
            ),
        ),
        sources=sources,
        decision=None,
    )


def test_article_page_gets_an_article(dataset: Dataset) -> None:
    [data] = for_page(dataset, "one-page.md", "https://site.example/")
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Article"
    assert data["headline"] == "Alpha vs Beta"
    assert data["description"] == "A comparison."
    assert data["url"] == data["mainEntityOfPage"] == "https://site.example/"
    assert data["dateModified"] == "2026-11-24"  # the latest review of any dimension
    assert data["license"] == "CC BY 4.0"
    assert [item["name"] for item in data["about"]] == ["Alpha", "Beta", "Gamma"]
    assert data["about"][0] == {
        "@type": "SoftwareApplication",
        "name": "Alpha",
        "applicationCategory": "DeveloperApplication",
        "url": "https://alpha.example/",
        "softwareVersion": "3.1",
        "license": "BSD-3-Clause",
    }


def test_article_cites_what_the_article_shows_in_order(dataset: Dataset) -> None:
    assert article_citations(dataset) == [
        "intro-src",
        "alpha-log",
        "beta-log",
        "gamma-log",
        "summary-src",
        "take-src",
        "gamma-only",
        "table-src",
        "faq-src",
    ]
    [data] = for_page(dataset, "one-page.md", "")
    assert data["citation"][0] == {
        "@type": "CreativeWork",
        "name": "Title of intro-src",
        "url": "https://src.example/intro-src",
        "publisher": {"@type": "Organization", "name": "Publisher"},
        "datePublished": "2023-05-01",
    }
    assert "datePublished" not in data["citation"][1]


def test_faq_page_lists_every_question_with_plain_text_answers(dataset: Dataset) -> None:
    [data] = for_page(dataset, "faq.md", "https://site.example/faq/")
    assert data["@type"] == "FAQPage"
    questions = data["mainEntity"]
    assert [q["url"] for q in questions] == [
        "https://site.example/faq/#general-q",
        "https://site.example/faq/#dim-q",
    ]
    assert questions[1]["name"] == "Is alpha async?"  # Markdown dropped
    assert questions[0]["acceptedAnswer"] == {
        "@type": "Answer",
        "text": "Alpha:\nquick start\nsmall core",
    }
    assert questions[1]["acceptedAnswer"]["text"] == "Partly."


def test_relative_page_urls_resolve_against_the_site_url(dataset: Dataset) -> None:
    [data] = for_page(dataset, "faq.md", "/faq/")
    assert data["url"] == "https://site.example/faq/"


@pytest.mark.parametrize("src_uri", ["comparison.md", "decide.md", "notes/extra.md"])
def test_other_pages_get_nothing(dataset: Dataset, src_uri: str) -> None:
    assert for_page(dataset, src_uri, "https://site.example/x/") == []


def test_faq_page_without_questions_gets_nothing(dataset: Dataset) -> None:
    bare = replace(
        dataset, general_faq=(), dimensions=tuple(replace(d, faq=()) for d in dataset.dimensions)
    )
    assert for_page(bare, "faq.md", "https://site.example/faq/") == []


def test_optional_article_fields_are_left_out(dataset: Dataset) -> None:
    bare = replace(dataset, site=replace(dataset.site, licence=None, intro="Intro."), dimensions=())
    frameworks = tuple(
        replace(
            f,
            profile="P.",
            first_release=Release("1", "2020-01-01", "x"),
            latest_release=Release("2", "2021-01-01", "x"),
        )
        for f in dataset.frameworks
    )
    bare = replace(bare, frameworks=frameworks, sources={})
    [data] = for_page(bare, "one-page.md", "")
    assert "license" not in data
    assert "dateModified" not in data
    assert "citation" not in data  # cited id "x" has no source entry: nothing to describe


def test_plain_text_keeps_code_text_and_drops_markup() -> None:
    text = "Use `{% csrf_token %}` and <b>not</b> this[^src].\n\n```python\nx = 1\n```\n"
    assert plain_text(text) == "Use {% csrf_token %} and not this.\nx = 1"


def test_real_data_serialises_to_json() -> None:
    """The real data yields JSON-LD that survives a round trip unchanged."""
    real, problems = load_dataset(ROOT / "data", ROOT)
    if real is None:
        pytest.skip(f"data/ does not load right now: {problems[0]}")
    for src_uri in ("one-page.md", "faq.md"):
        [data] = for_page(real, src_uri, "")
        assert json.loads(json.dumps(data)) == data
        assert data["url"].startswith(real.site.url)
    faq = for_page(real, "faq.md", "")[0]
    assert len(faq["mainEntity"]) == len(real.questions)
    assert all(
        q["acceptedAnswer"]["text"] and "[^" not in q["acceptedAnswer"]["text"]
        for q in faq["mainEntity"]
    )
