"""Editor schemas: the JSON Schemas rewritten for YAML language servers, with the data's real ids.

`macros/schemas/` is the one source of truth; this module derives from it the
schemas that `.vscode/settings.json` points at (yaml-language-server, as VS
Code's YAML extension runs it), in the git-ignored `.cache/editor-schemas/`:

- every reference to a framework, source or dimension (`x-ref`) becomes an
  `enum` of the ids in `data/`, so the editor completes them and underlines
  an unknown one; an object keyed by framework gets one property per
  framework, so a misspelt framework key is underlined and keys complete;
- a field that uses a shared definition (`$ref`) is written as
  `allOf: [{$ref}]` beside its own description (or the definition's, copied)
  and type, and the definitions lose their descriptions: yaml-language-server
  1.25 shows the first description among the schemas matching a field, which
  was the definition's ("One line of text..." for every title and verdict),
  and completes a key without `: ` when its type sits only behind a `$ref`;
- the project's own formats (`https-url`, `link`), which JSON Schema tools
  ignore, get a pattern and a message, so an `http://` link is underlined.

`scripts/editor-schemas` writes them; `scripts/validate` and the preview (on
every rebuild) refresh them, so the ids follow the data. Files are rewritten
only when they change.
"""

from __future__ import annotations

import copy
import json
import os
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from macros.data.model import PROFILE_ROW_IDS, Dataset
from macros.paths import project_root

Schema = dict[str, Any]

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"
OUTPUT = Path(".cache") / "editor-schemas"
# Data files and the schema each one follows (the loader's layout).
DATA_SCHEMAS = {
    "data/site.yml": "site.schema.json",
    "data/sources.yml": "sources.schema.json",
    "data/faq.yml": "faq.schema.json",
    "data/decision.yml": "decision.schema.json",
    "data/packages.yml": "packages.schema.json",
    "data/changelog.yml": "changelog.schema.json",
    "data/frameworks/*.yml": "framework.schema.json",
    "data/dimensions/*.yml": "dimension.schema.json",
}
_ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
# Formats JSON Schema tools do not know: the same rule as a pattern the editor checks.
_FORMAT_PATTERNS = {
    "https-url": (
        r"^https://\S+$",
        "Use an absolute https:// address (http:// is not allowed).",
    ),
    "link": (
        r"^(https://\S+|/\S+)$",
        "Use an https:// address, or a page of this site from its root, e.g. /faq.md "
        "(http:// is not allowed).",
    ),
}
_DESCRIBED = ("description", "markdownDescription")


def data_ids(data_dir: Path) -> dict[str, list[str]]:
    """The ids editors may refer to: framework and dimension file names, source keys."""
    ids = {
        "framework": _stems(data_dir / "frameworks"),
        "dimension": _stems(data_dir / "dimensions"),
        "source": [],
    }
    try:
        with (data_dir / "sources.yml").open("rb") as stream:
            sources = yaml.load(stream, Loader=yaml.CSafeLoader)
    except (OSError, yaml.YAMLError):
        sources = None  # the editor then accepts any id; scripts/validate names the problem
    if isinstance(sources, dict):
        ids["source"] = sorted(k for k in sources if isinstance(k, str) and _ID.match(k))
    return ids


def editor_ids(dataset: Dataset) -> dict[str, list[str]]:
    """The same ids from a loaded dataset (no file read again)."""
    return {
        "framework": sorted(f.id for f in dataset.frameworks),
        "dimension": sorted(d.id for d in dataset.dimensions),
        "source": sorted(dataset.sources),
        # Table rows (the changelog's `rows`); data_ids leaves them open.
        "row": sorted({*PROFILE_ROW_IDS, *(row.id for row in dataset.table_rows)}),
    }


def _stems(folder: Path) -> list[str]:
    return sorted(p.stem for p in folder.glob("*.yml") if _ID.match(p.stem))


def _resolve(schema: Schema, schemas: dict[str, Schema], base: str) -> Schema:
    """The definition a $ref points at, with the keywords of any $ref it refines."""
    file, _, pointer = schema["$ref"].partition("#")
    target: Any = schemas[file or base]
    for part in filter(None, pointer.split("/")):
        target = target[part]
    if "$ref" in target:
        inner = _resolve(target, schemas, file or base)
        return {**inner, **{k: v for k, v in target.items() if k != "$ref"}}
    return dict(target)


def _enum(kind: str, ids: dict[str, list[str]]) -> list[str] | None:
    values = ids.get(kind)
    return list(values) if values else None  # no ids known: leave the field open


def rewrite(
    schema: Schema, schemas: dict[str, Schema], base: str, ids: dict[str, list[str]]
) -> Any:
    """One schema node (and everything under it) as the editor should see it."""
    node = {key: _rewrite_any(value, schemas, base, ids) for key, value in schema.items()}
    kind = node.pop("x-ref", None)
    node.pop("x-markdown", None)
    if "$ref" in node:
        target = _resolve(node, schemas, base)
        node = {"allOf": [{"$ref": node.pop("$ref")}], **node}
        if "type" in target:
            node.setdefault("type", target["type"])
        if "description" not in node and "description" in target:
            node["description"] = target["description"]
    if kind is not None:
        values = _enum(kind, ids)
        if values is not None:
            node["enum"] = values
    format_rule = _FORMAT_PATTERNS.get(node.get("format", ""))
    if format_rule is not None:
        node["pattern"], node["patternErrorMessage"] = format_rule
    names = node.get("propertyNames")
    if (
        isinstance(names, dict)
        and "enum" in names
        and isinstance(node.get("additionalProperties"), dict)
    ):
        node = _keyed_by_id(node, names["enum"])
    return node


def _rewrite_any(
    value: Any, schemas: dict[str, Schema], base: str, ids: dict[str, list[str]]
) -> Any:
    if isinstance(value, dict):
        return rewrite(value, schemas, base, ids)
    if isinstance(value, list):
        return [_rewrite_any(item, schemas, base, ids) for item in value]
    return value


def _keyed_by_id(node: Schema, keys: Iterable[str]) -> Schema:
    """An object keyed by framework id: one property per id, so keys complete and typos show."""
    value_schema = node.pop("additionalProperties")
    node.pop("propertyNames")
    properties = node.setdefault("properties", {})
    for key in keys:
        entry = copy.deepcopy(value_schema)
        if not any(name in entry for name in _DESCRIBED) and "description" in node:
            entry["description"] = node["description"]
        properties.setdefault(key, entry)
    node["additionalProperties"] = False
    return node


def editor_schemas(
    data_dir: Path, schema_dir: Path = SCHEMA_DIR, ids: dict[str, list[str]] | None = None
) -> dict[str, Schema]:
    """Every schema file, rewritten for the editor with the ids found in ``data_dir``."""
    schemas = {
        path.name: json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(schema_dir.glob("*.schema.json"))
    }
    ids = ids if ids is not None else data_ids(data_dir)
    rewritten = {name: rewrite(schema, schemas, name, ids) for name, schema in schemas.items()}
    for schema in rewritten.values():
        # Each field using a definition now carries that definition's description itself; the
        # definition's own would win on hover (the first matching schema's description is shown).
        for definition in schema.get("$defs", {}).values():
            definition.pop("description", None)
    return rewritten


def write_editor_schemas(
    root: Path, data_dir: Path | None = None, ids: dict[str, list[str]] | None = None
) -> list[Path]:
    """Write the editor schemas under ``root``/.cache/editor-schemas; return the files changed.

    ``ids`` (framework, dimension and source ids) when the caller has loaded the data
    already; otherwise they are read from ``data_dir``.
    """
    out = root / OUTPUT
    out.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, schema in editor_schemas(data_dir or root / "data", ids=ids).items():
        text = json.dumps(schema, indent=1, ensure_ascii=False) + "\n"
        target = out / name
        try:
            if target.read_text(encoding="utf-8") == text:
                continue
        except OSError:
            pass
        fd, temp = tempfile.mkstemp(dir=out, prefix=f".{name}.")
        with os.fdopen(fd, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temp, target)
        changed.append(target)
    return changed


def vscode_schemas() -> dict[str, str]:
    """The `yaml.schemas` setting for .vscode/settings.json."""
    return {f"./{OUTPUT.as_posix()}/{name}": glob for glob, name in DATA_SCHEMAS.items()}


def main(argv: list[str] | None = None) -> int:
    """scripts/editor-schemas: write the editor schemas; quiet unless asked."""
    import argparse

    parser = argparse.ArgumentParser(
        prog="scripts/editor-schemas",
        description="Write the schemas VS Code's YAML extension uses (with the data's ids) to "
        f"{OUTPUT.as_posix()}/.",
    )
    parser.add_argument("--root", type=Path, default=None, help="the project folder")
    parser.add_argument("--verbose", action="store_true", help="name each file written")
    args = parser.parse_args(argv)
    changed = write_editor_schemas(args.root or project_root())
    if args.verbose:
        for path in changed:
            print(f"wrote {path}")
    return 0
