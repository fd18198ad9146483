"""The code samples' pins follow the data: samples/pyproject.toml's ``samples`` group.

The samples run in their own environment against the exact releases the site
describes (tests/content/test_samples.py checks each ``name==version`` of the
group against data/packages.yml). When --fix moves a version, the pin must move
with it or the tests fail; the loop rewrites the pin in place (nothing else in
the file changes) and the workflow regenerates samples/uv.lock from it. A
``samples`` extra (``[project.optional-dependencies]``) is read the same way.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from pathlib import Path

_SPEC = re.compile(
    r'"(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)(?P<extras>\[[^\]]*\])?==(?P<version>[^"]+)"'
)
_SAMPLES = re.compile(r"(?ms)^samples = \[$.*?^\]$")


def normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def samples_pins(pyproject: Path) -> dict[str, str]:
    """Package id -> the exact version the samples group (or extra) pins."""
    data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    specs = data.get("dependency-groups", {}).get("samples") or data.get("project", {}).get(
        "optional-dependencies", {}
    ).get("samples", [])
    pins = {}
    for spec in specs:
        if found := _SPEC.fullmatch(f'"{spec}"'):
            pins[normalised(found["name"])] = found["version"]
    return pins


def update_pins(pyproject: Path, versions: Mapping[str, str]) -> list[tuple[str, str, str]]:
    """Move each samples pin whose package is in ``versions`` (id -> new version);
    return (id, old, new) for each pin moved. Other lines stay byte for byte."""
    pinned = samples_pins(pyproject)
    moves = {p: (pinned[p], v) for p, v in versions.items() if p in pinned and pinned[p] != v}
    if not moves:
        return []
    text = pyproject.read_text(encoding="utf-8")

    def move(match: re.Match[str]) -> str:
        package = normalised(match["name"])
        old_new = moves.get(package)
        if old_new is None or match["version"] != old_new[0]:
            return match.group(0)
        return f'"{match["name"]}{match["extras"] or ""}=={old_new[1]}"'

    extra = _SAMPLES.search(text)
    if extra is None:
        raise ValueError(f"{pyproject}: no 'samples = [' ... ']' block to update")
    moved = _SPEC.sub(move, extra.group(0))
    pyproject.write_text(text[: extra.start()] + moved + text[extra.end() :], encoding="utf-8")
    if samples_pins(pyproject) != {**pinned, **{p: new for p, (_, new) in moves.items()}}:
        pyproject.write_text(text, encoding="utf-8")
        raise ValueError(f"{pyproject}: the samples pins did not move as expected; left as it was")
    return [(p, old, new) for p, (old, new) in sorted(moves.items())]
