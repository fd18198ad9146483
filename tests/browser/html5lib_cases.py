"""The ``#data`` of the vendored html5lib-tests tree-construction files (tests/fixtures)."""

from __future__ import annotations

from pathlib import Path

from tests.harness.site import FIXTURES

TREE_CONSTRUCTION = FIXTURES / "html5lib-tests" / "tree-construction"


def parse_dat(text: str) -> list[tuple[str, set[str]]]:
    """Each test of a ``.dat`` file: its ``#data`` and the names of its other sections."""
    tests = []
    for chunk in ("\n" + text).split("\n#data\n")[1:]:
        lines = chunk.split("\n")
        end = next(i for i, line in enumerate(lines) if line.startswith("#"))
        sections = {line[1:] for line in lines[end:] if line.startswith("#")}
        tests.append(("\n".join(lines[:end]), sections))
    return tests


def html5lib_documents() -> list[tuple[str, str]]:
    """(``file.dat:N``, markup) of every whole-document test read with scripting on."""
    found = []
    for path in sorted(TREE_CONSTRUCTION.glob("*.dat")):
        tests = parse_dat(Path(path).read_text(encoding="utf-8"))
        for number, (data, sections) in enumerate(tests, 1):
            if sections & {"document-fragment", "script-off"}:
                continue
            found.append((f"{path.name}:{number}", data))
    return found
