"""How each generated page is made: the data files it shows and its template.

The one place that knows it. The renderer puts the files on each
:class:`macros.render.pages.Page` (``sources``), so the preview's banners show a
data file's warnings on the pages that show it (macros.lint.site_problems); a
finding of the built-site audit names the file its page comes from
(macros.publish.page_source). Paths are relative to the data folder, as
macros.data.layout names them; every page may cite data/sources.yml.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from macros.data.layout import FileKind, data_file
from macros.data.model import Dataset

SOURCES = data_file(FileKind.SOURCES)


@dataclass(frozen=True)
class Made:
    files: tuple[str, ...]  # every data file the page shows, sources.yml last
    template: str  # the template under macros/templates that lays it out
    # What a finding about the page names as its source: these files, or () for the
    # whole data folder, or a folder ('frameworks/').
    named: tuple[str, ...] = ()


def generated_pages(framework_ids: Sequence[str], dimension_ids: Sequence[str]) -> dict[str, Made]:
    """Markdown path -> how it is made, for frameworks and dimensions in display order
    (pages that the data does not call for, such as decide.md, are listed anyway)."""
    site, faq, decision = (data_file(k) for k in (FileKind.SITE, FileKind.FAQ, FileKind.DECISION))
    dims = {d: data_file(FileKind.DIMENSION, d) for d in dimension_ids}
    fws = {f: data_file(FileKind.FRAMEWORK, f) for f in framework_ids}
    every_dim, every_fw = tuple(dims.values()), tuple(fws.values())
    made = {
        "index.md": Made((site, *every_dim, *every_fw), "hub.md.j2"),
        "one-page.md": Made((site, faq, decision, *every_dim, *every_fw), "article.md.j2"),
        "faq.md": Made((faq, *every_dim), "faq.md.j2", (faq,)),
        "decide.md": Made((decision, *every_dim), "decide.md.j2", (decision,)),
        "comparison.md": Made((*every_dim, *every_fw), "comparison.md.j2"),
        "compare/index.md": Made(every_fw, "compare_index.md.j2", ("frameworks/",)),
        "about.md": Made((site,), "about.md.j2", (site,)),
    }
    for dim_id, path in dims.items():
        made[f"{dim_id}.md"] = Made((path,), "topic.md.j2", (path,))
    for fw_id, path in fws.items():
        made[f"frameworks/{fw_id}.md"] = Made((path,), "framework.md.j2", (path,))
    ordered = list(fws.items())
    for index, (a, a_path) in enumerate(ordered):
        for b, b_path in ordered[index + 1 :]:
            pair = (a_path, b_path)
            made[f"compare/{a}-vs-{b}.md"] = Made(pair, "pair.md.j2", pair)
    return {
        uri: Made((*page.files, SOURCES), page.template, page.named) for uri, page in made.items()
    }


def sources_by_page(data: Dataset) -> dict[str, tuple[str, ...]]:
    """Markdown path of each generated page -> the data files it shows."""
    made = generated_pages([f.id for f in data.frameworks], [d.id for d in data.dimensions])
    return {uri: page.files for uri, page in made.items()}
