"""The layers back each other up: what slips past one is caught by the next.

Layer 1 is the input grammar on the Markdown text (macros.data.text_rules), layer 2
the audit of the HTML one field produces, layer 3 the audit of the built site.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from macros.data.text_rules import check_text
from macros.project import project_from_config
from macros.render.content_pages import page_problems
from macros.safety.fragment import fragment_problems
from macros.safety.site import run_site_audit
from tests.harness.site import FIXTURES, ROOT, mkdocs_build

# Fenced code is left to the code: its info string is blanked with it, yet
# pymdownx.superfences turns "{.python #verdict data-x=1}" into attributes of
# the code block (an id that collides with the page's own "verdict" anchor).
PAST_LAYER_1 = {
    "fence attributes": "```{.python #verdict data-x=1}\nprint(1)\n```",
    "fence id only": "``` { .python #faq }\nx\n```",
}


@pytest.mark.parametrize("name", sorted(PAST_LAYER_1))
def test_what_slips_past_layer_1_is_caught_by_layer_2(
    render_field: Callable[[str], str], name: str
) -> None:
    text = PAST_LAYER_1[name]
    assert check_text(text, "block") == [], "layer 1 catches this now: pick a subtler payload"
    problems = fragment_problems(render_field(text))
    assert any("attribute id= on <div>" in problem for problem in problems), problems


NOTES = '# Notes\n\n## Security { onclick="alert(1)" }\n\nText.\n'


def test_a_hand_written_page_goes_through_layer_1_too() -> None:
    """Pages in content/ follow the rules of data text (issue 21): the attribute list
    that once reached the built HTML is refused at its place."""
    site = project_from_config(ROOT / "mkdocs.yml").markdown
    assert [str(p) for p in page_problems(NOTES, "content/notes.md", site)] == [
        'content/notes.md:3:13: curly braces set HTML attributes: { onclick="alert(1)" } '
        "(remove them, or put them in `backticks` to show them as code)"
    ]


@pytest.mark.slow
def test_what_slips_past_layers_1_and_2_is_caught_by_layer_3(tmp_path: Path) -> None:
    """A build without the site's own plugin (plain MkDocs: no layer 1 or 2) lets the
    attribute list of a hand-written page reach the built HTML; the site audit sees it."""
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", project)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - comparison\n", ""))
    (project / "content" / "notes.md").write_text(NOTES, encoding="utf-8")
    site = project / "site"
    result = mkdocs_build(project / "mkdocs.yml", site)
    assert result.returncode == 0, result.stderr
    found = [str(f) for f in run_site_audit(site).findings]
    assert any("<h2>: event handler onclick=" in message for message in found), found


def test_an_unclosed_brace_is_harmless_alone_and_refused_by_layer_1(
    render_field: Callable[[str], str],
) -> None:
    """The template's own "{ #id }" completes it: only the field's context shows the
    danger, so layer 1 refuses every lone brace."""
    title = "Security { onclick=alert(1)"
    assert fragment_problems(render_field(title)) == []
    assert [issue.message for issue in check_text(title, "inline")] == [
        "a curly brace { outside `code`"
    ]
