"""What the schema says a file holds: its Markdown fields and references (kept by the loader)."""

from __future__ import annotations

from collections.abc import Iterator

from macros.data.document import FieldPath
from macros.data.layout import DataFile
from macros.data.schema import Reference


def markdown_fields(file: DataFile) -> Iterator[tuple[FieldPath, str]]:
    """(path, text) of every Markdown field (x-markdown in the schema)."""
    if not isinstance(file.doc and file.doc.value, dict):
        return
    yield from file.markdown


def references(file: DataFile) -> list[Reference]:
    """Every x-ref value (framework, source, dimension ids) in the file."""
    if not isinstance(file.doc and file.doc.value, dict):
        return []
    return list(file.references)
