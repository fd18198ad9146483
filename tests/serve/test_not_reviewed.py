"""A framework under a dimension's `unknown:` is work in progress, like a placeholder.

Regression (FastAPI's addition): a framework listed under `unknown:` shipped as
"Not reviewed yet" on the published site and the build passed. Now the preview
shows it (with a banner on the pages concerned), while scripts/validate and
strict builds refuse it, naming the `unknown:` entry, the framework and the topic.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from macros.data.loader import load_dataset
from tests.harness.site import FIXTURES, mkdocs_build, mkdocs_serve, run_script
from tests.serve.conftest import Preview

NOT_REVIEWED = (
    "data/dimensions/architecture.yml:11:11: warning: unknown[0]: framework 'beta' is not "
    "reviewed yet for the topic 'Architecture' (under frameworks, write 'beta:' with its "
    "verdict and text, give it a value in each table row and a status where the row has "
    "them, then remove it from 'unknown:'; a strict build refuses to publish a framework "
    "not reviewed)"
)
BETA = "  beta:\n    verdict: Full-stack.\n    text: |\n      Beta gives you everything.\n"


def leave_beta_unreviewed(project: Path) -> None:
    """architecture.yml as an editor leaves it before reviewing beta."""
    path = project / "data/dimensions/architecture.yml"
    text = path.read_text(encoding="utf-8")
    for old, new in (
        (BETA, ""),
        ("      beta: Full-stack\n", ""),
        ("      beta: built-in\n", ""),
        ("table:", "unknown: [beta]\ntable:"),
    ):
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "minimal", tmp_path / "project")
    leave_beta_unreviewed(tmp_path / "project")
    return tmp_path / "project"


def test_it_is_a_warning_at_the_unknown_entry(project: Path) -> None:
    dataset, problems = load_dataset(project / "data", project)
    assert dataset is not None  # the preview shows the site
    assert [str(p) for p in problems] == [NOT_REVIEWED]


def test_validate_refuses_it(project: Path) -> None:
    result = run_script("validate", "--data", str(project / "data"))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "data/dimensions/architecture.yml (1 warning)",
        f"  {NOT_REVIEWED}",
        "Found 1 warning in 1 file.",
        "The preview shows the site, but it cannot be published until these warnings are "
        "resolved (make build refuses them).",
    ]


@pytest.mark.slow
def test_a_strict_build_refuses_it_and_a_preview_build_shows_it(
    project: Path, tmp_path: Path
) -> None:
    strict = mkdocs_build(project / "mkdocs.yml", tmp_path / "strict")
    assert strict.returncode == 1
    assert f"WARNING -  comparison: {NOT_REVIEWED}" in strict.stderr
    assert "Aborted with 1 warnings in strict mode!" in strict.stdout + strict.stderr

    preview = mkdocs_build(project / "mkdocs.yml", tmp_path / "preview", strict=False)
    assert preview.returncode == 0, preview.stderr
    topic = (tmp_path / "preview/architecture/index.html").read_text(encoding="utf-8")
    assert "This dimension has not been reviewed for Beta yet." in topic


@pytest.mark.slow
def test_the_preview_shows_a_banner_on_the_topic(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", project)
    with mkdocs_serve(project / "mkdocs.yml", tmp_path / "serve.log") as url:
        preview = Preview(url, project, tmp_path / "serve.log")
        preview.wait_for(lambda page: "Beta gives you everything." in page, "architecture/")
        leave_beta_unreviewed(project)
        message = NOT_REVIEWED.split(": warning: ", 1)[1].replace("unknown[0]: ", "")
        text = preview.wait_for(lambda page: message in page, "architecture/")
        assert "This dimension has not been reviewed for Beta yet." in text  # still shown
        for path in ("architecture/", "comparison/"):  # the pages the dimension feeds
            html = preview.get(path)
            assert html.count('class="warning data-warnings"') == 1, path
            assert "data/dimensions/architecture.yml:11:11" in html, path
