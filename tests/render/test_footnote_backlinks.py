"""macros.render.footnote_backlinks: every back-link of a footnote says which mention
it returns to (issue 12: "some sources show up to six unlabelled back-links")."""

from __future__ import annotations

from html.parser import HTMLParser

import markdown

from macros.render.footnote_backlinks import backlink_label


class Backlinks(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[dict[str, str | None]] = []
        self.text: list[str] = []
        self.inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "a" and found.get("class") == "footnote-backref":
            self.links.append(found)
            self.text.append("")
            self.inside = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self.inside = False

    def handle_data(self, data: str) -> None:
        if self.inside:
            self.text[-1] += data


def backlinks(text: str) -> Backlinks:
    html = markdown.markdown(text, extensions=["footnotes", "macros.render.footnote_backlinks"])
    parser = Backlinks()
    parser.feed(html)
    return parser


def test_each_mention_is_named_and_numbered() -> None:
    found = backlinks("One[^b] two[^a] three[^a] four[^a].\n\n[^b]: Source B.\n[^a]: Source A.\n")
    # Source b is footnote 1, source a footnote 2 with three mentions.
    assert [(link["href"], link["aria-label"]) for link in found.links] == [
        ("#fnref:b", "Back to the mention of source 1"),
        ("#fnref:a", "Back to mention 1 of 3 of source 2"),
        ("#fnref2:a", "Back to mention 2 of 3 of source 2"),
        ("#fnref3:a", "Back to mention 3 of 3 of source 2"),
    ]
    assert all(link["title"] == link["aria-label"] for link in found.links)
    # A single back-link is the arrow alone; several carry their number.
    assert found.text == ["\u21a9", "\u21a91", "\u21a92", "\u21a93"]


def test_labels() -> None:
    assert backlink_label(1, 1, 7) == "Back to the mention of source 7"
    assert backlink_label(2, 6, 3) == "Back to mention 2 of 6 of source 3"


def test_a_page_without_footnotes_is_unchanged() -> None:
    text = "Plain *text*, no citations.\n"
    assert markdown.markdown(
        text, extensions=["footnotes", "macros.render.footnote_backlinks"]
    ) == (markdown.markdown(text, extensions=["footnotes"]))
