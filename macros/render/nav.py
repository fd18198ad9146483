"""The site's navigation: generated pages first (the topics as one section), then hand-written ones.

Shared by the MkDocs plugin (which sets ``nav`` when mkdocs.yml has none) and
``comparison stage`` (which writes it into the staged config), so both engines
show the same menu.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from macros.data.model import Dimension
from macros.render.pages import CHANGELOG, ONE_PAGE, topic_uri

GENERATED_NAV = (
    ("Overview", "index.md"),
    # "Topics", one page per dimension in order, follows the overview (site_nav).
    ("Feature table", "comparison.md"),
    ("FAQ", "faq.md"),
    ("Which to choose", "decide.md"),
    ("Compare", "compare/index.md"),  # only with three or more frameworks
    ("All on one page", ONE_PAGE),
    ("About", "about.md"),  # only when data/site.yml has `about`
    ("Changelog", CHANGELOG),  # only when data/changelog.yml has entries
)


def site_nav(
    generated: Iterable[str], written: Iterable[str], dimensions: Sequence[Dimension] = ()
) -> list[Any]:
    """The nav for generated page paths and hand-written ones (docs-relative, '/')."""
    made = set(generated)
    topics = [{dim.title: topic_uri(dim.id)} for dim in dimensions if topic_uri(dim.id) in made]
    nav: list[Any] = []
    for title, uri in GENERATED_NAV:
        if uri in made:
            nav.append({title: uri})
        if uri == "index.md" and topics:
            nav.append({"Topics": topics})
    return nav + sorted(written)
