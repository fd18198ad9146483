"""What the data already holds about a framework before scripts/new-framework adds it.

A source whose id or title names it, its data/packages.yml entry (name,
version, release date, source) and the lines of text that mention it: the
scaffold reuses the first two and lists all three, so the editor starts from
what the site already says instead of contradicting it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from macros.data.placeholders import PLACEHOLDER_ID
from macros.data.yaml_reader import read_yaml

MAX_MENTIONS = 12  # beyond this, the list stops helping


@dataclass(frozen=True)
class Known:
    name: str  # as the data writes it ('Litestar'), or the id when nothing says
    package: dict[str, Any] = field(default_factory=dict)  # its data/packages.yml entry
    package_line: int = 0
    sources: tuple[tuple[str, str, int], ...] = ()  # (id, title, line) in data/sources.yml
    mentions: tuple[tuple[str, int, str], ...] = ()  # (file, line, the line's text)

    @property
    def release(self) -> tuple[str, str, str] | None:
        """(version, date, source) of the latest release packages.yml records, if it does."""
        version, date = self.package.get("version"), self.package.get("released")
        if not isinstance(version, str) or date is None:
            return None
        source = self.package.get("source")
        if not isinstance(source, str):
            source = self.sources[0][0] if self.sources else ""
        return version, str(date), source


def _mapping(path: Path) -> tuple[dict[str, Any], dict[str, int]]:
    """The file's top-level mapping and the line of each key ({} when missing or broken)."""
    if not path.is_file():
        return {}, {}
    doc, _ = read_yaml(path, path.name)
    if doc is None or not isinstance(doc.value, dict):
        return {}, {}
    return doc.value, {str(k): doc.key_mark((k,))[0] for k in doc.value}


def find(data_dir: Path, framework: str) -> Known:
    packages, package_lines = _mapping(data_dir / "packages.yml")
    entry = packages.get(framework)
    package = entry if isinstance(entry, dict) else {}
    given = package.get("name")
    name = given if isinstance(given, str) and given.strip() else framework
    named = re.compile(rf"(?<![\w^-])(?:{re.escape(framework)}|{re.escape(name)})(?![\w])", re.I)
    by_id = re.compile(rf"(?:^|-){re.escape(framework)}(?:-|\Z)")
    sources, source_lines = _mapping(data_dir / "sources.yml")
    found_sources = tuple(
        (str(key), str(value.get("title", "")), source_lines[str(key)])
        for key, value in sources.items()
        if isinstance(value, dict)
        and not PLACEHOLDER_ID.fullmatch(str(key))
        and (by_id.search(str(key)) or named.search(str(value.get("title", ""))))
    )
    mentions: list[tuple[str, int, str]] = []
    for path in sorted(data_dir.rglob("*.yml")):
        if path.name in ("sources.yml", "packages.yml") or len(mentions) >= MAX_MENTIONS:
            continue
        shown = f"data/{path.relative_to(data_dir).as_posix()}"
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        for number, line in enumerate(lines, 1):
            if named.search(line) and len(mentions) < MAX_MENTIONS:
                mentions.append((shown, number, line.strip()))
    return Known(name, package, package_lines.get(framework, 0), found_sources, tuple(mentions))


def listed(known: Known) -> list[str]:
    """The to-do steps that point at what the data already says about the framework."""
    steps = []
    if known.package:
        release = known.release
        said = f"{release[0]} of {release[1]}" if release else "no release"
        steps.append(
            f"data/packages.yml:{known.package_line}: {known.name} is there already "
            f"({said}); data/frameworks/ now states the same latest release: keep the two "
            "in step (scripts/check-freshness compares them with PyPI)."
        )
    if known.sources:
        steps.append(
            "data/sources.yml holds sources that name it already: cite them where they "
            "support a claim, instead of writing new ones:"
            + "".join(
                f"\n       data/sources.yml:{line}: {sid} ({title})"
                for sid, title, line in known.sources
            )
        )
    if known.mentions:
        steps.append(
            "the text mentions it already: re-read these lines once its profile is written, "
            "and link them to its pages where that helps:"
            + "".join(f"\n       {file}:{line}: {text[:70]}" for file, line, text in known.mentions)
        )
    return steps
