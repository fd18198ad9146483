"""The build's folders in .build/: what earlier builds left is removed (or put back), nothing
else is touched, and a swap that fails leaves site/ where it was."""

from __future__ import annotations

import errno
import os
import shutil
import stat
from pathlib import Path

import pytest

from macros.publish import workdir
from macros.publish.failures import BuildStopped
from macros.publish.workdir import (
    aside_folder,
    clean_leftovers,
    fresh_folder,
    is_own,
    remove_tree,
    swap,
)


def make(folder: Path, text: str = "x") -> Path:
    folder.mkdir(parents=True)
    (folder / "index.html").write_text(text)
    return folder


def test_the_naming_scheme() -> None:
    work = Path(".build")
    assert fresh_folder(work).name == f"site-{os.getpid()}"
    assert aside_folder(work, Path("public")).name == f"old-{os.getpid()}-public"
    assert is_own("site-12") and is_own("old-12-site") and is_own("old-12-my-site")
    for other in ("stage", "build.lock", "site-", "site-12x", "old-12", "site", "csp-site-1"):
        assert not is_own(other), other


def test_leftovers_are_removed_and_nothing_else(tmp_path: Path) -> None:
    work, site = tmp_path / ".build", make(tmp_path / "site", "current")
    for name in ("site-101", "old-102-site", "old-103-public"):
        make(work / name)
    for name in ("stage", "site-notes", "mine"):  # the stage's folder, others' files
        make(work / name)
    (work / "build.lock").write_text("1\n")
    said: list[str] = []
    clean_leftovers(work, site, tmp_path, said.append)
    assert sorted(p.name for p in work.iterdir()) == ["build.lock", "mine", "site-notes", "stage"]
    assert (site / "index.html").read_text() == "current"
    assert said == []


def test_a_site_moved_aside_by_a_killed_swap_is_put_back(tmp_path: Path) -> None:
    """Killed between the swap's renames: site/ is missing and the last good one is aside."""
    work, site = tmp_path / ".build", tmp_path / "site"
    make(work / "old-555-site", "last good")
    make(work / "site-555", "half-built")
    make(work / "old-556-public", "another site's")
    said: list[str] = []
    clean_leftovers(work, site, tmp_path, said.append)
    assert (site / "index.html").read_text() == "last good"
    assert said == [
        "build: put site/ back from .build/old-555-site/, where a build that was stopped while "
        "replacing it had left it"
    ]
    assert sorted(p.name for p in work.iterdir()) == []


def test_a_leftover_that_cannot_go_is_named_and_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work, site = tmp_path / ".build", make(tmp_path / "site")
    make(work / "site-101")

    def refuse(path: object, *args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(shutil, "rmtree", refuse)
    said: list[str] = []
    clean_leftovers(work, site, tmp_path, said.append)
    assert said == [
        "build: could not remove .build/site-101/ (permission denied): delete it by hand; the "
        "next build tries again"
    ]


def test_read_only_files_and_folders_are_removed(tmp_path: Path) -> None:
    """A Windows checkout or a copy from a read-only medium: read-only entries."""
    tree = make(tmp_path / "site-1")
    make(tree / "sub")
    (tree / "sub" / "index.html").chmod(stat.S_IRUSR)
    (tree / "sub").chmod(stat.S_IRUSR | stat.S_IXUSR)
    assert remove_tree(tree) is None
    assert not tree.exists()
    assert remove_tree(tree) is None  # gone already: fine


def test_a_link_is_removed_not_followed(tmp_path: Path) -> None:
    target = make(tmp_path / "elsewhere")
    link = tmp_path / "site-1"
    link.symlink_to(target, target_is_directory=True)
    assert remove_tree(link) is None
    assert not link.exists() and (target / "index.html").exists()


def test_a_swap(tmp_path: Path) -> None:
    work, site = tmp_path / ".build", make(tmp_path / "site", "old")
    fresh, aside = make(work / "site-1", "new"), work / "old-1-site"
    swap(fresh, site, aside, tmp_path)
    assert (site / "index.html").read_text() == "new"
    assert (aside / "index.html").read_text() == "old"  # the caller removes it
    assert not fresh.exists()


def test_a_first_swap_has_no_site_to_move(tmp_path: Path) -> None:
    work, site = tmp_path / ".build", tmp_path / "site"
    swap(make(work / "site-1", "new"), site, work / "old-1-site", tmp_path)
    assert (site / "index.html").read_text() == "new"


def test_a_failed_swap_puts_site_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    work, site = tmp_path / ".build", make(tmp_path / "site", "old")
    fresh, aside = make(work / "site-1", "new"), work / "old-1-site"
    real = Path.rename

    def rename(self: Path, target: Path) -> Path:
        if self == fresh:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, target)

    monkeypatch.setattr(Path, "rename", rename)
    with pytest.raises(BuildStopped) as stopped:
        swap(fresh, site, aside, tmp_path)
    assert stopped.value.line == (
        "build: no space left on device while replacing site/: free space and run make build "
        "again; site/ was not changed"
    )
    assert (site / "index.html").read_text() == "old"
    assert not aside.exists() and fresh.exists()  # the caller removes it


def test_workdir_names_only_its_own(tmp_path: Path) -> None:
    """Guards the cleaning: the regular expression is anchored at both ends."""
    assert workdir._OWN.fullmatch("site-1\n") is None
