"""Structured data (schema.org JSON-LD) for pages, built from the dataset.

The theme's ``extrahead`` block writes what ``for_page`` returns into a
``<script type="application/ld+json">`` element.
"""

from __future__ import annotations

from typing import Any

from macros.model import Dataset


def for_page(dataset: Dataset, src_uri: str, page_url: str) -> list[dict[str, Any]]:
    """JSON-LD objects for one page ("" URLs are relative to the site URL)."""
    return []
