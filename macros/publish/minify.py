"""The site's own stylesheets and scripts, minified in a build: what readers download.

Material's files come minified (``*.min.css``, ``*.min.js``); the project's own
(content/assets/) are written for people, with comments that explain them. A
build writes them without comments and spaces: on the home page that is
about 4.7 of 84 KB gzip (scripts/bench/bench_reader.py; the goal is 80 KB).
The preview keeps them as written, for debugging. rjsmin and rcssmin only
remove what cannot change meaning (no renaming), and the browser tests run
on minified builds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import rcssmin  # type: ignore[import-untyped]
import rjsmin  # type: ignore[import-untyped]

MINIFIERS: dict[str, Callable[[str], str]] = {
    ".css": rcssmin.cssmin,
    ".js": rjsmin.jsmin,
}


def needs_minifying(path: str) -> bool:
    """A stylesheet or script that is not minified already (by its name)."""
    name = Path(path).name
    return Path(name).suffix in MINIFIERS and ".min." not in name


def minify_files(site_dir: Path, paths: Iterable[str]) -> list[str]:
    """Minify each of ``paths`` (relative to ``site_dir``) in place; returns those it changed."""
    changed = []
    for path in paths:
        if not needs_minifying(path):
            continue
        target = site_dir / path
        text = target.read_text(encoding="utf-8")
        smaller = MINIFIERS[target.suffix](text).strip() + "\n"
        if smaller != text:
            target.write_text(smaller, encoding="utf-8")
            changed.append(path)
    return changed
