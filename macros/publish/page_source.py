"""Which file a page of the built site comes from, so a finding about it can name that file.

Read from the page's address and the project's folders alone (no data is
loaded): a hand-written page comes from ``content/``, a generated page from
its data files and template (macros.render.page_sources, with the ids of the
data files macros.data.layout finds), the error page from
``overrides/404.html`` or the theme, a file the theme override publishes (a static
template, a ``.htm`` or an ``.xml`` file copied as it is) from ``overrides/``. A
finding names the page in the built site and this file after it.
"""

from __future__ import annotations

from pathlib import Path

from macros.data.layout import FileKind, classify, data_files
from macros.problems import line_and_column
from macros.render.page_sources import Made, generated_pages
from macros.safety.assets import css_loads

TEMPLATES = "macros/templates"


def page_source(page: str, project: Path, docs_dir: str = "content", data_dir: str = "data") -> str:
    """The source of built page ``page`` ("notes/index.html"), or "" when it is not known."""
    if page == "404.html":
        override = "overrides/404.html"
        return override if (project / override).is_file() else "the theme's 404.html (Material)"
    if (project / docs_dir / page).is_file():  # copied from content/ as it is (an SVG, a .css)
        return f"{docs_dir}/{page}"
    if (project / "overrides" / page).is_file():  # the theme's: a static template or a file
        return f"overrides/{page}"
    folder = page.removesuffix("index.html").rstrip("/") if page.endswith("index.html") else ""
    stem = folder or page.removesuffix(".html")
    written = [f"{stem}.md", f"{stem}/index.md", f"{stem}/README.md"] if stem else ["index.md"]
    for name in written:
        if (project / docs_dir / name).is_file():
            return f"{docs_dir}/{name}"
    if not page.endswith("index.html"):
        return ""
    made = _generated(project / data_dir).get(f"{folder or 'index'}.md")
    if made is None:
        return ""
    named = " and ".join(f"{data_dir}/{name}" for name in made.named) or f"{data_dir}/"
    return f"{named}, laid out by {TEMPLATES}/{made.template}"


def _generated(data: Path) -> dict[str, Made]:
    """The generated pages of the data folder, pair pages under both names (the display
    order that names a pair is in the files, which are not read here)."""
    ids: dict[FileKind, list[str]] = {FileKind.FRAMEWORK: [], FileKind.DIMENSION: []}
    for path in data_files(data):
        found = classify(path, data, path.name)
        if found.kind in ids and found.id:
            ids[found.kind].append(found.id)
    frameworks, dimensions = ids[FileKind.FRAMEWORK], ids[FileKind.DIMENSION]
    return generated_pages(frameworks[::-1], dimensions) | generated_pages(frameworks, dimensions)


def stylesheet_places(source: Path) -> list[str]:
    """``line:column`` of each load from another host in a stylesheet under content/, in
    order: the build serves it minified (one line), so the audit's own positions are the
    served file's, not the lines the editor sees."""
    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    places = []
    for offset, _, _ in css_loads(text):
        line, column = line_and_column(text, offset)
        places.append(f"{line}:{column}")
    return places
