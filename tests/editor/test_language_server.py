"""The editor's tools know the data: yaml-language-server driven over stdio, as VS Code drives it.

Regression (issue 14): the language server completed keys but not framework
keys or source ids, did not flag an unknown source id, a misspelt framework
key, unquoted `no` or an `http://` link; hover showed the shared "One line of
text..." for every title and verdict; `summary`/`verdict` completed without
the colon.

The server runs with this repository's `.vscode/settings.json` on a copy of
`data/`, with the editor schemas `scripts/editor-schemas` writes.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from macros.editor.schemas import write_editor_schemas
from tests.editor.lsp import LanguageServer
from tests.harness.site import ROOT, require_tool

SERVER = ROOT / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
SOURCE_IDS = sorted(yaml.safe_load((ROOT / "data" / "sources.yml").read_text(encoding="utf-8")))
FRAMEWORK_IDS = sorted(p.stem for p in (ROOT / "data" / "frameworks").glob("*.yml"))
DIMENSION = """\
title: Security
order: 80
last_reviewed: 2026-11-24
summary: |
  What this is about.
frameworks:
  flask:
    verdict: "Careful configuration."
    text: |
      Some text.
"""


def vscode_settings(root: Path) -> dict[str, Any]:
    """.vscode/settings.json as VS Code hands it to the server ("yaml.x" -> yaml: {x})."""
    raw = json.loads((root / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    return {"yaml": {key[5:]: value for key, value in raw.items() if key.startswith("yaml.")}}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("editor") / "project"
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copytree(ROOT / ".vscode", root / ".vscode")
    write_editor_schemas(root)
    return root


@pytest.fixture(scope="module")
def server(project: Path) -> Iterator[LanguageServer]:
    node = require_tool("node", "REQUIRE_BROWSER")
    require_tool(str(SERVER), "REQUIRE_BROWSER")
    client = LanguageServer([node, str(SERVER), "--stdio"], project, vscode_settings(project))
    client.start()
    try:
        yield client
    finally:
        client.stop()


def open_file(server: LanguageServer, name: str, text: str) -> str:
    path = server.root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return server.open(path, text)


def messages(server: LanguageServer, uri: str) -> list[tuple[int, str]]:
    return [(d["range"]["start"]["line"], d["message"]) for d in server.diagnostics_for(uri)]


def position(text: str, marker: str) -> tuple[int, int]:
    """Line and column just after the first ``marker``."""
    before = text[: text.index(marker) + len(marker)]
    return before.count("\n"), len(before.rsplit("\n", 1)[-1])


def framework_with(change: str, replacement: str) -> str:
    text = (ROOT / "data" / "frameworks" / "flask.yml").read_text(encoding="utf-8")
    changed = re.sub(change, replacement, text, count=1, flags=re.MULTILINE)
    assert changed != text, change
    return changed


def test_the_shipped_data_has_no_problem_in_the_editor(server: LanguageServer) -> None:
    # Every file opened first, then each one's diagnostics: the server checks them
    # one after another without waiting for the test between files.
    opened = {
        path.relative_to(server.root).as_posix(): server.open(path, path.read_text("utf-8"))
        for path in sorted((server.root / "data").rglob("*.yml"))
    }
    found = {name: messages(server, uri) for name, uri in opened.items()}
    assert found and all(problems == [] for problems in found.values()), found


def test_keys_complete_with_a_colon_and_a_space(server: LanguageServer) -> None:
    text = DIMENSION.replace('    verdict: "Careful configuration."\n', "    \n")
    uri = open_file(server, "data/dimensions/keys.yml", text)
    line, column = position(text, "  flask:\n    ")
    items = {item["label"]: item.get("insertText") for item in server.completion(uri, line, column)}
    assert items["verdict"] == "verdict: "


def test_framework_keys_complete(server: LanguageServer) -> None:
    text = DIMENSION + "  \n"
    uri = open_file(server, "data/dimensions/framework-keys.yml", text)
    labels = {item["label"] for item in server.completion(uri, text.count("\n") - 1, 2)}
    assert "django" in labels  # flask is there already
    assert labels >= set(FRAMEWORK_IDS) - {"flask"}


def test_source_ids_complete(server: LanguageServer) -> None:
    text = framework_with(r"(^\s*source: )\S+$", r"\1")
    uri = open_file(server, "data/frameworks/source-ids.yml", text)
    line, column = position(text, re.search(r"^\s*source: ", text, re.MULTILINE)[0])  # type: ignore[index]
    labels = [item["label"] for item in server.completion(uri, line, column)]
    assert sorted(labels) == SOURCE_IDS


def test_an_unknown_key_is_flagged(server: LanguageServer) -> None:
    uri = open_file(server, "data/dimensions/unknown-key.yml", DIMENSION + "sumary: x\n")
    assert messages(server, uri) == [(10, "Property sumary is not allowed.")]


def test_a_misspelt_framework_key_is_flagged(server: LanguageServer) -> None:
    text = DIMENSION + '  djnago:\n    verdict: "x"\n    text: "y"\n'
    uri = open_file(server, "data/dimensions/misspelt.yml", text)
    assert messages(server, uri) == [(10, "Property djnago is not allowed.")]


def test_an_unknown_source_id_is_flagged(server: LanguageServer) -> None:
    text = framework_with(r"(^\s*source: )\S+$", r"\1djangoo-notes")
    uri = open_file(server, "data/frameworks/unknown-source.yml", text)
    (line, message), *others = messages(server, uri)
    assert others == []
    assert text.splitlines()[line].strip() == "source: djangoo-notes"
    assert message.startswith('Value is not accepted. Valid values: "')
    assert f'"{SOURCE_IDS[0]}", "{SOURCE_IDS[1]}"' in message  # the data's own ids


def test_a_wrong_type_is_flagged(server: LanguageServer) -> None:
    uri = open_file(
        server, "data/dimensions/wrong-type.yml", DIMENSION.replace("order: 80", "order: high")
    )
    assert messages(server, uri) == [(1, 'Incorrect type. Expected "integer".')]


def test_unquoted_no_and_a_bare_version_are_flagged_as_our_tools_read_them(
    server: LanguageServer,
) -> None:
    # Our tools read YAML 1.1: `no` is false, 3.10 is the number 3.1; the editor reads it the same.
    text = DIMENSION.replace('verdict: "Careful configuration."', "verdict: no")
    uri = open_file(server, "data/dimensions/unquoted-no.yml", text)
    assert messages(server, uri) == [(7, 'Incorrect type. Expected "string".')]
    text = framework_with(r'(^\s*version: )"[^"]+"', r"\g<1>3.10")
    uri = open_file(server, "data/frameworks/bare-version.yml", text)
    (line, message), *others = messages(server, uri)
    assert (text.splitlines()[line].strip(), message, others) == (
        "version: 3.10",
        'Incorrect type. Expected "string".',
        [],
    )


def test_an_http_link_is_flagged(server: LanguageServer) -> None:
    text = framework_with(r"https://", "http://")
    uri = open_file(server, "data/frameworks/http-link.yml", text)
    (line, message), *others = messages(server, uri)
    assert others == []
    assert "http://" in text.splitlines()[line]
    assert message in (
        "Use an absolute https:// address (http:// is not allowed).",
        "Use an https:// address, or a page of this site from its root, e.g. /faq.md "
        "(http:// is not allowed).",
    )


@pytest.mark.parametrize(
    ("key", "description"),
    [
        ("title", "The section heading, e.g. 'Security'."),
        ("verdict", "A one-line verdict for this framework on this dimension."),
        ("last_reviewed", "The date an editor last checked this dimension against its sources."),
    ],
)
def test_hover_shows_the_fields_own_description(
    server: LanguageServer, key: str, description: str
) -> None:
    uri = open_file(server, "data/dimensions/hover.yml", DIMENSION)
    line, column = position(DIMENSION, f"{key}:")
    shown = server.hover(uri, line, column - 2)
    assert description in shown.replace("\\", "")
    assert "One line of text" not in shown
