"""A Markdown extension: footnote back-links that say where they lead.

Python-Markdown gives every back-link of a footnote the same arrow and the
title "Jump back to footnote 5 in the text"; a source cited four times shows
four identical arrows that a screen reader reads alike. This extension names
each one ("Back to mention 2 of 4 of source 5"), numbers the arrows visibly
when there is more than one, and is registered from mkdocs.yml
(``markdown_extensions: - macros.render.footnote_backlinks``). It has no MkDocs
dependency and runs after the footnotes extension has added the duplicates.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

# After the footnotes extension's reordering (19) and duplicate back-links (15).
PRIORITY = 14


def backlink_label(mention: int, mentions: int, source: int) -> str:
    """The accessible name of one back-link of footnote ``source``."""
    if mentions == 1:
        return f"Back to the mention of source {source}"
    return f"Back to mention {mention} of {mentions} of source {source}"


class BacklinkLabels(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for div in root.iter("div"):
            if "footnote" not in div.get("class", "").split():
                continue
            items = div.find("ol")
            if items is None:
                return
            for source, item in enumerate(items.findall("li"), start=1):
                links = [a for a in item.iter("a") if a.get("class") == "footnote-backref"]
                for mention, link in enumerate(links, start=1):
                    label = backlink_label(mention, len(links), source)
                    link.set("aria-label", label)
                    link.set("title", label)
                    if len(links) > 1:
                        number = etree.SubElement(link, "sup")
                        number.text = str(mention)
            return


class FootnoteBacklinks(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(BacklinkLabels(md), "footnote-backlink-labels", PRIORITY)


def makeExtension(**kwargs: Any) -> FootnoteBacklinks:  # Markdown looks this name up
    return FootnoteBacklinks(**kwargs)
