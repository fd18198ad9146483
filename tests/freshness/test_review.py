"""Which sentences a release may have made wrong, and the page each renders on."""

from __future__ import annotations

from datetime import date

import pytest

from macros.data.text_rules import blank_code
from macros.freshness.packages import Package, Paragraph
from macros.freshness.pypi import Latest
from macros.freshness.review import page_of, reasons, review, review_text, sentences

TODAY = date(2026, 12, 7)


def package(version: str = "1.4.2", checked: date = date(2026, 11, 30)) -> Package:
    return Package(
        "thing", "Thing", ("TG",), version, date(2026, 1, 5), "recommended", checked, 3, 1
    )


def latest(version: str, last: date = date(2026, 11, 1), python: str = "") -> Latest:
    return Latest(version, last, last, python, "" if python else None)


@pytest.mark.parametrize(
    ("old", "new", "major"),
    [
        ("1.4.2", "2.0.0", True),
        ("1.4.2", "1.5.0", False),
        ("0.54.0", "0.55.0", True),
        ("0.54.0", "0.54.1", False),
    ],
)
def test_a_new_major_version_and_for_0x_a_new_minor(old: str, new: str, major: bool) -> None:
    assert bool(reasons(package(old), latest(new), TODAY)) is major


def test_no_release_in_18_months_and_a_moved_python_floor_are_reasons() -> None:
    stale = latest("1.4.2", last=date(2025, 5, 1))
    assert reasons(package(), stale, TODAY) == ("no release since 2025-05-01",)
    floor = Latest("1.4.3", date(2026, 11, 1), date(2026, 11, 1), ">=3.11", ">= 3.9")
    assert reasons(package(), floor, TODAY) == ("Python floor moved from 3.9 to 3.11",)


@pytest.mark.parametrize(
    ("file", "field", "page"),
    [
        ("data/dimensions/security.yml", ("frameworks", "flask", "text"), "security.md"),
        ("data/frameworks/flask.yml", ("summary",), "comparison.md"),
        ("data/faq.yml", ("questions", 0), "faq.md"),
        ("data/decision.yml", ("steps", 0), "decide.md"),
        ("data/site.yml", ("about", "text"), "about.md"),
        ("data/site.yml", ("intro",), "index.md"),
    ],
)
def test_the_page_each_data_file_renders_on(file: str, field: tuple[str, ...], page: str) -> None:
    assert page_of(file, field) == page


def test_sentences_start_where_a_sentence_ends_before_a_capital() -> None:
    text = "Thing 1.4.2 is out. It runs on 3.12. “Quoted” too.\nAnd (this) one?"
    paragraph = Paragraph("data/faq.yml", 10, text)
    assert [s for _, s in sentences(paragraph)] == [
        "Thing 1.4.2 is out.",
        "It runs on 3.12.",
        "“Quoted” too.",
        "And (this) one?",
    ]


def test_the_listed_sentences_and_the_words_for_none() -> None:
    paragraphs = [
        Paragraph("data/faq.yml", 10, "Use Thing 1.4.2 here. TG is\nfine. Other text.", ("q",)),
        Paragraph("data/dimensions/x.yml", 4, "Nothing about it."),
    ]
    patch = review(package(), latest("1.4.3"), (), paragraphs)
    assert review_text([patch]) == [
        "  Thing 1.4.2 -> 1.4.3:",
        '    data/faq.yml:10 (faq.md): states 1.4.2: "Use Thing 1.4.2 here."',
    ]
    major = review(package(), latest("2.0.0"), ("new major version 2.0.0",), paragraphs)
    assert [str(s) for s in major.sentences] == [
        'data/faq.yml:10 (faq.md): states 1.4.2: "Use Thing 1.4.2 here."',
        'data/faq.yml:10 (faq.md): names Thing: "TG is fine."',
    ]
    unnamed = review(package(), latest("1.4.3"), (), paragraphs[1:])
    assert review_text([unnamed])[1] == "    (no sentence states 1.4.2: nothing to re-read)"


def test_abbreviations_and_code_at_the_start_of_a_sentence() -> None:
    written = "Servers, e.g. Uvicorn, work. `fastapi run --workers 4` starts four."
    paragraph = Paragraph("data/faq.yml", 1, blank_code(written), (), written)
    assert [s for _, s in sentences(paragraph)] == [
        "Servers, e.g. Uvicorn, work.",
        " " * 25 + " starts four.",  # the search skips code; the list shows it as written
    ]


def test_a_sentence_that_refers_to_the_fact_is_listed_too() -> None:
    """Prose writes {pkg:thing.version} instead of the number (issue 20, "each fact once"):
    the page shows the new value by itself, so the sentence around it is what to re-read."""
    paragraphs = [
        Paragraph(
            "data/dimensions/x.yml",
            7,
            "The current release is {pkg:thing.version}. Other text.",
            ("frameworks", "a", "text"),
        ),
    ]
    patch = review(package(), latest("1.4.3"), (), paragraphs)
    assert [str(s) for s in patch.sentences] == [
        "data/dimensions/x.yml:7 (x.md): shows {pkg:thing.version}, now 1.4.3: "
        '"The current release is {pkg:thing.version}."'
    ]
    # The same release date again (only the date moved) asks for nothing.
    assert review(package(), latest("1.4.2"), (), paragraphs).sentences == ()


def test_a_source_pinned_to_the_old_releases_page_is_listed() -> None:
    """A PyPI page of the old release (https://pypi.org/project/thing/1.4.2/) goes stale
    with it; a source that only names the package is not listed, even for a new major."""
    paragraphs = [
        Paragraph("data/sources.yml", 12, "https://pypi.org/project/thing/1.4.2/", ("a", "url")),
        Paragraph("data/sources.yml", 20, "https://thing.example/TG/docs/", ("b", "url")),
    ]
    patch = review(package(), latest("2.0.0"), ("new major version 2.0.0",), paragraphs)
    assert [str(s) for s in patch.sentences] == [
        "data/sources.yml:12 (every page citing it): states 1.4.2: "
        '"https://pypi.org/project/thing/1.4.2/"'
    ]
