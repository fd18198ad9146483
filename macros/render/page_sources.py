"""Which data files each generated page shows: the one place that knows it.

The renderer puts them on each :class:`macros.render.pages.Page` (``sources``),
so the preview's banners show a data file's warnings on the pages that show
that file (macros.lint.site_problems). Paths are relative to the data folder,
as macros.data.layout names them; every page may cite data/sources.yml.
"""

from __future__ import annotations

from macros.data.layout import FileKind, data_file
from macros.data.model import Dataset


def sources_by_page(data: Dataset) -> dict[str, tuple[str, ...]]:
    """Markdown path of each generated page -> the data files it shows."""
    site, faq, decision, sources = (
        data_file(kind)
        for kind in (FileKind.SITE, FileKind.FAQ, FileKind.DECISION, FileKind.SOURCES)
    )
    dims = {d.id: data_file(FileKind.DIMENSION, d.id) for d in data.dimensions}
    fws = {f.id: data_file(FileKind.FRAMEWORK, f.id) for f in data.frameworks}
    every_dim, every_fw = tuple(dims.values()), tuple(fws.values())
    shown: dict[str, tuple[str, ...]] = {
        "index.md": (site, *every_dim, *every_fw),
        "one-page.md": (site, faq, decision, *every_dim, *every_fw),
        "faq.md": (faq, *every_dim),
        "decide.md": (decision, *every_dim),
        "comparison.md": (*every_dim, *every_fw),
        "compare/index.md": every_fw,
        "about.md": (site,),
    }
    for dim_id, path in dims.items():
        shown[f"{dim_id}.md"] = (path,)
    for fw_id, path in fws.items():
        shown[f"frameworks/{fw_id}.md"] = (path,)
    ordered = list(fws.items())
    for index, (a, a_path) in enumerate(ordered):
        for b, b_path in ordered[index + 1 :]:
            shown[f"compare/{a}-vs-{b}.md"] = (a_path, b_path)
    return {uri: (*files, sources) for uri, files in shown.items()}
