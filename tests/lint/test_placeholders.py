from __future__ import annotations

from pathlib import Path

from tests.lint.conftest import Lint, edit


def test_placeholder_text_and_values(project: Path, lint: Lint) -> None:
    edit(
        project / "data/frameworks/beta.yml",
        "tagline: The Beta framework.",
        'tagline: "The Beta framework. TODO: say what it is"',
    )
    edit(
        project / "data/frameworks/beta.yml",
        'latest_release: {version: "3.10"',
        'latest_release: {version: "0.0.0"',
    )
    assert lint("placeholders") == [
        "data/frameworks/beta.yml:2:31: warning: tagline: placeholder text 'TODO: say what it "
        "is' (write the real text, then remove the marker; a strict build refuses to publish "
        "placeholders)",
        "data/frameworks/beta.yml:5:27: warning: latest_release.version: placeholder value "
        "'0.0.0' (fill in the real value; a strict build refuses to publish placeholders)",
    ]


def test_the_schema_check_leaves_placeholders_to_this_check(project: Path, lint: Lint) -> None:
    edit(
        project / "data/frameworks/beta.yml",
        "tagline: The Beta framework.",
        'tagline: "TODO: fill in"',
    )
    assert lint("schema") == []
    assert len(lint("placeholders")) == 1
