"""Which pairs get a page: the featured pair, each framework against each featured
one, the data's own list; so pages grow linearly, and every pair link has a page."""

from __future__ import annotations

import re
import sys
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from macros.data.loader import load_dataset, load_or_raise
from macros.data.model import Dataset
from macros.render.pages import Renderer
from macros.render.pair_selection import dataset_pairs, named_pairs, pair_uris
from tests.harness.site import ROOT

sys.path.insert(0, str(ROOT / "scripts" / "bench"))
import synthetic


def synthetic_data(tmp_path: Path, frameworks: int, dimensions: int = 2) -> Dataset:
    synthetic.generate(tmp_path / f"n{frameworks}", frameworks, dimensions)
    return load_or_raise(tmp_path / f"n{frameworks}" / "data")


def ids(pairs: list[tuple[object, object]]) -> list[str]:
    return [f"{a.id}-{b.id}" for a, b in pairs]  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def five(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    return synthetic_data(tmp_path_factory.mktemp("five"), 5)


def test_the_featured_pair_then_each_framework_against_each_featured_one(five: Dataset) -> None:
    assert five.site.featured == ("fw-00", "fw-01")
    assert ids(dataset_pairs(five)) == [
        "fw-00-fw-01",
        "fw-00-fw-02",
        "fw-01-fw-02",
        "fw-00-fw-03",
        "fw-01-fw-03",
        "fw-00-fw-04",
        "fw-01-fw-04",
    ]


def test_listed_pairs_are_added_once_in_display_order(five: Dataset) -> None:
    listed = [("fw-04", "fw-03"), ("fw-03", "fw-04"), ("fw-01", "fw-00"), ("fw-02", "nope")]
    pairs = named_pairs(five.frameworks, five.site.featured, listed)
    assert ids(pairs)[-1] == "fw-03-fw-04"  # written the other way round, listed twice
    assert len(pairs) == 7 + 1  # the featured pair is not repeated; unknown ids are skipped


def test_a_featured_framework_listed_later_in_display_order(five: Dataset) -> None:
    pairs = named_pairs(five.frameworks, ("fw-03", "fw-01"))
    assert ids(pairs)[0] == "fw-01-fw-03"
    assert len(pairs) == 1 + 2 * 3


def test_two_frameworks_get_no_pair_pages(five: Dataset) -> None:
    two = replace(five, frameworks=five.frameworks[:2])
    assert dataset_pairs(two) == []


def test_pair_uris_name_both_orders_and_only_chosen_pairs(five: Dataset) -> None:
    uris = pair_uris(dataset_pairs(five))
    assert uris[("fw-00", "fw-03")] == uris[("fw-03", "fw-00")] == "compare/fw-00-vs-fw-03.md"
    assert ("fw-02", "fw-03") not in uris


def test_pages_grow_linearly_with_the_frameworks(tmp_path: Path) -> None:
    counts = {}
    for size in (5, 10, 20, 40):
        pages = Renderer(synthetic_data(tmp_path, size)).draft_pages()
        pair_pages = [p for p in pages if re.fullmatch(r"compare/.+-vs-.+\.md", p.src_uri)]
        assert len(pair_pages) == 2 * size - 3
        counts[size] = len(pages)
    # Each framework adds the same number of pages: its own and two pair pages.
    per_framework = {(counts[b] - counts[a]) / (b - a) for a, b in [(5, 10), (10, 20), (20, 40)]}
    assert per_framework == {3.0}


def test_every_pair_link_in_the_pages_has_a_page(five: Dataset) -> None:
    pages = Renderer(five).draft_pages()
    made = {p.src_uri for p in pages}
    linked = set()
    for page in pages:
        linked |= set(re.findall(r"\(/(compare/[a-z0-9-]+-vs-[a-z0-9-]+\.md)", page.markdown))
    assert linked, "the hub, profiles and /compare/ link pair pages"
    assert linked <= made


def test_pairs_in_site_yml_are_checked_against_the_frameworks(tmp_path: Path) -> None:
    synthetic.generate(tmp_path / "p", 4, 1)
    site_file = tmp_path / "p" / "data" / "site.yml"
    site = yaml.safe_load(site_file.read_text())
    site["pairs"] = [["fw-02", "fw-03"], ["fw-02", "bottle"], ["fw-03", "fw-03"]]
    site_file.write_text(yaml.safe_dump(site, sort_keys=False))
    dataset, problems = load_dataset(tmp_path / "p" / "data")
    found = [(p.line, p.message) for p in problems]
    assert dataset is None, found
    assert any("bottle" in message for _, message in found), found
    assert len(found) == 2, found  # the unknown id and the pair of one framework twice


def test_the_data_s_own_pairs_get_pages(five: Dataset) -> None:
    listed = replace(five, site=replace(five.site, pairs=(("fw-03", "fw-04"),)))
    assert ids(dataset_pairs(listed))[-1] == "fw-03-fw-04"
    assert len(dataset_pairs(listed)) == len(dataset_pairs(five)) + 1
