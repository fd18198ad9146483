"""One generated page as a plain Markdown file: links any engine resolves, metadata in front matter.

The MkDocs build resolves site-absolute links such as ``/comparison.md#orm``
through ``validation.links.absolute_links: relative_to_docs`` and hands the
theme its JSON-LD from the plugin. A staged page carries both itself: links
become relative to the page (``../comparison.md#orm``), which every engine
that reads Markdown resolves, and the JSON-LD goes into the page's front
matter as ``jsonld``, which ``overrides/main.html`` prints.
"""

from __future__ import annotations

import posixpath
import re
from typing import Any

import yaml

# A code span (left alone), or a Markdown link target / reference definition
# that starts at the docs root with a single '/'.
_INLINE = re.compile(
    r"(?P<code>(?P<ticks>`+).+?(?<!`)(?P=ticks)(?!`))"
    r"|(?P<lead>\]\(\s*<?|^\s{0,3}\[(?!\^)[^\]\n]+\]:[ \t]*<?)(?P<target>/(?!/)[^\s)>#]*)",
    re.M,
)
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")


def relative_target(target: str, src_uri: str) -> str:
    """'/x/y.md' seen from page ``src_uri`` (docs-relative), as a relative path."""
    path = target.lstrip("/") or "index.md"
    base = posixpath.dirname(src_uri) or "."
    return posixpath.relpath(path, base)


def relative_links(markdown: str, src_uri: str) -> str:
    """Rewrite site-absolute link targets ('/x.md#a') to paths relative to the page.

    Only Markdown link syntax is touched (inline links, images and reference
    definitions), never code spans or fenced code blocks, so a code sample
    that shows ``[a](/b.md)`` stays as written. Anchors and titles are kept.
    """

    def replace(match: re.Match[str]) -> str:
        if match.group("code"):
            return match.group(0)
        return match.group("lead") + relative_target(match.group("target"), src_uri)

    lines = markdown.split("\n")
    fence: str | None = None
    for index, line in enumerate(lines):
        opened = _FENCE.match(line)
        if fence is not None:
            if opened and opened.group(1).startswith(fence) and not line.strip().strip(fence[0]):
                fence = None
            continue
        if opened:
            fence = opened.group(1)
            continue
        if "]" in line:  # no link syntax without it (most lines)
            lines[index] = _INLINE.sub(replace, line)
    return "\n".join(lines)


def split_front_matter(markdown: str) -> tuple[dict[str, Any], str]:
    """The page's YAML front matter (``{}`` when it has none) and its body."""
    if not markdown.startswith("---\n"):
        return {}, markdown
    end = markdown.find("\n---\n", 3)
    if end < 0:
        return {}, markdown
    meta = yaml.load(markdown[4:end], Loader=yaml.CSafeLoader) or {}
    if not isinstance(meta, dict):
        raise ValueError("front matter is not a mapping")
    return meta, markdown[end + len("\n---\n") :]


def with_front_matter(markdown: str, extra: dict[str, Any]) -> str:
    """The page with ``extra`` merged into its front matter (written when non-empty)."""
    if not extra:
        return markdown
    meta, body = split_front_matter(markdown)
    meta = {**meta, **extra}
    if not meta:
        return body
    text = yaml.dump(
        meta,
        Dumper=yaml.CSafeDumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=1_000_000,
    )
    return f"---\n{text}---\n{body}"


def staged_markdown(markdown: str, src_uri: str, jsonld: list[dict[str, Any]]) -> str:
    """A generated page as it is written into the staged docs tree."""
    extra: dict[str, Any] = {"jsonld": jsonld} if jsonld else {}
    return with_front_matter(relative_links(markdown, src_uri), extra)
