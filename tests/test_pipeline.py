"""One check pipeline (macros.pipeline): every entry point reports the same problems, in
the same words (issue 22).

Each case breaks a copy of tests/fixtures/minimal and runs it through
check_project, then through validate, lint, stage and editor-schemas (in-process,
through the one command line), the plugin's build and preview (in-process, its
config event) and one real `comparison build` (a child process). A hostile text
is refused by the data checks (stage 1); a broken link in data text only by the
site checks on the rendered pages (stage 2), which `comparison stage` once skipped
and staged without a word.
"""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from macros.cli import main
from macros.pipeline import check_project
from macros.project import project_from_config
from tests.harness.site import FIXTURES, run_script

FILE = "data/dimensions/architecture.yml"
CASES = {
    # A javascript: link in a data text (refused by the text rules, before rendering).
    "hostile": ("      Alpha gives you a small core.", "[click](javascript:alert(1))"),
    # Raw HTML in a data text.
    "script": ("      Alpha gives you a small core.", "<script>alert(1)</script>"),
    # A link to a page that does not exist (found only on the rendered pages).
    "broken-link": ("      Beta gives you everything.", "See [the FAQ](/nowhere.md)."),
    # A placeholder: a warning that a strict build refuses, so the stage must refuse it too.
    "placeholder": ("      Beta gives you everything.", "TODO: say more."),
}


def broken_project(tmp_path: Path, case: str) -> Path:
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", root)
    line, added = CASES[case]
    path = root / FILE
    text = path.read_text(encoding="utf-8")
    assert line in text
    path.write_text(text.replace(line, f"{line} {added}", 1), encoding="utf-8")
    return root


def problem_lines(output: str) -> list[str]:
    """The problem lines of a report (indented by two spaces), in order."""
    return [line.strip() for line in output.splitlines() if line.startswith("  ")]


def refused_lines(root: Path) -> tuple[list[str], list[str]]:
    """(every problem, what a strict build refuses) as check_project words them."""
    report = check_project(project_from_config(root / "mkdocs.yml"))
    return [str(p) for p in report.problems], [str(p) for p in report.refused]


def plugin_event(root: Path, command: str, caplog: pytest.LogCaptureFixture) -> str:
    """The plugin's config event (where it checks the data) as `mkdocs build` or `serve`
    runs it: the build's error, or the preview's logged report."""
    config = load_config(str(root / "mkdocs.yml"))
    plugin = config.plugins["comparison"]
    plugin.config["fast_preview"] = False  # no process-wide patches of MkDocs in a test
    plugin.on_startup(command=command, dirty=False)  # type: ignore[attr-defined]
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.comparison"):
        try:
            plugin.on_config(config)
        except PluginError as exc:
            return str(exc)
        finally:  # MkDocs keeps this instance for later configs: leave it as a build's
            plugin.on_startup(command="build", dirty=False)  # type: ignore[attr-defined]
    assert command == "serve", "the build went ahead with errors"
    return "\n".join(r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR)


@pytest.mark.parametrize("case", ["hostile", "script", "broken-link"])
def test_every_entry_point_reports_the_same_problems(
    case: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    root = broken_project(tmp_path, case)
    assert_every_entry_point_agrees(root, FILE, tmp_path, capsys, caplog)


# Hand-written pages under content/ (issue 21, part 2): refused by the data checks too.
PAGES = {
    "page-script": ("content/guide.md", "# Guide\n\n<script>alert(1)</script>\n"),
    "page-front-matter": (
        "content/guide.md",
        "---\ntitle: '<img src=x onerror=alert(1)>'\n---\n\n# Guide\n",
    ),
    "page-type": ("content/guide.htm", "<p>x</p>\n"),  # a type content/ may not hold
}


@pytest.mark.parametrize("case", sorted(PAGES))
def test_every_entry_point_refuses_a_hostile_page_in_the_same_words(
    case: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", root)
    page, text = PAGES[case]
    (root / page).write_text(text, encoding="utf-8")
    assert_every_entry_point_agrees(root, page, tmp_path, capsys, caplog)


def assert_every_entry_point_agrees(
    root: Path,
    file: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    every, refused = refused_lines(root)
    assert refused and all(line.startswith(file) for line in refused), every
    errors = [line for line in refused if ": warning: " not in line]
    assert errors == refused  # these cases are errors

    assert main(["validate", "--data", str(root / "data")]) == 1
    assert problem_lines(capsys.readouterr().out) == every

    assert main(["lint", "--data", str(root / "data")]) == 1
    assert sorted(problem_lines(capsys.readouterr().out)) == sorted(every)

    assert main(["stage", str(tmp_path / "stage"), "--config", str(root / "mkdocs.yml")]) == 1
    assert problem_lines(capsys.readouterr().err) == refused
    assert not (tmp_path / "stage").exists()

    assert problem_lines(plugin_event(root, "build", caplog)) == errors
    assert problem_lines(plugin_event(root, "serve", caplog)) == errors

    # The editor's schemas still get the ids of the files as read.
    assert main(["editor-schemas", "--root", str(root)]) == 0
    schemas = root / ".cache" / "editor-schemas"
    dimension = json.loads((schemas / "dimension.schema.json").read_text(encoding="utf-8"))
    assert dimension["properties"]["frameworks"]["properties"].keys() == {"alpha", "beta"}


@pytest.mark.parametrize("case", ["broken-link", "placeholder"])
def test_comparison_stage_refuses_what_comparison_build_refuses(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = broken_project(tmp_path, case)
    _, refused = refused_lines(root)
    assert refused
    built = run_script("build", "--config", str(root / "mkdocs.yml"))
    assert built.returncode != 0 and not (root / "site").exists()
    for line in refused:  # MkDocs logs each warning as a line of its own, with its prefix
        assert line in built.stderr, built.stderr
    assert main(["stage", str(tmp_path / "stage"), "--config", str(root / "mkdocs.yml")]) == 1
    assert problem_lines(capsys.readouterr().err) == refused
    assert not (tmp_path / "stage").exists()
