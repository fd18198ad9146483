"""The feature table at four frameworks (issue 24, part 6), in Chromium.

Regression: with a fourth framework the table kept its 757 px column beside
a sidebar, framework columns shrank to 116-159 px and code broke mid-word
("select_relat/ed", "makemigratio/ns", "Documentatio/n"). Now the table page
takes the right sidebar's width (its jump list moves into the navigation),
code wraps only after '_' or '.', and nothing scrolls sideways at 1280 or 390 px.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any

import pytest
import yaml
from playwright.sync_api import Browser

from tests.browser.support import goto
from tests.harness.site import ROOT, mkdocs_build, static_server

sys.path.insert(0, str(ROOT / "scripts" / "bench"))
import synthetic

pytestmark = pytest.mark.browser

# Values with the identifiers that broke mid-word, one per framework column.
CODE_VALUES = (
    "`select_related()` and `prefetch_related()`",
    "`makemigrations` then `migrate`",
    "Documentation and `django.contrib.admin`",
    "`flask_sqlalchemy.SQLAlchemy` extension",
)

# Every place where a text node of a table cell goes on to a new line; a break
# between two letters or digits is a word broken in the middle.
BREAKS_JS = """() => {
  const breaks = [];
  for (const cell of document.querySelectorAll('table.comparison tbody td')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    let previous = null;  // [character, top of its line box, its code element]
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let i = 0; i < node.length; i++) {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const rect = range.getClientRects()[0];
        if (!rect) { continue; }
        if (!node.data[i].trim()) {  // a space: the next line may start after it
          if (previous) { previous[0] = ' '; }
          continue;
        }
        const code = node.parentElement.closest('code');
        if (previous && rect.top > previous[1] + 2) {
          breaks.push({
            before: previous[0], after: node.data[i],
            code: code !== null && code === previous[2],  // inside one code element
            text: cell.textContent.trim(),
          });
        }
        previous = [node.data[i], rect.top, code];
      }
    }
  }
  return breaks;
}"""
LAYOUT_JS = """() => ({
  sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  table: document.querySelector('table.comparison').getBoundingClientRect().width,
  secondary: getComputedStyle(document.querySelector('.md-sidebar--secondary')).display,
  jumpInNav: [...document.querySelectorAll('.md-nav--primary .md-nav--secondary a')]
    .filter(a => a.offsetParent !== null).map(a => a.textContent.trim()),
})"""


@pytest.fixture(scope="module")
def four_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = tmp_path_factory.mktemp("four") / "project"
    config = synthetic.generate(project, frameworks=4, dimensions=2)
    path = project / "data/dimensions/dimension-00.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for number, row in enumerate(data["table"]):
        values = CODE_VALUES if number == 0 else CODE_VALUES[::-1]
        row["values"] = dict(zip(row["values"], values, strict=True))
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    result = mkdocs_build(config, project / "site")
    assert result.returncode == 0, result.stderr
    with static_server(project / "site") as url:
        yield url


def layout(browser: Browser, url: str, width: int) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        goto(page, url + "comparison/")
        return page.evaluate(LAYOUT_JS), page.evaluate(BREAKS_JS)
    finally:
        page.close()


def mid_word(breaks: list[dict[str, Any]]) -> list[str]:
    return [
        f"{b['before']}/{b['after']} in {b['text']!r}"
        for b in breaks
        if b["before"].isalnum() and b["after"].isalnum()
    ]


def test_at_1280_the_table_takes_the_sidebars_width_and_breaks_no_word(
    browser: Browser, four_url: str
) -> None:
    found, breaks = layout(browser, four_url, 1280)
    assert found["sideways"] == 0
    assert found["secondary"] == "none"  # its width went to the table ...
    assert found["table"] > 900  # (688 px beside it)
    assert found["jumpInNav"] == ["At a glance", "Dimension 00", "Dimension 01"]  # ... not its list
    assert mid_word(breaks) == []
    # The check has something to check: code does wrap, after '_' or '.'.
    assert {b["before"] for b in breaks if b["code"]} <= {"_", "."}
    assert any(b["code"] for b in breaks)


def test_at_390_nothing_scrolls_sideways_nor_breaks_mid_word(
    browser: Browser, four_url: str
) -> None:
    found, breaks = layout(browser, four_url, 390)
    assert found["sideways"] == 0
    assert mid_word(breaks) == []
