"""Issue 24: a fourth framework in one sitting, and a green build means green content tests.

A copy of the project gets a framework from the scaffold (in-process), which
finds what the data already holds about it; every placeholder is then filled
as EDITING.md's "Checklist: a new framework" says. At every step the build's
verdict (`scripts/validate`, which refuses what `make build` refuses) and the
content tests' (tests.content.rules, the checks they call) agree, and a
leftover placeholder of any kind fails at its file:line.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from macros.cli import validate_main
from macros.scaffold import new_framework
from tests.content.rules import content_problems, forget
from tests.harness.site import ROOT, mkdocs_build

FW = "zz-test-framework"  # an id no real framework will take
NAME = "ZZ Test Framework"
CITE = f"[^{FW}-docs]"
# What the data may hold about a framework before it is added (Litestar had all three).
PACKAGE = f"""
{FW}:
  name: {NAME}
  version: "1.2.0"
  released: 2026-10-01
  status: named
  source: {FW}-pypi
  checked: 2026-11-30
"""
SOURCE = f"""
{FW}-pypi:
  title: "{FW} 1.2.0"
  url: https://pypi.org/project/{FW}/1.2.0/
  publisher: Python Package Index
  published: 2026-10-01
  checked: 2026-11-30
  supports: "{NAME}: a small typed web framework; 1.2.0 uploaded 2026-10-01."
"""
TEXT = (
    f"{NAME} maps each route to a typed function and validates what comes in against the "
    "types it declares, so a request that does not fit is refused before the function "
    "runs. It ships no database layer, no admin and no user accounts: projects add the "
    "packages they prefer for each, and the documentation shows the common ones. Its "
    "plugins hook into startup and shutdown, and its test client calls the application "
    "without a server, which keeps tests quick and simple. Where it stops is where most "
    "small frameworks stop: background work, caching and deployment are left to other "
    "tools, chosen and configured by the team that runs the service in production every "
    f"day{CITE}."
)


# The one-line fields of the profile and the source, as the editor writes them.
LINES = {
    "tagline": f'"Typed routes on a small core{CITE}."',
    "licence": "MIT",
    "governance": f'"A community project with a small core team{CITE}."',
    "python": f'"Any CPython release its maintainers support{CITE}."',
    "title": f'"{NAME} documentation"',
    "publisher": f'"{NAME} maintainers"',
    "supports": '"Routes are typed functions; plugins hook into startup and shutdown."',
}


def fill(data: Path) -> None:
    """Every placeholder the scaffold wrote, filled in place as EDITING.md says."""
    for path in data.rglob("*.yml"):
        text = path.read_text(encoding="utf-8")
        before = text
        text = text.replace(f"todo-{FW}-source", f"{FW}-docs")  # renamed in place
        text = re.sub(r"(\n +[\w-]+: )todo(  # 0 \(no help\))", r"\g<1>1\2", text)  # weights
        text = re.sub(r"(\n +[\w-]+: )todo(  # built-in)", r"\1third-party\2", text)  # status
        text = re.sub(
            rf'verdict: "TODO: one line on {FW}[^"\n]*"',
            f'verdict: "Typed routes on a small core; the rest comes from packages{CITE}."',
            text,
        )
        text = re.sub(
            rf"( +)TODO: what {FW} offers[^\n]*\n +stops, each fact[^\n]*\n",
            lambda m: m.group(1) + TEXT + "\n",
            text,
        )
        text = text.replace(f"TODO: {FW}'s cell for this row", "Provided by a third-party package")
        text = text.replace(
            f"TODO: why {FW} scores as it does; then set its weight",
            f"Its plugins cover part of it{CITE}.",
        )
        text = text.replace(f"TODO: a situation that favours {FW}", "A typed API on a small core")
        if path.name in (f"{FW}.yml", "sources.yml"):
            text = text.replace("TODO: write this text.", f"A small typed web framework{CITE}.")
            text = re.sub(r'(\w+): "TODO: fill in"', lambda m: f"{m[1]}: {LINES[m[1]]}", text)
            text = text.replace("https://example.org/TODO:", f"https://{FW}.example/docs/")
            text = text.replace('"0.0.0"', '"1.0.0"').replace("1970-01-01", "2026-11-30")
        if text != before:
            path.write_text(text, encoding="utf-8")
    forget(data)


def build_refuses(data: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    """What `scripts/validate` (the build's verdict, in-process) prints; [] when it passes."""
    code = validate_main(["--data", str(data)])
    out = capsys.readouterr().out
    assert (code == 0) == out.splitlines()[-1].startswith("OK: "), out
    return [] if code == 0 else out.splitlines()


@pytest.fixture(scope="module")
def scaffolded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    project = tmp_path_factory.mktemp("project")
    shutil.copytree(ROOT / "data", project / "data")
    for folder in ("content", "overrides"):  # what mkdocs.yml reads besides data/
        shutil.copytree(ROOT / folder, project / folder)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    data = project / "data"
    with (data / "packages.yml").open("a", encoding="utf-8") as out:
        out.write(PACKAGE)
    with (data / "sources.yml").open("a", encoding="utf-8") as out:
        out.write(SOURCE)  # 'zz' sorts last: still in order
    _, left = new_framework(data, FW)
    return data, left


def copy_of(data: Path, tmp_path: Path) -> Path:
    shutil.copytree(data.parent, tmp_path / "p", ignore=shutil.ignore_patterns(".cache"))
    return tmp_path / "p" / "data"


def test_the_scaffold_reuses_and_lists_what_the_data_holds(
    scaffolded: tuple[Path, list[str]],
) -> None:
    data, left = scaffolded
    profile = (data / f"frameworks/{FW}.yml").read_text(encoding="utf-8")
    assert f'name: "{NAME}"' in profile
    assert '  version: "1.2.0"\n  # ' in profile or '  version: "1.2.0"\n' in profile
    assert "  date: 2026-10-01\n" in profile and f"  source: {FW}-pypi\n" in profile
    packages = (data / "packages.yml").read_text(encoding="utf-8").splitlines()
    sources = (data / "sources.yml").read_text(encoding="utf-8").splitlines()
    assert f"data/packages.yml:{packages.index(f'{FW}:') + 1}: {NAME} is there already" in (
        "\n".join(left)
    )
    assert f"data/sources.yml:{sources.index(f'{FW}-pypi:') + 1}: {FW}-pypi" in "\n".join(left)
    # The placeholder source sits where a source named after the framework sorts.
    assert sources.index(f"todo-{FW}-source:") < sources.index(f"{FW}-pypi:")


def test_a_scaffolded_framework_fails_the_build_and_the_content_tests_alike(
    scaffolded: tuple[Path, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    data, _ = scaffolded
    refused = build_refuses(data, capsys)
    problems = content_problems(data)
    assert refused and problems
    # Every placeholder the build refuses is a content-test failure, at the same file:line.
    warnings = {line.strip() for line in refused if ": warning: " in line and "placeholder" in line}
    assert warnings == {p for p in problems if ": warning: " in p}
    kinds = {re.sub(r" '.*", "", w.split(": ", 3)[-1]) for w in warnings}
    assert kinds == {
        "placeholder text",
        "placeholder id",
        "placeholder value",
        "placeholder status",
        "placeholder weight",
    }


def test_filled_in_as_editing_md_says_the_build_and_the_content_tests_pass(
    scaffolded: tuple[Path, list[str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = copy_of(scaffolded[0], tmp_path)
    fill(data)
    assert content_problems(data) == []
    assert build_refuses(data, capsys) == []
    # Filling the placeholder source in place left the sources in order.
    assert content_problems(data, "ordering") == []
    assert "not in alphabetical order" not in "\n".join(content_problems(data, "ordering"))


LEFTOVERS = {
    # kind: (file, what the editor left as the scaffold wrote it, the message)
    "text": ("dimensions/security.yml", "verdict", "placeholder text 'TODO:"),
    "cell": ("dimensions/security.yml", "cell", "placeholder text 'TODO:"),
    "status": ("dimensions/security.yml", "status", "placeholder status 'todo'"),
    "weight": ("decision.yml", "weight", "placeholder weight 'todo'"),
    "version": (f"frameworks/{FW}.yml", "version", "placeholder value '0.0.0'"),
    "date": ("sources.yml", "date", "placeholder value '1970-01-01'"),
    "id": (f"frameworks/{FW}.yml", "id", f"placeholder id 'todo-{FW}-source'"),
    "short text": ("dimensions/security.yml", "short", "text has 6 words"),
    "broken link": ("dimensions/security.yml", "link", "points to a page that does not exist"),
    "figure not in its source": ("dimensions/security.yml", "figure", "'2019' is in no source"),
}


def leave(path: Path, what: str) -> int:
    """Put one placeholder (or content mistake) back; the line it is on."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = {
        "verdict": lambda line: line.startswith(f"  {FW}:"),
        "link": lambda line: line.startswith(f"  {FW}:"),
        "cell": lambda line: "Provided by a third-party package" in line,
        "status": lambda line: line.strip().startswith(f"{FW}: third-party  #"),
        "weight": lambda line: line.strip().startswith(f"{FW}: 1  #"),
        "version": lambda line: '"1.0.0"' in line,
        "date": lambda line: line == f"{FW}-docs:\n",
        "id": lambda line: line.strip() == f"source: {FW}-docs",
        "short": lambda line: line.startswith(f"  {FW}:"),
        "figure": lambda line: line.startswith(f"  {FW}:"),
    }[what]
    index = next(i for i, line in enumerate(lines) if at(line))
    line = lines[index]
    if what in ("verdict", "link", "short", "figure", "date"):
        index += {"verdict": 1, "link": 1, "date": 4}.get(what, 3)  # verdict, text, checked
        line = lines[index]
    new = {
        "verdict": re.sub(r'verdict: ".*"', 'verdict: "TODO: one line"', line),
        "link": '    verdict: "Typed routes; see [its docs](/nowhere.md)."\n',
        "cell": line.replace("Provided by a third-party package", "TODO: the cell"),
        "status": line.replace("third-party", "todo", 1),
        "weight": line.replace(": 1  #", ": todo  #"),
        "version": line.replace('"1.0.0"', '"0.0.0"'),
        "date": line.replace("2026-11-30", "1970-01-01"),
        "id": line.replace(f"{FW}-docs", f"todo-{FW}-source"),
        "short": "      Six words are not a text.\n",
        "figure": line.rstrip("\n") + " It has grown since 2019.\n",
    }[what]
    if what == "short":  # the whole text, not only its first line
        end = next(i for i in range(index, len(lines)) if not lines[i].startswith("      "))
        lines[index:end] = [new]
    else:
        lines[index] = new
    path.write_text("".join(lines), encoding="utf-8")
    return index if what == "short" else index + 1  # a short text is reported at its key


@pytest.mark.parametrize("kind", LEFTOVERS)
def test_a_leftover_placeholder_or_a_broken_rule_fails_both_at_file_and_line(
    scaffolded: tuple[Path, list[str]],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    kind: str,
) -> None:
    data = copy_of(scaffolded[0], tmp_path)
    fill(data)
    name, what, message = LEFTOVERS[kind]
    line = leave(data / name, what)
    forget(data)
    problems = content_problems(data)
    refused = build_refuses(data, capsys)
    assert [p for p in problems if message in p], problems
    assert all(p.startswith(f"data/{name}:{line}:") for p in problems if message in p), problems
    assert any(f"data/{name}:{line}:" in r and message in r for r in refused), refused


@pytest.mark.slow
def test_one_strict_mkdocs_build_of_the_filled_project_passes(
    scaffolded: tuple[Path, list[str]], tmp_path: Path
) -> None:
    """The claim, once through MkDocs itself: filled in, the site builds strictly."""
    data = copy_of(scaffolded[0], tmp_path)
    fill(data)
    result = mkdocs_build(data.parent / "mkdocs.yml", tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    page = (tmp_path / "site" / "compare" / f"flask-vs-{FW}" / "index.html").read_text()
    assert "Typed routes on a small core" in page
