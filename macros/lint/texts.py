"""What the schema says a file holds: its Markdown fields and references."""

from __future__ import annotations

from collections.abc import Iterator

from macros.data.schema import Reference, validate
from macros.data.yaml_reader import FieldPath, value_at
from macros.lint.base import DataFile


def markdown_fields(file: DataFile) -> Iterator[tuple[FieldPath, str]]:
    """(path, text) of every Markdown field (x-markdown in the schema)."""
    if file.doc is None or not isinstance(file.doc.value, dict):
        return
    for path, _kind in validate(file.doc, file.kind).markdown:
        text = value_at(file.doc.value, path)
        if isinstance(text, str):
            yield path, text


def references(file: DataFile) -> list[Reference]:
    """Every x-ref value (framework, source, dimension ids) in the file."""
    if file.doc is None or not isinstance(file.doc.value, dict):
        return []
    return validate(file.doc, file.kind).references
