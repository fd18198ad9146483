"""macros.render.tables: links into the former one-page article land on the topic pages,
and the list of sources is written as finished HTML (finished_footnotes).

A pair page cites only inside its finished tables; its list of sources is
written by the renderer instead of Python-Markdown's footnotes extension. The
HTML must be what the extension (with macros.render.footnote_backlinks)
writes from the same definitions, byte for byte.
"""

from __future__ import annotations

from typing import Any

from macros.project import project_from_config
from macros.render.markdown import MarkdownFactory
from macros.render.tables import (
    FOOTNOTES_PLACE,
    finished_footnotes,
    lift_fragments,
    restore_fragments,
    topic_links,
)
from tests.harness.site import ROOT

SITE = project_from_config(ROOT / "mkdocs.yml").markdown  # the site's Markdown settings


def site_settings() -> tuple[list[str], dict[str, dict[str, Any]]]:
    return list(SITE.extensions), dict(SITE.configs)


SOURCES = f"""<div class="sources" data-search-exclude="true" markdown>

{FOOTNOTES_PLACE}

</div>

[^django-docs]: [Django documentation](https://docs.djangoproject.com/), Django Software Foundation. Says *what* `manage.py` does. Checked 1 May 2026.
[^flask-docs]: [Flask & friends](https://flask.palletsprojects.com/), Pallets, 2 March 2026. Checked 3 May 2026.
"""  # noqa: E501 - one definition per line, as macros/templates/footnotes.md.j2 writes them


def page(cited: str) -> str:
    """A page citing in finished HTML (as number_citations writes it), then its sources."""
    return f"# Pair\n\n<p>{cited}</p>\n\n{SOURCES}"


REFERENCES = (
    '<sup id="fnref:django-docs"><a class="footnote-ref" href="#fn:django-docs">1</a></sup>'
    '<sup id="fnref:flask-docs"><a class="footnote-ref" href="#fn:flask-docs">2</a></sup>'
)


def test_the_finished_list_is_what_the_footnotes_extension_writes() -> None:
    site = SITE
    expected = site.convert(page(REFERENCES))
    finished, fragments = lift_fragments(finished_footnotes(page(REFERENCES), site))
    assert fragments and "[^" not in finished  # the definitions left the Markdown
    assert restore_fragments(site.convert(finished), fragments) == expected
    assert 'aria-label="Back to the mention of source 2"' in expected


def test_a_source_linking_into_the_site_stays_markdown() -> None:
    """MkDocs resolves and checks links to the site's pages: such a list is left to it."""
    text = page(REFERENCES).replace("(https://flask.palletsprojects.com/)", "(/about.md)")
    assert finished_footnotes(text, SITE) == text


def test_without_the_back_link_names_the_list_stays_markdown() -> None:
    plain = MarkdownFactory(["footnotes", "md_in_html"])
    assert finished_footnotes(page(REFERENCES), plain) == page(REFERENCES)


def test_changed_footnote_settings_leave_the_list_to_the_extension() -> None:
    names, configs = site_settings()
    changed = MarkdownFactory(names, {**configs, "footnotes": {"BACKLINK_TEXT": "back"}})
    assert finished_footnotes(page(REFERENCES), changed) == page(REFERENCES)


def test_each_page_of_the_shipped_site_has_its_sources_once_either_way() -> None:
    """Finished when every citation is in finished HTML, else left to the extension."""
    from macros.data.loader import load_or_raise
    from macros.render.pages import Renderer

    pages = Renderer(load_or_raise(ROOT / "data"), markdown=SITE).pages()
    finished = 0
    for page in pages:
        listed = [f for f in page.fragments if f.startswith('<div class="footnote">')]
        assert len(listed) + ("\n[^" in page.markdown) <= 1, page.src_uri
        finished += len(listed)
    assert finished  # the framework and pair pages that cite only in their tables


def test_a_pair_pages_list_of_questions_is_kept_out_of_markdown() -> None:
    questions = (
        '<ul class="pair-questions">\n'
        '<li><a href="../../faq/#orm">Which <em>ORM</em>?</a></li>\n'
        '<li><a href="../../faq/#async">Async &amp; WSGI?</a></li>\n'
        "</ul>"
    )
    text = f"## Questions\n\n{questions}\n\nAfter.\n"
    lifted, fragments = lift_fragments(text)
    assert fragments == (questions,) and "<li>" not in lifted
    site = SITE
    assert restore_fragments(site.convert(lifted), fragments) == site.convert(text)


DIMS = ["security", "security-audits", "use-cases"]


def test_section_and_framework_anchors_move_to_the_topic_page() -> None:
    text = (
        "See [security](/index.md#security), [Django's](/index.md#security-django), "
        "[audits](/index.md#security-audits-flask) and [the verdict](/index.md#verdict)."
    )
    assert topic_links(text, DIMS) == (
        "See [security](/security.md), [Django's](/security.md#security-django), "
        "[audits](/security-audits.md#security-audits-flask) and [the verdict](/index.md#verdict)."
    )


def test_other_links_are_left_alone() -> None:
    text = "[row](/comparison.md#orm) [faq](/faq.md#security) [x](https://e.org/index.md#security)"
    assert topic_links(text, DIMS) == text


def test_code_in_cells_may_wrap_after_underscores_and_dots_only() -> None:
    """Issue 24: 'select_relat/ed' in a narrow column; <wbr> marks the sensible breaks."""
    from macros.render.tables import code_break_points

    html = '<code class="a.b"><span>flask_sqlalchemy.SQLAlchemy</span></code> a_b x.'
    assert code_break_points(html) == (
        '<code class="a.b"><span>flask_<wbr>sqlalchemy.<wbr>SQLAlchemy</span></code> a_b x.'
    )
    assert code_break_points("<code>__init__ .venv x.</code>") == "<code>__init__ .venv x.</code>"
