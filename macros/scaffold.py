"""Scaffold new data files from the JSON Schemas (scripts/new-dimension, new-framework).

Every field of the schema is written, in the schema's order, under a comment
made from its description, so the scaffold and the editors' guide cannot drift
from the schema. Values are placeholders (macros.data.placeholders): the file is
valid and shows in the preview at once, while a strict build refuses to
publish it until every placeholder is replaced. Optional fields are written
too, marked as optional, so nothing has to be looked up.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from dataclasses import dataclass, field, replace
from pathlib import Path

from macros.data.document import display_path
from macros.data.placeholders import (
    ID_PREFIX,
    MARKER,
    PLACEHOLDER_DATE,
    PLACEHOLDER_STATUS,
    PLACEHOLDER_VERSION,
    TO_REPLACE,
)
from macros.data.schema import validate
from macros.data.schema_refs import Schema, definition_name, load_schema, resolve
from macros.data.yaml_reader import parse_yaml
from macros.editor import additions, existing, todo
from macros.editor.new_files import (
    ScaffoldError,
    check_new,
    existing_ids,
    next_order,
    orders,
)
from macros.paths import project_root
from macros.problems import errors, format_report

WIDTH = 79
LINE_PLACEHOLDER = f"{MARKER} fill in"
TEXT_PLACEHOLDER = f"{MARKER} write this text."
URL_PLACEHOLDER = f"https://example.org/{MARKER}"
OPTIONAL_NOTE = "Optional: delete it if it does not apply."
# Items a scaffold writes for an optional list, named after the list's key.
_ITEM_NAMES = {"table": "row", "faq": "question"}


@dataclass(frozen=True)
class _Context:
    file_id: str
    frameworks: tuple[str, ...]
    source: str  # the placeholder id a source reference gets
    next_order: int
    known: dict[str, str] = field(default_factory=dict)  # "a.b" field: a value the data holds


def _comment(text: str, indent: int) -> list[str]:
    pad = " " * indent
    wrapped = textwrap.wrap(text, WIDTH - indent - 2, break_on_hyphens=False)
    return [f"{pad}# {line}" for line in wrapped]


def _scalar(key: str, raw: Schema, schema: Schema, ctx: _Context, item: str) -> str:
    """A placeholder for one value, valid against its schema."""
    name = definition_name(raw)
    if schema.get("type") == "integer":
        return str(ctx.next_order if key == "order" else schema.get("minimum", 0))
    if schema.get("type") == "boolean":
        return "false"
    if "enum" in schema:  # the choices are in the field's comment; a status is a placeholder
        return (
            PLACEHOLDER_STATUS if PLACEHOLDER_STATUS in schema["enum"] else str(schema["enum"][0])
        )
    if schema.get("format") == "date":
        return PLACEHOLDER_DATE
    if schema.get("format") in ("https-url", "link"):
        return json.dumps(URL_PLACEHOLDER)
    if name == "version":
        return json.dumps(PLACEHOLDER_VERSION)
    if name == "source-ref":
        return ctx.source
    if name == "id":
        return f"{ID_PREFIX}{ctx.file_id}-{item or key}"
    if schema.get("x-markdown") == "block":
        return "|"  # the text follows on the next line
    return json.dumps(LINE_PLACEHOLDER)


def _field(
    key: str,
    raw: Schema,
    base: str,
    ctx: _Context,
    indent: int,
    required: bool,
    item: str = "",
    comment: bool = True,
    where: str = "",
) -> list[str]:
    schema, base = resolve(raw, base)
    where = f"{where}.{key}" if where else key
    pad = " " * indent
    lines: list[str] = []
    if comment:
        description = schema.get("description", "")
        if not required:
            description = f"{description} {OPTIONAL_NOTE}".strip()
        lines += _comment(description, indent)
    kind = schema.get("type")
    if kind == "object" and "properties" in schema:
        lines.append(f"{pad}{key}:")
        lines += _properties(schema, base, ctx, indent + 2, item, where)
    elif kind == "object":  # a mapping keyed by framework id
        lines.append(f"{pad}{key}:")
        for framework in ctx.frameworks:
            lines += _field(
                framework,
                schema["additionalProperties"],
                base,
                ctx,
                indent + 2,
                True,
                item,
                comment=False,
            )
    elif kind == "array":
        items, item_base = resolve(schema["items"], base)
        if items.get("type") != "object":
            lines.append(f"{pad}{key}: []")
        else:
            lines.append(f"{pad}{key}:")
            body = _properties(items, item_base, ctx, indent + 4, _ITEM_NAMES.get(key, key))
            # The first key opens the item ("- "); comments above it align with the dash.
            first = next(i for i, line in enumerate(body) if not line.lstrip().startswith("#"))
            body[:first] = [line[2:] for line in body[:first]]
            body[first] = f"{pad}  - {body[first][indent + 4 :]}"
            lines += body
    else:
        value = ctx.known.get(where) or _scalar(key, raw, schema, ctx, item)
        lines.append(f"{pad}{key}: {value}")
        if value == "|":
            lines.append(f"{pad}  {TEXT_PLACEHOLDER}")
    return lines


def _properties(
    schema: Schema, base: str, ctx: _Context, indent: int, item: str, where: str = ""
) -> list[str]:
    lines: list[str] = []
    required = schema.get("required", [])
    for name, sub in schema["properties"].items():
        lines += _field(name, sub, base, ctx, indent, name in required, item, where=where)
    return lines


def scaffold_text(schema_name: str, ctx: _Context, title: str) -> str:
    schema, base = resolve(load_schema(schema_name), schema_name)
    lines = [
        *_comment(
            f"{title}. Written by scripts/new-{title.split('/')[1][:-1]} from "
            f"macros/schemas/{schema_name}: each comment is that field's description.",
            0,
        ),
        *_comment(
            f"Replace every {TO_REPLACE} with real content. The preview shows this file at once; "
            "make build refuses to publish it until no placeholder is left "
            "(scripts/lint lists them).",
            0,
        ),
    ]
    required = schema.get("required", [])
    for name, sub in schema["properties"].items():
        lines.append("")
        lines += _field(name, sub, base, ctx, 0, name in required)
    return "\n".join(lines) + "\n"


def _write(path: Path, text: str, schema_name: str) -> Path:
    # The scaffold must be valid on its own: a broken scaffold is our bug, not the editor's.
    doc, problems = parse_yaml(text.encode("utf-8"), path.name)
    if doc is not None:
        problems = validate(doc, schema_name).problems
    if errors(problems):  # pragma: no cover - guarded by tests
        raise AssertionError(format_report(problems))
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as out:  # "x": never overwrite, even in a race
        out.write(text)
    return path


def new_dimension(data_dir: Path, dimension_id: str) -> Path:
    """Write data/dimensions/<id>.yml with an entry for every existing framework."""
    path = check_new(data_dir, "dimensions", dimension_id)
    frameworks = tuple(existing_ids(data_dir, "frameworks"))
    if not frameworks:
        raise ScaffoldError(
            "data/frameworks/ has no framework yet: add one with scripts/new-framework first"
        )
    ctx = _Context(
        dimension_id,
        frameworks,
        f"{ID_PREFIX}{dimension_id}-source",
        next_order(orders(data_dir, "dimensions")),
    )
    text = scaffold_text(
        "dimension.schema.json",
        ctx,
        f"data/dimensions/{dimension_id}.yml: one comparison dimension",
    )
    return _write(path, text, "dimension.schema.json")


def new_framework(data_dir: Path, framework_id: str) -> tuple[Path, list[str]]:
    """Write data/frameworks/<id>.yml and add the framework wherever the data must cover it
    (macros.editor.additions); returns the new file and the list of what is left to do.

    What the data holds about the framework already (macros.editor.existing) is
    reused: its name and latest release from data/packages.yml, with their source.
    """
    path = check_new(data_dir, "frameworks", framework_id)
    source = f"{ID_PREFIX}{framework_id}-source"
    if source in additions.source_ids(data_dir):
        raise ScaffoldError(
            f"data/sources.yml already has '{source}': replace or remove it first "
            "(nothing was written)"
        )
    known = existing.find(data_dir, framework_id)
    values = {"name": json.dumps(known.name)} if known.name != framework_id else {}
    if known.release and known.release[2]:
        version, date, release_source = known.release
        values |= {
            "latest_release.version": json.dumps(version),
            "latest_release.date": date,
            "latest_release.source": release_source,
        }
    order = next_order(orders(data_dir, "frameworks"))
    ctx = _Context(framework_id, (), source, order, values)
    text = scaffold_text(
        "framework.schema.json", ctx, f"data/frameworks/{framework_id}.yml: one framework's profile"
    )
    edits = additions.plan(data_dir, framework_id, source)
    _write(path, text, "framework.schema.json")
    additions.apply(edits)
    # Lines as they are now (the placeholder source moved what follows it); the mentions
    # found before, which the new placeholders would otherwise swamp.
    after = existing.find(data_dir, framework_id)
    known = replace(known, sources=after.sources, package_line=after.package_line)
    return path, [*todo.left(framework_id, source, edits), *existing.listed(known)]


def main(kind: str, argv: list[str] | None = None) -> int:
    """scripts/new-dimension and scripts/new-framework (``kind``: their folder)."""
    what = kind[:-1]
    parser = argparse.ArgumentParser(
        prog=f"scripts/new-{what}",
        description=f"Create data/{kind}/ID.yml with every field, each under a comment "
        "saying what goes there, and placeholders to replace.",
    )
    parser.add_argument(
        "id",
        help="the new file's id (its name): lower-case letters, digits "
        "and single hyphens, e.g. 'real-time'",
    )
    parser.add_argument("--data", type=Path, default=None, help="the data folder")
    args = parser.parse_args(argv)
    args.data = args.data or project_root() / "data"
    try:
        left: list[str] = []
        if kind == "dimensions":
            path = new_dimension(args.data, args.id)
        else:
            path, left = new_framework(args.data, args.id)
    except ScaffoldError as exc:
        print(f"scripts/new-{what}: {exc}", file=sys.stderr)
        return 1
    shown = display_path(path, args.data.parent)
    print(f"Created {shown}. Replace every {TO_REPLACE}; scripts/lint lists what is left.")
    if left:
        print("What is left to do:")
        for number, step in enumerate(left, 1):
            print(f"  {number}. {step}")
        print(
            "scripts/validate lists every placeholder left with its file:line; make build "
            'refuses to publish while one is left. EDITING.md, "Checklist: a new framework", '
            "has the whole list."
        )
    return 0
