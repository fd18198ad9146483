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
  ignore, get a pattern and a message, so an `http://` link is underlined;
- each package in `data/packages.yml` gets its own property whose hover shows
  the references text uses for it and what they resolve to now
  (`{pkg:flask.version}` is 3.1.3), see macros.data.facts.

`scripts/editor-schemas` writes them; `scripts/validate` and the preview (on
every rebuild) refresh them, so the ids follow the data. The ids come from the
data files as the one check pipeline (macros.pipeline) read them, and which
file follows which schema from macros.data.layout. Files are rewritten only
when they change.
"""

from __future__ import annotations

import copy
import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from macros.data.facts import build_facts
from macros.data.layout import ID_PATTERN, DataFile, FileKind
from macros.data.model import PROFILE_ROW_IDS
from macros.paths import project_root
from macros.pipeline import check_project
from macros.project import project_from_config

Schema = dict[str, Any]

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"
OUTPUT = Path(".cache") / "editor-schemas"
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


def editor_ids(files: Iterable[DataFile]) -> dict[str, list[str]]:
    """The ids editors may refer to, from the data files as the checks read them (broken
    or not): framework and dimension file names, source keys, table rows (the changelog's
    ``rows``)."""
    ids: dict[str, list[str]] = {
        "framework": [],
        "dimension": [],
        "source": [],
        "row": list(PROFILE_ROW_IDS),
    }
    for file in files:
        if file.kind is FileKind.FRAMEWORK and file.id:
            ids["framework"].append(file.id)
        elif file.kind is FileKind.DIMENSION and file.id:
            ids["dimension"].append(file.id)
            table = file.value.get("table") if isinstance(file.value, dict) else None
            for row in table if isinstance(table, list) else []:
                if isinstance(row, dict) and isinstance(row.get("id"), str):
                    ids["row"].append(row["id"])
        elif file.kind is FileKind.SOURCES:
            ids["source"] = [
                k for k in file.value if isinstance(k, str) and ID_PATTERN.fullmatch(k)
            ]
    return {kind: sorted(set(found)) for kind, found in ids.items()}


def project_files(root: Path) -> tuple[DataFile, ...]:
    """The data files of the project in ``root``, as the one check pipeline read them."""
    return check_project(project_from_config(root / "mkdocs.yml")).files


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
    ids: dict[str, list[str]],
    schema_dir: Path = SCHEMA_DIR,
    files: Iterable[DataFile] = (),
) -> dict[str, Schema]:
    """Every schema file, rewritten for the editor with ``ids`` (:func:`editor_ids`) and
    the packages of ``files`` (their fact references shown on hover)."""
    schemas = {
        path.name: json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(schema_dir.glob("*.schema.json"))
    }
    rewritten = {name: rewrite(schema, schemas, name, ids) for name, schema in schemas.items()}
    if "packages.schema.json" in rewritten:
        _describe_packages(rewritten["packages.schema.json"], files)
    for schema in rewritten.values():
        # Each field using a definition now carries that definition's description itself; the
        # definition's own would win on hover (the first matching schema's description is shown).
        for definition in schema.get("$defs", {}).values():
            definition.pop("description", None)
    return rewritten


def _describe_packages(schema: Schema, files: Iterable[DataFile]) -> None:
    """One property per package, whose hover shows its references resolved."""
    packages = next((f.value for f in files if f.kind is FileKind.PACKAGES), None)
    if not isinstance(packages, dict) or not isinstance(schema.get("additionalProperties"), dict):
        return
    facts = build_facts(packages, [])
    properties = schema.setdefault("properties", {})
    for package_id in sorted(p for p in packages if isinstance(p, str) and ID_PATTERN.fullmatch(p)):
        shown = [
            f"`{fact.reference}` (now {fact.value})"
            for fact in facts.values()
            if fact.subject == package_id
        ]
        if not shown:
            continue
        entry = copy.deepcopy(schema["additionalProperties"])
        entry["markdownDescription"] = (
            "In text, write "
            + " and ".join(shown)
            + " instead of the values: updating this entry then updates every page."
        )
        properties[package_id] = entry


def write_editor_schemas(root: Path, files: Iterable[DataFile] | None = None) -> list[Path]:
    """Write the editor schemas under ``root``/.cache/editor-schemas; return the files changed.

    ``files``: the data files when the caller has checked the project already;
    otherwise the project in ``root`` is checked for them.
    """
    files = tuple(files) if files is not None else project_files(root)
    out = root / OUTPUT
    ids = editor_ids(files)
    packages = tuple(f.data for f in files if f.kind is FileKind.PACKAGES)
    # The preview calls this on every save; the schemas change only with the ids and
    # data/packages.yml (their descriptions), so an unchanged pair writes nothing.
    key = (root, repr(ids), packages)
    if _last_written and _last_written[0] == key and all(p.is_file() for p in _last_written[1]):
        return []
    out.mkdir(parents=True, exist_ok=True)
    changed = []
    targets = []
    for name, schema in editor_schemas(ids, files=files).items():
        text = json.dumps(schema, indent=1, ensure_ascii=False) + "\n"
        target = out / name
        targets.append(target)
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
    _last_written[:] = [key, targets]
    return changed


_last_written: list[Any] = []  # [the key of the last schemas written, their files]


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
