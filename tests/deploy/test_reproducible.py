"""Two builds of the same commit are byte-identical, whole tree compared.

Whatever the build writes is covered, files added later (an /api/ export, say)
included. The second build differs in everything that should not matter: source and
output paths, hash seed, time zone and locale. Both build a snapshot of the
sources, so edits made meanwhile in the shared work tree cannot differ them.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from macros.publish.build import build_site
from tests.harness.site import ROOT

pytestmark = pytest.mark.slow

EPOCH = "1767225600"  # 2026-01-01T00:00:00Z


def tree(site: Path) -> dict[str, str]:
    """Relative path -> sha256 of every file (an empty folder counts as an entry)."""
    entries = {}
    for path in sorted(site.rglob("*")):
        name = path.relative_to(site).as_posix()
        if path.is_dir():
            if not any(path.iterdir()):
                entries[name + "/"] = "empty folder"
        else:
            entries[name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return entries


SKIP = shutil.ignore_patterns(
    ".git", ".venv*", ".tools", "node_modules", "site", ".build", ".*_cache", "__pycache__"
)


def snapshot(dest: Path) -> Path:
    """A copy of the sources: a commit's content, safe from edits made meanwhile."""
    shutil.copytree(ROOT, dest, ignore=SKIP)
    return dest / "mkdocs.yml"


def build(config: Path, dest: Path, monkeypatch: pytest.MonkeyPatch, **env: str) -> dict[str, str]:
    with monkeypatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        for name, value in env.items():
            patch.setenv(name, value)
        assert build_site(config, dest) == 0
    return tree(dest)


def test_two_builds_are_byte_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = snapshot(tmp_path / "source")
    moved = snapshot(tmp_path / "elsewhere" / "source-copy")  # the same files at another path
    first = build(
        config,
        tmp_path / "one" / "site",
        monkeypatch,
        PYTHONHASHSEED="1",
        TZ="UTC",
        LC_ALL="C.UTF-8",
    )
    second = build(
        moved,
        tmp_path / "second-build" / "out",
        monkeypatch,
        PYTHONHASHSEED="2",
        TZ="Pacific/Kiritimati",
        LC_ALL="C",
    )

    for expected in (
        "index.html",
        "index.html.gz",
        "sitemap.xml",
        "sitemap.xml.gz",
        "search/search_index.json",
        "search/search_index.json.gz",
        "_headers",
    ):
        assert expected in first
    differ = sorted(
        name for name in first.keys() | second.keys() if first.get(name) != second.get(name)
    )
    assert differ == [], f"these files differ between two builds: {differ}"


def test_build_dates_come_from_source_date_epoch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(ROOT / "mkdocs.yml", tmp_path / "site", monkeypatch)
    sitemap = (tmp_path / "site" / "sitemap.xml").read_text()
    assert "<lastmod>2026-01-01</lastmod>" in sitemap
