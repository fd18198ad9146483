"""The check pipeline's whole result is kept between runs (macros.check_cache, issue 22).

A stale hit would be a wrong build: each test changes one kind of input of a
stored result (a data file, a new data file, a content page, a template,
today's date, mkdocs.yml's Markdown settings, a file read from elsewhere) and
asserts that the next run checks again and reports the change. A run that
finds its result stored runs no check at all (the spy below counts the runs).
"""

from __future__ import annotations

import datetime as dt
import pickle
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from macros import check_cache, pipeline, sealed_cache
from macros.pipeline import Report, check_project
from macros.project import Project, project_from_config
from tests.harness.site import FIXTURES, mkdocs_build

ARCHITECTURE = "data/dimensions/architecture.yml"
LINE = "      Beta gives you everything."


@pytest.fixture(autouse=True)
def own_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    key = tmp_path / "home-cache" / "cache-key"
    monkeypatch.setenv(sealed_cache.KEY_VARIABLE, str(key))
    return key


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", root, ignore=shutil.ignore_patterns(".cache"))
    return root


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> list[Project]:
    """The projects the checks really ran on (not given back from the cache)."""
    ran: list[Project] = []
    real = pipeline.run_checks_now

    def spy(project: Project, *args: object) -> Report:
        ran.append(project)
        return real(project, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "run_checks_now", spy)
    return ran


def check(root: Path, **settings: object) -> Report:
    return check_project(project_from_config(root / "mkdocs.yml", **settings))  # type: ignore[arg-type]


def shown(report: Report) -> tuple[list[str], list[tuple[str, str]]]:
    """What a caller sees: every problem, and every page with its Markdown."""
    return [str(p) for p in report.problems], [(p.src_uri, p.markdown) for p in report.pages]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_unchanged_project_is_given_back_without_running_the_checks(
    root: Path, runs: list[Project]
) -> None:
    first = check(root)
    assert len(runs) == 1 and first.pages
    again = check(root)
    assert len(runs) == 1  # a hit
    assert shown(again) == shown(first)
    assert again.dataset == first.dataset
    assert again.data_problems == first.data_problems
    # The details (the files as read, each check's result) come back too, when asked for.
    assert [f.path for f in again.files] == [f.path for f in first.files]
    assert [f.data for f in again.files] == [f.data for f in first.files]
    assert [(r.check.name, r.problems) for r in again.results] == [
        (r.check.name, r.problems) for r in first.results
    ]
    assert again.context.pages == list(again.pages)
    assert again.context.dataset == first.context.dataset
    assert len(runs) == 1


def test_a_project_with_errors_is_kept_too(root: Path, runs: list[Project]) -> None:
    edit(root / ARCHITECTURE, LINE, f"{LINE} See [the FAQ](/nowhere.md).")
    first = check(root)
    assert first.errors and first.dataset is None and first.pages  # a broken link: stage 2
    again = check(root)
    assert len(runs) == 1
    assert shown(again) == shown(first)
    assert again.context.dataset is not None  # the site checks saw the data
    assert again.context.dataset == first.context.dataset


CHANGES: dict[str, Callable[[Path], None]] = {
    "data-file": lambda root: edit(root / ARCHITECTURE, LINE, f"{LINE} TODO: say more."),
    "new-data-file": lambda root: shutil.copy(
        root / "data/frameworks/beta.yml", root / "data/frameworks/gamma.yml"
    ),
    "removed-data-file": lambda root: (root / "data/dimensions/templates.yml").unlink(),
    "content-page": lambda root: edit(
        root / "content/templates-guide.md", "\n", "\n<script>alert(1)</script>\n"
    ),
    "new-content-page": lambda root: (root / "content/more.md").write_text(
        "# More\n\n<b>raw</b>\n", encoding="utf-8"
    ),
}


@pytest.mark.parametrize("change", CHANGES)
def test_a_changed_input_file_is_checked_again(
    root: Path, runs: list[Project], change: str
) -> None:
    before = shown(check(root))
    CHANGES[change](root)
    after = shown(check(root))
    assert len(runs) == 2
    assert after != before
    check(root)
    assert len(runs) == 2  # and the new result is kept in its turn


def test_a_template_of_the_project_is_part_of_the_key(root: Path, runs: list[Project]) -> None:
    edit(root / "mkdocs.yml", "  - comparison\n", "  - comparison:\n      template_dirs: [mine]\n")
    (root / "mine").mkdir()
    before = check(root)
    assert len(runs) == 1
    faq = (check_cache.PACKAGE / "templates" / "faq.md.j2").read_text(encoding="utf-8")
    (root / "mine" / "faq.md.j2").write_text(faq + "\nA line of our own.\n", encoding="utf-8")
    after = check(root)
    assert len(runs) == 2
    assert "A line of our own." in next(p.markdown for p in after.pages if p.src_uri == "faq.md")
    assert shown(after) != shown(before)


def test_the_date_is_part_of_the_key(
    root: Path, runs: list[Project], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = check(root, today=dt.date(2026, 12, 7))
    check(root, today=dt.date(2026, 12, 7))
    assert len(runs) == 1
    later = check(root, today=dt.date(2031, 1, 1))  # every review is old by then
    assert len(runs) == 2
    assert shown(later) != shown(first)

    class Tomorrow(dt.date):
        @classmethod
        def today(cls) -> Tomorrow:
            return cls(2099, 1, 1)

    check(root)
    monkeypatch.setattr(check_cache.dt, "date", Tomorrow)  # a build run the next day
    check(root)
    assert len(runs) == 4


def test_the_markdown_settings_are_part_of_the_key(root: Path, runs: list[Project]) -> None:
    check(root)
    edit(root / "mkdocs.yml", "  - footnotes\n", "")
    check(root)
    assert len(runs) == 2


def test_another_file_the_run_read_is_part_of_the_key(root: Path, tmp_path: Path) -> None:
    project = project_from_config(root / "mkdocs.yml")
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("one", encoding="utf-8")
    with check_cache.recording() as opened:
        elsewhere.read_text(encoding="utf-8")
        (root / ARCHITECTURE).read_bytes()  # covered by the key already
        (tmp_path / "written.txt").write_text("out", encoding="utf-8")  # not an input
    assert str(elsewhere) in opened
    assert str(tmp_path / "written.txt") not in opened
    assert check_cache.extra_files(project, opened) == {str(elsewhere.resolve())}
    found = check_cache.key(project)
    assert check_cache.store(project, found, opened, "core", "details")
    assert check_cache.load(project, found) == pickle.dumps("core", check_cache.PROTOCOL)
    elsewhere.write_text("two", encoding="utf-8")
    assert check_cache.load(project, found) is None
    elsewhere.unlink()
    assert check_cache.load(project, found) is None


def test_a_file_the_run_looked_for_and_did_not_find_is_part_of_the_key(
    root: Path, tmp_path: Path
) -> None:
    """An optional file (a setting, a snippet) that appears later changes the result."""
    project = project_from_config(root / "mkdocs.yml")
    optional = tmp_path / "optional.yml"
    with check_cache.recording() as opened, pytest.raises(FileNotFoundError):
        optional.read_text(encoding="utf-8")
    assert check_cache.extra_files(project, opened) == {str(optional.resolve())}
    found = check_cache.key(project)
    assert check_cache.store(project, found, opened, "core", "details")
    assert check_cache.load(project, found) == pickle.dumps("core", check_cache.PROTOCOL)
    optional.write_text("", encoding="utf-8")  # even empty: it is there now
    assert check_cache.load(project, found) is None


def test_a_file_saved_while_the_checks_ran_is_not_kept(root: Path, runs: list[Project]) -> None:
    """The key is worked out before the run reads the files: a save in between must not
    leave the new text's result under the old text's key."""
    path = root / ARCHITECTURE
    old = path.read_text(encoding="utf-8")
    real = pipeline.run_checks_now

    def saved_meanwhile(project: Project, *args: object) -> Report:
        edit(path, LINE, f"{LINE} TODO: say more.")  # after the key, before the reading
        return real(project, *args)  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline, "run_checks_now", saved_meanwhile)
        assert any("TODO" in line for line in shown(check(root))[0])
    path.write_text(old, encoding="utf-8")  # the editor undoes the save
    assert not any("TODO" in line for line in shown(check(root))[0])


class _Planted:
    """Unpickling this runs code: it touches the file named."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (Path.touch, (str(self.marker),))  # type: ignore[return-value]


def test_a_committed_result_is_never_loaded(
    root: Path, tmp_path: Path, runs: list[Project]
) -> None:
    project = project_from_config(root / "mkdocs.yml")
    assert project.cache_dir is not None
    marker = tmp_path / "code-ran"
    found = check_cache.key(project)
    planted = pickle.dumps(_Planted(marker))
    project.cache_dir.mkdir(parents=True)
    for name, blob in (
        (check_cache.FILE_NAME, pickle.dumps((found, {}, planted))),  # as a commit would
        (check_cache.DETAILS_FILE_NAME, pickle.dumps((found, planted))),
    ):
        (project.cache_dir / name).write_bytes(blob)
    report = check_project(project)
    assert len(runs) == 1 and report.pages
    assert not marker.exists()


def test_the_preview_and_a_choice_of_checks_are_never_given_a_kept_result(
    root: Path, runs: list[Project]
) -> None:
    from macros.data.file_reader import ReadCache
    from macros.lint.registry import CHECKS

    project = project_from_config(root / "mkdocs.yml")
    check_project(project)
    check_project(project, read_cache=ReadCache())
    check_project(project, checks=CHECKS[:1])
    assert len(runs) == 3


def test_a_library_upgrade_changes_the_key_and_the_commands_folder_does_not(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`python -m mkdocs` in the checkout has the checkout (and this project's egg-info)
    first on sys.path, `comparison` has .venv/bin: both must find the same result."""
    project = project_from_config(root / "mkdocs.yml")
    library = tmp_path / "lib" / "site-packages"
    (library / "markdown-3.7.dist-info").mkdir(parents=True)
    command = tmp_path / "checkout"
    (command / "flask_vs_django.egg-info").mkdir(parents=True)
    monkeypatch.setattr("sys.path", [str(library)])
    before = check_cache.key(project)
    monkeypatch.setattr("sys.path", [str(command), str(library)])
    assert check_cache.key(project) == before
    (library / "markdown-3.7.dist-info").rename(library / "markdown-3.8.dist-info")
    assert check_cache.key(project) != before


@pytest.mark.slow
def test_a_site_built_from_the_kept_result_is_the_site_built_without_it(
    root: Path, tmp_path: Path
) -> None:
    """Two strict `mkdocs build`s: the first checks (nothing kept), the second is given the
    kept result (it writes no new one); the sites are the same, byte for byte."""
    kept = root / ".cache" / "comparison" / check_cache.FILE_NAME
    cold = mkdocs_build(root / "mkdocs.yml", tmp_path / "cold")
    assert cold.returncode == 0, cold.stderr
    stamp = kept.stat().st_mtime_ns
    warm = mkdocs_build(root / "mkdocs.yml", tmp_path / "warm")
    assert warm.returncode == 0, warm.stderr
    assert kept.stat().st_mtime_ns == stamp  # a hit: nothing written

    def files(site: Path) -> dict[str, bytes]:
        found = (p for p in site.rglob("*") if p.is_file())
        return {p.relative_to(site).as_posix(): p.read_bytes() for p in found}

    first, second = files(tmp_path / "cold"), files(tmp_path / "warm")
    assert "index.html" in first and "search/search_index.json" in first
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


def test_a_file_it_cannot_read_keeps_the_result_out_of_the_cache(
    root: Path, runs: list[Project], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A forbidden file is not an empty one: the checks run (and report what they can
    read) every time, and nothing is kept under a key that could not be made."""
    real = check_cache._read
    forbidden = str((root / ARCHITECTURE).resolve())
    monkeypatch.setattr(check_cache, "_read", lambda p: None if p == forbidden else real(p))
    project = project_from_config(root / "mkdocs.yml")
    assert check_cache.key(project) is None
    check_project(project)
    check_project(project)
    assert len(runs) == 2
    assert project.cache_dir is not None
    assert not (project.cache_dir / check_cache.FILE_NAME).exists()
