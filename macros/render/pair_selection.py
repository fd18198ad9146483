"""Which pairs of frameworks get a pre-rendered page.

Every pair of n frameworks would make n(n-1)/2 pages: 200 frameworks made
20,117 pages. Only the pairs the data names get one: the featured pair
(``featured:`` in data/site.yml), each other framework against each featured
framework, and any pair listed under ``pairs:`` in data/site.yml. That grows
linearly with the frameworks; any other two are compared in the browser, on
/compare/, from the open-data export.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from macros.data.model import Dataset, Framework

Pair = tuple[Framework, Framework]


def pair_uri(a: Framework, b: Framework) -> str:
    return f"compare/{a.id}-vs-{b.id}.md"


def named_pairs(
    frameworks: Sequence[Framework],
    featured: Sequence[str],
    listed: Iterable[Sequence[str]] = (),
) -> list[Pair]:
    """The pairs that get a page, each once, its two frameworks in display order.

    Order: the featured pair, then each other framework (in display order)
    against each featured framework, then the listed pairs. Ids that name no
    framework are skipped (the data's cross-checks report them).
    """
    position = {fw.id: index for index, fw in enumerate(frameworks)}
    chosen: dict[tuple[int, int], None] = {}

    def add(first: str, second: str) -> None:
        if first in position and second in position and first != second:
            low, high = sorted((position[first], position[second]))
            chosen[(low, high)] = None

    main = [fid for fid in featured if fid in position]
    for i, first in enumerate(main):
        for second in main[i + 1 :]:
            add(first, second)
    for fw in frameworks:
        if fw.id not in main:
            for fid in main:
                add(fid, fw.id)
    for first, second in listed:
        add(first, second)
    return [(frameworks[i], frameworks[j]) for i, j in chosen]


def dataset_pairs(dataset: Dataset) -> list[Pair]:
    """The pairs of the dataset that get a page (none with two frameworks: the
    home page and the table already compare them)."""
    if len(dataset.frameworks) <= 2:
        return []
    return named_pairs(dataset.frameworks, dataset.site.featured, dataset.site.pairs)


def pair_uris(pairs: Iterable[Pair]) -> dict[tuple[str, str], str]:
    """(id, id) in either order -> the pair page's source path; only pairs with a page."""
    uris = {}
    for a, b in pairs:
        uris[(a.id, b.id)] = uris[(b.id, a.id)] = pair_uri(a, b)
    return uris
