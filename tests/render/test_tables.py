"""Links into the former one-page article land on the topic pages (macros.render.tables)."""

from __future__ import annotations

from macros.render.tables import topic_links

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
