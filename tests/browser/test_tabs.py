"""The same task in each framework as content tabs (same_task in a dimension,
macros/templates/same_task.md.j2): tabs switch, and the framework a reader picks
is remembered (Material's content.tabs.link) on reload and on the one-page view."""

from __future__ import annotations

from tests.browser.conftest import OpenPage

TABS = ".tabbed-set"


def visible_code(visit: object, task: str = "learning-curve") -> str:
    """The code shown in the tabs of one topic's same task (the one-page view has every topic's)."""
    page = visit.page  # type: ignore[attr-defined]
    blocks = page.locator(f"#{task}-same-task ~ {TABS}").first.locator(".tabbed-block")
    shown = [i for i in range(blocks.count()) if blocks.nth(i).is_visible()]
    assert len(shown) == 1, shown
    return str(blocks.nth(shown[0]).inner_text())


def test_tabs_switch_and_remember_the_framework(open_page: OpenPage) -> None:
    visit = open_page("learning-curve/")
    labels = visit.page.locator(f"{TABS} .tabbed-labels label")
    assert labels.all_inner_texts() == ["Flask", "Django", "FastAPI"]
    assert "from flask import Flask" in visible_code(visit)
    labels.nth(1).click()
    assert "JsonResponse" in visible_code(visit)
    labels.nth(2).click()
    assert "from fastapi import FastAPI" in visible_code(visit)
    # Picked once, kept: on reload and on another page with the same tabs.
    visit.page.reload(wait_until="networkidle")
    assert "from fastapi import FastAPI" in visible_code(visit)
    visit.goto("one-page/")
    assert "from fastapi import FastAPI" in visible_code(visit)
    assert "BackgroundTasks" in visible_code(visit, "analytics")
    # Every topic's tabs follow the pick: the workouts task shows FastAPI's code too.
    visit.goto("use-cases/")
    assert "from pydantic import BaseModel, Field" in visible_code(visit, "use-cases")
    visit.page.locator(f"#use-cases-same-task ~ {TABS} .tabbed-labels label").nth(0).click()
    assert "request.get_json" in visible_code(visit, "use-cases")
    visit.goto("analytics/")
    assert "abort(400)" in visible_code(visit, "analytics")
    assert visit.problems() == []


def test_without_javascript_every_framework_is_one_click_away(open_page: OpenPage) -> None:
    visit = open_page("learning-curve/", javascript=False)
    labels = visit.page.locator(f"{TABS} .tabbed-labels label")
    labels.nth(1).click()  # the tabs are radio buttons and CSS: no script needed
    assert "JsonResponse" in visible_code(visit)
