"""The open-data export (macros.render.export): checked against its schema, once per text."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.data.loader import load_dataset
from macros.render import export
from tests.harness.site import ROOT


def test_the_same_export_is_checked_against_the_same_schema_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dataset, _ = load_dataset(ROOT / "data", ROOT)
    assert dataset is not None
    checked: list[int] = []
    validate = export.validate
    monkeypatch.setattr(export, "validate", lambda doc: checked.append(1) or validate(doc))
    remembered = tmp_path / "cache" / "export-checked.txt"
    text = export.export_json(dataset, checked=remembered)
    assert export.export_json(dataset, checked=remembered) == text
    assert len(checked) == 1 and remembered.is_file()
    assert export.export_json(dataset) == text and len(checked) == 2  # nothing remembered
    monkeypatch.setattr(export, "schema_text", lambda: "another schema")
    export.export_json(dataset, checked=remembered)
    assert len(checked) == 3  # another schema: checked again


def test_an_export_that_breaks_its_schema_is_refused_every_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dataset, _ = load_dataset(ROOT / "data", ROOT)
    assert dataset is not None
    document = export.document
    monkeypatch.setattr(export, "document", lambda d: {**document(d), "format_version": "one"})
    for _ in range(2):
        with pytest.raises(export.ExportError, match="format_version"):
            export.export_json(dataset, checked=tmp_path / "export-checked.txt")
