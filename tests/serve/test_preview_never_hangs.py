"""A broken save never hangs the preview.

MkDocs' live server holds every request while a rebuild fails, so one bad save
would freeze the editor's browser tab. Each save below is broken in another
way (half-written, wrong encoding, empty, deleted, too large, tabs, an unknown
file); every request must still answer within REQUEST_TIMEOUT seconds, with
the error page naming the file, and the fixed data must be served again.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from macros.scaffold import new_dimension
from tests.harness.site import FIXTURES, mkdocs_serve
from tests.serve.conftest import Preview

pytestmark = pytest.mark.slow

# A rule of thumb on the home page (tests/fixtures/minimal/data/site.yml).
ARTICLE_TEXT = "A micro-framework keeps it short."
DIMENSION = "data/dimensions/architecture.yml"


def _write(relative: str, data: bytes) -> Callable[[Path], None]:
    def save(project: Path) -> None:
        (project / relative).write_bytes(data)

    return save


def _truncate(relative: str, keep: int) -> Callable[[Path], None]:
    def save(project: Path) -> None:
        path = project / relative
        path.write_bytes(path.read_bytes()[:keep])

    return save


def _delete(relative: str) -> Callable[[Path], None]:
    def save(project: Path) -> None:
        (project / relative).unlink()

    return save


# (what the save does, a text the error page must then show)
BROKEN_SAVES = [
    (_truncate(DIMENSION, 60), "missing required key 'last_reviewed'"),
    (_truncate(DIMENSION, 110), "missing required key 'frameworks'"),
    (_write(DIMENSION, b"title: Caf\xe9\n"), "the file is not valid UTF-8 (byte 0xe9)"),
    (_write(DIMENSION, b""), "the file is empty"),
    (_write(DIMENSION, b"title: x\n\torder: 10\n"), "a tab character"),
    (_write(DIMENSION, b"# x\n" * 70_000), "the file is too large"),
    (_delete("data/site.yml"), "data/site.yml"),
    (_write("data/notes.yml", b"a: 1\n"), "the site does not know this data file"),
]


def test_broken_saves_never_hang_and_the_fix_is_served(preview: Preview) -> None:
    originals = {path: path.read_bytes() for path in (preview.project / "data").rglob("*.yml")}
    assert ARTICLE_TEXT in preview.get()
    for save, shown in BROKEN_SAVES:
        save(preview.project)
        preview.wait_for(lambda page, shown=shown: shown in page and "The data has" in page)
        # Every generated page answers too, not just the one being watched.
        for other in ("comparison/", "faq/"):
            assert shown in preview.text(other)
    (preview.project / "data/notes.yml").unlink()
    for path, data in originals.items():
        path.write_bytes(data)
    preview.wait_for(lambda page: ARTICLE_TEXT in page)


@pytest.fixture
def strict_preview(tmp_path: Path) -> Iterator[Preview]:
    """The preview of a project whose mkdocs.yml says `strict: true`, as the real one does."""
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", project)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text() + "strict: true\n")
    with mkdocs_serve(config, tmp_path / "serve.log") as url:
        yield Preview(url, project, tmp_path / "serve.log")


def test_warnings_never_stop_a_strict_preview(strict_preview: Preview) -> None:
    """Regression: with `strict: true`, MkDocs aborted the rebuild on the first warning
    (a scaffold's placeholder, a broken anchor) and the live server hung."""
    preview = strict_preview
    data = preview.project / "data"
    assert new_dimension(data, "caching").name == "caching.yml"
    preview.wait_for(lambda page: "TODO: fill in" in page)  # its verdicts, on the home page
    site = data / "site.yml"
    site.write_text(site.read_text().replace("url: /comparison.md", "url: /comparison.md#nowhere"))
    # A broken anchor is an error of the data now (issue 14), shown at its data file: the
    # preview answers with the error page instead of hanging.
    preview.wait_for(lambda page: "points to '#nowhere', which is not on /comparison.md" in page)
    log = preview.log.read_text()
    assert "placeholder text 'TODO: fill in'" in log
    assert "Aborted" not in log
