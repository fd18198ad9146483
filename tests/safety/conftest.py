"""Shared pieces for the safety tests: the site's own Markdown configuration."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import markdown
import pytest
import yaml

from tests.harness.site import ROOT


def site_extensions() -> tuple[list[str], dict[str, Any]]:
    """markdown_extensions from the real mkdocs.yml, as MkDocs would pass them."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names: list[str] = []
    options: dict[str, Any] = {}
    for item in config["markdown_extensions"]:
        if isinstance(item, dict):
            ((name, settings),) = item.items()
            names.append(name)
            options[name] = settings or {}
        else:
            names.append(item)
    return names, options


@pytest.fixture(scope="session")
def render_field() -> Callable[[str], str]:
    """Markdown -> HTML with the site's extensions (one instance, reset per text)."""
    names, options = site_extensions()
    md = markdown.Markdown(extensions=names, extension_configs=options)

    def render(text: str) -> str:
        md.reset()
        return md.convert(text)

    return render
