"""The length check (macros.lint.checks.length): each framework's text says enough."""

from __future__ import annotations

from pathlib import Path

from macros.lint.checks.length import CHECK, word_count
from tests.lint.content_data import edit, problems


def test_every_real_text_has_at_least_100_words(data_copy: Path) -> None:
    assert problems(data_copy, CHECK) == []


def test_code_does_not_count_as_words() -> None:
    assert word_count("Two words\n\n```python\nprint('not counted at all')\n```\n`x y`") == 2


def shorten(path: Path, framework: str) -> int:
    """Replace the framework's text by eight words; the line of its ``text:`` key."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index(f"  {framework}:\n")
    text_line = next(i for i in range(start, len(lines)) if lines[i].startswith("    text: |"))
    end = next(
        i
        for i in range(text_line + 1, len(lines))
        if not lines[i].startswith("      ") and lines[i].strip()
    )
    lines[text_line + 1 : end] = ["      Fifty words would not do; five do not.\n"]
    path.write_text("".join(lines), encoding="utf-8")
    return text_line + 1


def test_a_short_text_is_an_error_at_its_key(data_copy: Path) -> None:
    line = shorten(data_copy / "dimensions/analytics.yml", "flask")
    assert problems(data_copy, CHECK) == [
        f"data/dimensions/analytics.yml:{line}:5: frameworks.flask.text: flask's text "
        "has 8 words; a framework's text needs at least 100 (say what flask offers for this "
        "topic, how it works and where it stops, each fact with its source (code samples do "
        "not count))"
    ]


def test_the_rules_are_off_without_content_rules_in_site_yml(data_copy: Path) -> None:
    """Small test projects (tests/fixtures) carry short texts and no content_rules."""
    edit(
        data_copy / "site.yml",
        "content_rules:\n  min_words: 100\n  figures_need_sources: true\n",
        "",
    )
    shorten(data_copy / "dimensions/analytics.yml", "flask")
    assert problems(data_copy, CHECK) == []
    edit(data_copy / "site.yml", "about:\n", "content_rules:\n  min_words: 100\nabout:\n")
    assert len(problems(data_copy, CHECK)) == 1
