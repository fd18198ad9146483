"""The comparison as open data: /api/comparison.json and its JSON Schema.

The document is validated against ``schemas/export.schema.json`` before it is
written, so the published data always matches its published schema. The
build date comes from SOURCE_DATE_EPOCH when set, so builds are reproducible.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import asdict
from pathlib import Path
from typing import Any

from macros.data.model import Dataset, Framework
from macros.data.schema_refs import SCHEMA_DIR, load_schema
from macros.render.pages import profile_rows
from macros.safety.ecma import ecma_validator
from macros.sealed_cache import read_sealed, write_sealed

EXPORT_PATH = "api/comparison.json"
SCHEMA_PATH = "api/comparison.schema.json"
_SCHEMA_FILE = SCHEMA_DIR / "export.schema.json"


class ExportError(ValueError):
    """The export does not match its schema: a bug in this module, not in the data."""


def build_date() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch else dt.datetime.now(dt.UTC)
    return moment.date().isoformat()


def _framework(fw: Framework) -> dict[str, Any]:
    # `order` only positions frameworks; the export lists them in that order.
    return {k: v for k, v in asdict(fw).items() if k != "order"}


def document(dataset: Dataset) -> dict[str, Any]:
    site = dataset.site
    rows = profile_rows(dataset.frameworks) + dataset.table_rows
    return {
        "$schema": "comparison.schema.json",
        "format_version": 1,
        "title": site.title,
        "description": site.description,
        "url": site.url,
        "licence": site.licence or "All rights reserved",
        "build_date": build_date(),
        "featured": list(site.featured),
        "frameworks": [_framework(fw) for fw in dataset.frameworks],
        "dimensions": [
            {
                "id": d.id,
                "title": d.title,
                "order": d.order,
                "summary": d.summary,
                "last_reviewed": d.last_reviewed,
                "frameworks": {fid: asdict(take) for fid, take in d.takes.items()},
                "unknown": list(d.unknown),
            }
            for d in dataset.dimensions
        ],
        # `sort` only orders the site's table columns.
        "table": [{k: v for k, v in asdict(row).items() if k != "sort"} for row in rows],
        "faq": [asdict(q) for q in dataset.questions],
        "sources": [asdict(s) for s in dataset.sources.values()],
    }


def schema_text() -> str:
    return _SCHEMA_FILE.read_text(encoding="utf-8")


def validate(doc: dict[str, Any]) -> None:
    schema = load_schema(_SCHEMA_FILE.name)  # parsed once per process
    errors = sorted(
        ecma_validator(schema).iter_errors(doc),
        key=lambda e: list(e.absolute_path),
    )
    if errors:
        where = "/".join(map(str, errors[0].absolute_path)) or "(top level)"
        raise ExportError(
            f"{EXPORT_PATH} does not match its schema at {where}: "
            f"{errors[0].message} ({len(errors)} error(s))"
        )


def export_json(dataset: Dataset, *, check: bool = True, checked: Path | None = None) -> str:
    """The open-data export; ``check=False`` skips its schema check (the preview: a build
    always checks it, and the check costs a large share of a preview rebuild).

    ``checked``: a file that remembers the last export found valid (a digest of its
    text and the schema's): the same text against the same schema is not checked
    again (0.03 s of every build of the unchanged site)."""
    doc = document(dataset)
    text = json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
    if check:
        digest = hashlib.sha256(f"{schema_text()}\0{text}".encode()).hexdigest()
        if checked is None or _read(checked) != digest:
            validate(doc)
            _remember(checked, digest)
    return text


def _read(path: Path) -> str | None:
    sealed = read_sealed(path)  # a digest this machine wrote, never a commit's
    return None if sealed is None else sealed.decode("utf-8", errors="replace")


def _remember(path: Path | None, digest: str) -> None:
    if path is not None:
        write_sealed(path, digest.encode())  # a read-only checkout checks every time
