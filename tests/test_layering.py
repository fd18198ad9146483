"""The package's layers: who imports whom, no cycles, MkDocs only in the plugin.

Read from the bottom up, the layers follow one file's data from data/ to site/:
problems and messages, then data (read, validate, model), then what uses the
model (the preview's error page, rendering, the lint, publishing), then the
command line, and on top the MkDocs plugin. A module may import its own layer
or lower ones, never a higher one.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.harness.site import ROOT

PACKAGE = ROOT / "macros"

# Lowest first. The first matching prefix gives a module's layer.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("macros.problems", "macros.messages", "macros.paths", "macros.sealed_cache"),
    ("macros.safety",),  # framework-free safety checks (issue 11): stdlib only
    ("macros.data",),
    ("macros.preview",),
    ("macros.render",),
    # The one check pipeline (macros.pipeline) runs the lint's checks, and the lint's
    # command line, the stage and the editor schemas call it: one layer, no cycle.
    (
        "macros.lint",
        "macros.publish",
        "macros.freshness",
        "macros.editor",
        "macros.project",
        "macros.pipeline",
        "macros.check_cache",  # the pipeline's whole result, kept between runs
    ),
    ("macros.scaffold", "macros.cli"),
    ("macros.mkdocs_plugin",),
)


def module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer(module: str) -> int:
    for index, prefixes in enumerate(LAYERS):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return index
    if module == "macros":
        return 0
    raise AssertionError(f"{module} is in no layer: add it to LAYERS in {__file__}")


def imports(path: Path, root: Path) -> Iterator[tuple[int, str]]:
    """(line, imported module) of every import in the file, in functions too."""
    name = module_name(path, root)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            # `from macros.render import jsonld` imports the module macros.render.jsonld
            submodules = [f"{base}.{a.name}" for a in node.names]
            submodules = [m for m in submodules if _is_module(root, m)]
            yield from ((node.lineno, m) for m in submodules or [base])


def graph(root: Path) -> dict[str, set[str]]:
    """Module -> the package's modules it imports."""
    files = {module_name(p, root): p for p in sorted(root.rglob("*.py"))}
    edges: dict[str, set[str]] = {}
    for name, path in files.items():
        edges[name] = {
            target for _, target in imports(path, root) if target in files and target != name
        }
    return edges


def layering_problems(root: Path) -> list[str]:
    problems = []
    for path in sorted(root.rglob("*.py")):
        name = module_name(path, root)
        for line, target in imports(path, root):
            where = f"{path.relative_to(root.parent)}:{line}"
            if target.split(".")[0] == "mkdocs" and not name.startswith("macros.mkdocs_plugin"):
                problems.append(f"{where}: imports {target}; only macros.mkdocs_plugin may")
            if _is_module(root, target) and layer(target) > layer(name):
                problems.append(f"{where}: {name} (a lower layer) imports {target}")
    return problems


def _is_module(root: Path, dotted: str) -> bool:
    if not dotted.startswith(f"{root.name}."):
        return False
    relative = Path(*dotted.split(".")[1:])
    return (root / relative).with_suffix(".py").is_file() or (root / relative).is_dir()


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Import cycles, each as the modules on it (Tarjan's strongly connected components)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(edges.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_lower_layers_never_import_higher_ones_and_only_the_plugin_imports_mkdocs() -> None:
    assert layering_problems(PACKAGE) == []


def test_the_package_has_no_import_cycles() -> None:
    assert cycles(graph(PACKAGE)) == []


# The checks themselves must be able to fail: a throw-away package that breaks each rule.
@pytest.fixture
def broken(tmp_path: Path) -> Path:
    root = tmp_path / "macros"
    for folder in ("data", "render", "mkdocs_plugin"):
        (root / folder).mkdir(parents=True)
        (root / folder / "__init__.py").write_text("")
    (root / "__init__.py").write_text("")
    (root / "data" / "loader.py").write_text(
        "from macros.render import pages\nimport mkdocs.plugins\n"
    )
    (root / "render" / "pages.py").write_text("from macros.data.loader import x\n")
    (root / "mkdocs_plugin" / "plugin.py").write_text("import mkdocs\n")
    return root


def test_the_layering_checks_catch_each_kind_of_violation(broken: Path) -> None:
    assert layering_problems(broken) == [
        "macros/data/loader.py:1: macros.data.loader (a lower layer) imports macros.render.pages",
        "macros/data/loader.py:2: imports mkdocs.plugins; only macros.mkdocs_plugin may",
    ]
    assert cycles(graph(broken)) == [["macros.data.loader", "macros.render.pages"]]
