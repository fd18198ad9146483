"""Reading and checking one data file (macros.data.file_reader), and the results kept."""

from __future__ import annotations

import shutil
from pathlib import Path

from macros.data import file_reader
from macros.data.file_reader import ReadCache
from macros.data.loader import load
from tests.harness.site import ROOT


def test_results_kept_on_disk_serve_the_next_run_for_unchanged_files(tmp_path: Path) -> None:
    """A new run reads the results of the last one for files whose bytes are unchanged;
    a changed file is checked again, its old result is not kept, and a broken cache
    file is ignored."""
    project, cache_dir = tmp_path / "project", tmp_path / "cache"
    shutil.copytree(ROOT / "data", project / "data")
    plain = load(project / "data", project)

    first = ReadCache()
    first.keep_on_disk(cache_dir)
    assert load(project / "data", project, cache=first).problems == plain.problems
    first.save()
    (stored,) = cache_dir.glob("read-*.pickle")
    assert file_reader._code_fingerprint() in stored.name

    second = ReadCache()
    second.keep_on_disk(cache_dir)
    again = load(project / "data", project, cache=second)
    assert second.hits == len(plain.files) >= 15
    assert again.dataset == plain.dataset and again.problems == plain.problems

    site = project / "data/site.yml"
    site.write_text(site.read_text(encoding="utf-8").replace("title: ", "title: \u00a0", 1))
    third = ReadCache()
    third.keep_on_disk(cache_dir)
    broken = load(project / "data", project, cache=third)
    assert third.hits == len(plain.files) - 1  # site.yml was checked again
    assert broken.problems == load(project / "data", project).problems != plain.problems
    third.save()
    fourth = ReadCache()
    fourth.keep_on_disk(cache_dir)
    assert len(fourth.store.entries) == len(plain.files)  # the old site.yml's result is gone

    stored.write_bytes(b"not a pickle")
    fifth = ReadCache()
    fifth.keep_on_disk(cache_dir)
    assert load(project / "data", project, cache=fifth).problems == broken.problems
    assert fifth.hits == 0


def test_a_cache_that_cannot_be_written_leaves_nothing_and_the_run_goes_on(
    tmp_path: Path,
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would go", encoding="utf-8")
    cache = ReadCache()
    cache.keep_on_disk(blocked / "cache")
    plain = load(ROOT / "data", ROOT)
    assert load(ROOT / "data", ROOT, cache=cache).problems == plain.problems
    cache.save()  # no error: the next run checks every file again
    assert blocked.read_text(encoding="utf-8").startswith("a file")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["not-a-folder"]
