"""The editor schema of data/packages.yml shows each package's references resolved (issue 20)."""

from __future__ import annotations

from pathlib import Path

from macros.data.loader import load
from macros.editor.schemas import editor_schemas


def test_hovering_a_package_shows_its_references_and_their_current_values(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "packages.yml").write_text(
        'gizmo:\n  name: Gizmo\n  version: "2.4.1"\n  released: 2026-05-13\n'
        "  status: named\n  checked: 2026-11-30\n",
        encoding="utf-8",
    )
    files = load(data, tmp_path).files  # the data files as the checks read them
    schema = editor_schemas({}, files=files)["packages.schema.json"]
    gizmo = schema["properties"]["gizmo"]
    assert gizmo["markdownDescription"] == (
        "In text, write `{pkg:gizmo.version}` (now 2.4.1) and `{pkg:gizmo.released}` "
        "(now 2026-05-13) and `{pkg:gizmo.released_month}` (now May 2026) instead of the values: "
        "updating this entry then updates every page."
    )
    # The entry is still checked like any other package, and new ids stay allowed.
    assert gizmo["required"] == schema["additionalProperties"]["required"]
