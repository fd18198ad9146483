"""The layers back each other up: what slips past one is caught by the next.

Layer 1 is the input grammar on the Markdown text (macros.textcheck), layer 2
the audit of the HTML one field produces, layer 3 the audit of the built site.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from macros.data.text_rules import check_text
from macros.safety.fragment import fragment_problems
from macros.safety.site import audit_site
from tests.harness.site import FIXTURES, mkdocs_build

# Texts whose danger only shows once Python-Markdown has turned them into HTML.
PAST_LAYER_1 = {
    "image from a tracker": "![](https://tracker.example/p.gif)",
    "abbreviation retitling every Django": "*[Django]: Not Django\n\nDjango is fine.",
    "javascript: reference inside a blockquote": "> [a]: javascript:alert(1)\n>\n> [x][a]",
    "vbscript: reference inside a list item": "- [a]: vbscript:msgbox(1)\n\n  [x][a]",
}


@pytest.mark.parametrize("name", sorted(PAST_LAYER_1))
def test_what_slips_past_layer_1_is_caught_by_layer_2(
    render_field: Callable[[str], str], name: str
) -> None:
    text = PAST_LAYER_1[name]
    assert check_text(text, "block") == [], "layer 1 catches this now: pick a subtler payload"
    assert fragment_problems(render_field(text)), render_field(text)


def test_what_slips_past_layer_2_is_caught_by_layer_3(
    render_field: Callable[[str], str], tmp_path: Path
) -> None:
    """An unclosed brace is harmless in the field alone; the template's own
    ``{ #id }`` completes it into an attribute list on the heading."""
    title = "Security { onclick=alert(1)"
    assert fragment_problems(render_field(title)) == []
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", project)
    dimension = project / "data" / "dimensions" / "architecture.yml"
    dimension.write_text(
        dimension.read_text(encoding="utf-8").replace("title: Architecture", f"title: {title}"),
        encoding="utf-8",
    )
    site = project / "site"
    result = mkdocs_build(project / "mkdocs.yml", site)
    assert result.returncode == 0, result.stderr
    found = [str(f) for f in audit_site(site)]
    assert any("<h2>: event handler onclick=" in message for message in found), found
