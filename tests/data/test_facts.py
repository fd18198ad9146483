"""Fact references in data text (macros.data.facts, issue 20): resolved, refused, followed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from macros.data.facts import Fact, resolve
from macros.data.loader import load, load_or_raise
from macros.paths import project_root
from macros.render.export import export_json
from macros.render.pages import Renderer
from macros.render.tables import restore_fragments
from tests.harness.site import FIXTURES

FACTS = {"{pkg:flask.version}": Fact("{pkg:flask.version}", "3.1.3", "flask", ("Flask",))}


def value(reference: str) -> str | None:
    fact = FACTS.get(reference)
    return fact.value if fact else None


def test_a_reference_is_resolved_and_code_keeps_it_verbatim() -> None:
    text = "Flask {pkg:flask.version} ships; `{pkg:flask.version}` is code.\n\n```\n{fw:x.y}\n```"
    assert resolve(text, value) == (
        "Flask 3.1.3 ships; `{pkg:flask.version}` is code.\n\n```\n{fw:x.y}\n```"
    )


def pages_with(data_dir: Path, root: Path, needle: str) -> set[str]:
    dataset = load_or_raise(data_dir, root)
    pages = {
        page.src_uri: restore_fragments(page.markdown, page.fragments)
        for page in Renderer(dataset).pages()
    }
    assert not [uri for uri, text in pages.items() if "{pkg:" in text or "{fw:" in text]
    assert "{pkg:" not in export_json(dataset, check=False)
    return {uri for uri, text in pages.items() if needle in text}


def test_updating_packages_yml_changes_every_page_that_refers_to_it(tmp_path: Path) -> None:
    root = project_root()
    shutil.copytree(root / "data", tmp_path / "data")
    packages = tmp_path / "data/packages.yml"
    text = packages.read_text(encoding="utf-8")
    old = 'flask:\n  name: Flask\n  version: "3.1.3"\n'
    assert old in text
    assert pages_with(tmp_path / "data", tmp_path, "9.8.7") == set()
    packages.write_text(text.replace(old, old.replace("3.1.3", "9.8.7")), encoding="utf-8")

    using = pages_with(tmp_path / "data", tmp_path, "9.8.7")
    # Flask's profile, the topics whose prose states Flask's version, and the pages
    # that repeat those texts.
    expected = {
        "frameworks/flask.md",
        "future-outlook.md",
        "analytics.md",
        "one-page.md",
    }
    assert expected <= {uri.replace("/index.md", ".md") for uri in using}, using
    export = json.loads(export_json(load_or_raise(tmp_path / "data", tmp_path), check=False))
    flask = next(fw for fw in export["frameworks"] if fw["id"] == "flask")
    assert "release 9.8.7 shipped" in flask["profile"]


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("{fw:alpha.latests}", "did you mean {fw:alpha.latest}?"),
        ("{fw:alhpa.latest}", "did you mean {fw:alpha.latest}?"),
        ("{pkg:nothing.version}", "did you mean a package id from data/packages.yml?"),
    ],
)
def test_an_unknown_reference_is_refused_where_it_is_written(
    tmp_path: Path, written: str, hint: str
) -> None:
    shutil.copytree(FIXTURES / "minimal", tmp_path / "project")
    alpha = tmp_path / "project/data/frameworks/alpha.yml"
    text = alpha.read_text(encoding="utf-8")
    alpha.write_text(text.replace("Alpha is a", f"Alpha {written} is a"), encoding="utf-8")
    result = load(tmp_path / "project/data", tmp_path / "project")
    assert result.dataset is None
    assert [str(p) for p in result.problems] == [
        f"data/frameworks/alpha.yml:13:9: profile: {written} names no fact ({hint})"
    ]
