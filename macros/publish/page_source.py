"""Which file a page of the built site comes from, so a finding about it can name that file.

Read from the page's address and the project's folders alone (no data is
loaded): a hand-written page comes from ``content/``, a generated page from
its data file and template, the error page from ``overrides/404.html`` or the
theme. A finding names the page in the built site and this file after it.
"""

from __future__ import annotations

from pathlib import Path

TEMPLATES = "macros/templates"
# Generated pages made from many data files: the template that lays each one out.
_GENERATED = {
    "": ("data/", "hub.md.j2"),
    "comparison": ("data/", "comparison.md.j2"),
    "one-page": ("data/", "article.md.j2"),
    "about": ("data/site.yml", "about.md.j2"),
    "compare": ("data/frameworks/", "compare_index.md.j2"),
    "faq": ("data/faq.yml", "faq.md.j2"),
    "decide": ("data/decision.yml", "decide.md.j2"),
}


def page_source(page: str, project: Path, docs_dir: str = "content", data_dir: str = "data") -> str:
    """The source of built page ``page`` ("notes/index.html"), or "" when it is not known."""
    if page == "404.html":
        override = "overrides/404.html"
        return override if (project / override).is_file() else "the theme's 404.html (Material)"
    folder = page.removesuffix("index.html").rstrip("/") if page.endswith("index.html") else ""
    stem = folder or page.removesuffix(".html")
    written = [f"{stem}.md", f"{stem}/index.md", f"{stem}/README.md"] if stem else ["index.md"]
    for name in written:
        if (project / docs_dir / name).is_file():
            return f"{docs_dir}/{name}"
    if not page.endswith("index.html"):
        return ""
    return _generated(folder, project / data_dir, data_dir)


def _generated(folder: str, data: Path, data_dir: str) -> str:
    def made(files: str, template: str) -> str:
        return f"{files}, laid out by {TEMPLATES}/{template}"

    if folder in _GENERATED:
        files, template = _GENERATED[folder]
        return made(files.replace("data/", f"{data_dir}/", 1), template)
    kind, _, name = folder.partition("/")
    if kind == "frameworks" and (data / "frameworks" / f"{name}.yml").is_file():
        return made(f"{data_dir}/frameworks/{name}.yml", "framework.md.j2")
    if kind == "compare":
        for index in range(len(name)):
            a, sep, b = name[index:].partition("-vs-")
            first, second = name[:index] + a, b
            if sep and all((data / "frameworks" / f"{x}.yml").is_file() for x in (first, second)):
                pair = f"{data_dir}/frameworks/{first}.yml and {data_dir}/frameworks/{second}.yml"
                return made(pair, "pair.md.j2")
    if not name and (data / "dimensions" / f"{kind}.yml").is_file():
        return made(f"{data_dir}/dimensions/{kind}.yml", "topic.md.j2")
    return ""
