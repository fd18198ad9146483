"""A Markdown extension: table captions are block-level HTML.

Python-Markdown does not list <caption> among block-level elements, so inside
an md_in_html table it wrapped the caption in <p>: invalid HTML that also hid
the caption from screen readers. The comparison plugin registers this
extension; it has no MkDocs dependency.
"""

from __future__ import annotations

from markdown import Markdown
from markdown.extensions import Extension


class BlockCaptions(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        if "caption" not in md.block_level_elements:
            md.block_level_elements.append("caption")
