"""The fixed anchors the page templates write themselves (``{ #verdict }``), by template.

The collision check (macros.data.collisions) needs them to refuse a data id
that would give a second element the same address; the data layer reads no
template, so they are read here, from the same search path the renderer
uses (a site's template folders first, then macros/templates).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from macros.render.pages import TEMPLATE_DIR

# The templates of pages whose sections are named after data ids.
PAGE_TEMPLATES = ("article.md.j2", "hub.md.j2", "topic.md.j2")
_LITERAL_ANCHOR = re.compile(r"\{ #([a-z][a-z0-9-]*) \}")


def _shown(path: Path, root: Path | None) -> str:
    if path.is_relative_to(TEMPLATE_DIR):
        return f"macros/templates/{path.relative_to(TEMPLATE_DIR).as_posix()}"
    if root is not None and path.is_relative_to(root):
        return path.relative_to(root).as_posix()
    return path.as_posix()


def template_anchors(
    template_dirs: Iterable[Path] = (), root: Path | None = None
) -> dict[str, dict[str, str]]:
    """Template name -> {anchor: 'macros/templates/hub.md.j2:LINE'} for PAGE_TEMPLATES."""
    folders = [*template_dirs, TEMPLATE_DIR]
    found: dict[str, dict[str, str]] = {}
    for name in PAGE_TEMPLATES:
        anchors: dict[str, str] = {}
        path = next((folder / name for folder in folders if (folder / name).is_file()), None)
        if path is not None:
            lines = path.read_text(encoding="utf-8").splitlines()
            for number, line in enumerate(lines, start=1):
                for match in _LITERAL_ANCHOR.finditer(line):
                    anchors.setdefault(match.group(1), f"{_shown(path, root)}:{number}")
        found[name] = anchors
    return found
