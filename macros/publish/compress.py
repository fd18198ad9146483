"""Precompressed files for nginx's ``gzip_static``: deterministic, so builds are reproducible."""

from __future__ import annotations

import gzip
from pathlib import Path

# Text formats worth precompressing; images and fonts are compressed already.
COMPRESSIBLE = frozenset({".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".map"})


def gzip_bytes(data: bytes) -> bytes:
    """Deterministic gzip: no file name, mtime 0, so equal input gives equal output."""
    return gzip.compress(data, compresslevel=9, mtime=0)


def precompress(site_dir: Path) -> list[Path]:
    """Write ``name.gz`` beside each text file for nginx's ``gzip_static``.

    A file whose gzip would not be smaller is left alone, unless a ``.gz`` is
    there already (MkDocs writes sitemap.xml.gz): that one is rewritten, so
    every ``.gz`` in the site comes from this function.
    """
    written = []
    for path in sorted(site_dir.rglob("*")):
        if path.suffix not in COMPRESSIBLE or not path.is_file():
            continue
        data = path.read_bytes()
        packed = gzip_bytes(data)
        target = path.with_name(path.name + ".gz")
        if len(packed) < len(data) or target.exists():
            target.write_bytes(packed)
            written.append(target)
    return written
