"""A dimension's same_task as content tabs (macros/templates/same_task.md.j2)."""

from __future__ import annotations

import shutil
from pathlib import Path

from macros.data.loader import load, load_or_raise
from macros.render.pages import Renderer
from tests.harness.site import FIXTURES

TASK = """same_task:
  title: "Say hello"
  intro: Each prints a greeting.
  code:
    gamma: |
      ```python
      print("{{ user.name }}")

      print("gamma")
      ```
    alpha: |
      ```python
      print("alpha")
      ```
"""


def data(tmp_path: Path, task: str = TASK) -> Path:
    shutil.copytree(FIXTURES / "three" / "data", tmp_path / "data")
    topic = tmp_path / "data" / "dimensions" / "templates.yml"
    topic.write_text(topic.read_text() + task)
    return tmp_path / "data"


def test_one_tab_per_framework_in_display_order_with_the_code_verbatim(tmp_path: Path) -> None:
    pages = {p.src_uri: p.markdown for p in Renderer(load_or_raise(data(tmp_path))).pages()}
    topic = pages["templates.md"]
    start = topic.index("## The same task in each framework { #templates-same-task }")
    tabs = topic[start : topic.index("\n## ", start + 1)]
    assert tabs.index('=== "Alpha"') < tabs.index('=== "Gamma"')
    assert '=== "Beta"' not in tabs  # no code for Beta: no tab
    assert '    print("{{ user.name }}")\n\n    print("gamma")' in tabs
    assert "### The same task in each framework { #templates-same-task }" in pages["one-page.md"]
    assert "same task" not in pages["architecture.md"]


def test_an_unknown_framework_in_code_is_named(tmp_path: Path) -> None:
    problems = [
        str(p) for p in load(data(tmp_path, TASK.replace("gamma:", "gama:")), tmp_path).problems
    ]
    assert len(problems) == 1 and "same_task.code" in problems[0] and "gama" in problems[0]
