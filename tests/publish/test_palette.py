"""The published palette stylesheet is Material's without its whole-page transition switch."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from macros.publish.palette import (
    PALETTE,
    PALETTE_SHA256,
    SWITCHING_RULE,
    PaletteDrift,
    material_hash,
    quiet_palette,
    without_switching_rule,
)


def material_templates() -> Path:
    spec = importlib.util.find_spec("material")
    assert spec is not None and spec.submodule_search_locations
    return Path(next(iter(spec.submodule_search_locations))) / "templates"


def material_palette() -> str:
    return (material_templates() / PALETTE).read_text(encoding="utf-8")


def test_the_pinned_stylesheet_is_the_one_material_installs_and_links() -> None:
    """Drift pin: an upgrade of Material fails here, naming what to read again."""
    text = material_palette()
    assert material_hash(text) == PALETTE_SHA256, (
        f"Material's {PALETTE} changed: read its palette rules and component "
        "(data-md-color-switching), then update macros/publish/palette.py"
    )
    base = (material_templates() / "base.html").read_text(encoding="utf-8")
    assert f"'{PALETTE}' | url" in base
    assert text.count(SWITCHING_RULE) == 1
    # The only rule that reads the attribute the palette component toggles on every load.
    assert text.count("data-md-color-switching") == SWITCHING_RULE.count("data-md-color-switching")


def test_removing_the_rule_removes_exactly_it() -> None:
    text = material_palette()
    quiet = without_switching_rule(text)
    start = text.index(SWITCHING_RULE)
    assert quiet == text[:start] + text[start + len(SWITCHING_RULE) :]
    assert "data-md-color-switching" not in quiet
    # Still inside its @media block: the braces stay balanced.
    assert quiet.count("{") == quiet.count("}")


@pytest.mark.parametrize("times", [0, 2])
def test_a_stylesheet_without_the_rule_once_stops_the_build(times: int) -> None:
    with pytest.raises(PaletteDrift, match=r"update macros/publish/palette\.py"):
        without_switching_rule("a{color:red}" + SWITCHING_RULE * times)


def test_quieting_a_built_site_rewrites_its_stylesheet(tmp_path: Path) -> None:
    target = tmp_path / PALETTE
    target.parent.mkdir(parents=True)
    target.write_text("a{color:red}@media screen{b{c:d}" + SWITCHING_RULE + "}", encoding="utf-8")
    assert quiet_palette(tmp_path) == target
    assert target.read_text(encoding="utf-8") == "a{color:red}@media screen{b{c:d}}"
    with pytest.raises(PaletteDrift):  # once per build: a second pass finds no rule
        quiet_palette(tmp_path)
    target.unlink()
    with pytest.raises(PaletteDrift, match="not in the built site"):
        quiet_palette(tmp_path)


def test_the_built_site_ships_materials_stylesheet_without_the_rule(site_dir: Path) -> None:
    shipped = (site_dir / PALETTE).read_text(encoding="utf-8")
    assert "[data-md-color-switching]" not in shipped
    assert shipped == without_switching_rule(material_palette())
    # The site's own switch guard is shipped instead (reader.css, reader.js).
    assert "[data-reader-switching] *" in (site_dir / "assets/stylesheets/reader.css").read_text(
        encoding="utf-8"
    )
