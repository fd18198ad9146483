"""The build's own failure paths (issue 21, part 5), counted with the hostile corpus.

Each case names a way the machine stops a build (a full disk, a read-only or
forbidden folder, a permission, a kill or a signal, a second build) and the test
that shows the build ends in one line naming the cause and what to do, exits
non-zero with no traceback, leaves site/ byte for byte as it was and leaves
nothing of its own in .build/ (or, for the lock, that the builds take turns).
``tests/hostile/test_cases_failures.py`` checks that each test id exists.
"""

from __future__ import annotations

from dataclasses import dataclass

BUILD = "tests/publish/test_build_failures.py"
CHILD = f"{BUILD}::test_a_failure_inside_mkdocs_ends_in_one_line"
WORKDIR = "tests/publish/test_workdir.py"


@dataclass(frozen=True)
class FailureCase:
    name: str
    description: str
    test: str  # the pytest node id that proves it


FAILURE_CASES: tuple[FailureCase, ...] = (
    FailureCase(
        "full-disk-theme-copy",
        "ENOSPC (no file name, as the system raises it) while MkDocs copies Material's assets",
        f"{CHILD}[full-disk-theme-copy]",
    ),
    FailureCase(
        "real-full-disk",
        "no injection: site/ on a 512 KB tmpfs (a mount namespace of its own) that the theme "
        "copy overflows; the line names the file written, not the theme's source",
        f"{BUILD}::test_a_real_full_disk",
    ),
    FailureCase(
        "real-read-only-disk",
        "no injection: site/ on a tmpfs remounted read-only; the build cannot make .build/",
        f"{BUILD}::test_a_real_read_only_disk",
    ),
    FailureCase(
        "full-disk-page-write",
        "ENOSPC while MkDocs writes a page",
        f"{CHILD}[full-disk-page-write]",
    ),
    FailureCase(
        "read-only-site-folder",
        "EROFS while MkDocs writes a page into .build/site-N",
        f"{CHILD}[read-only-site-folder]",
    ),
    FailureCase(
        "permission-denied-page-write",
        "EACCES while MkDocs writes a page: the line names the folder to get write access to",
        f"{CHILD}[permission-denied-page-write]",
    ),
    FailureCase(
        "permission-denied-content-read",
        "EPERM reading a file of content/ that MkDocs copies: read access to that file",
        f"{CHILD}[permission-denied-content-read]",
    ),
    FailureCase(
        "unreadable-content-page",
        "a content page the lint's checks may not read is named as the file to fix, not "
        "reported as a bug in the checks",
        "tests/lint/test_runner.py::test_a_file_the_check_may_not_read_is_named_not_called_a_bug",
    ),
    FailureCase(
        "full-disk-compression",
        "ENOSPC while the build writes the .gz files after MkDocs",
        f"{BUILD}::test_a_full_disk_while_compressing",
    ),
    FailureCase(
        "full-disk-headers",
        "ENOSPC while the build writes _headers (the project's deploy/headers.toml)",
        f"{BUILD}::test_a_full_disk_while_writing_the_headers",
    ),
    FailureCase(
        "full-disk-swap",
        "ENOSPC renaming the new site into place: site/ is put back",
        f"{WORKDIR}::test_a_failed_swap_puts_site_back",
    ),
    FailureCase(
        "read-only-checkout",
        "EROFS creating .build/ beside site/ (a read-only checkout)",
        f"{BUILD}::test_a_read_only_checkout",
    ),
    FailureCase(
        "build-folder-not-writable",
        "EACCES creating .build/build.lock (a .build/ the user may not write)",
        f"{BUILD}::test_a_build_folder_it_may_not_write",
    ),
    FailureCase(
        "site-folder-not-movable",
        "EACCES moving site/ aside for the swap: site/ never moves",
        f"{BUILD}::test_a_site_folder_it_may_not_move",
    ),
    FailureCase(
        "swap-refused-halfway",
        "EROFS moving the new site into place after site/ went aside: site/ is put back",
        f"{BUILD}::test_a_swap_refused_halfway_puts_the_site_back",
    ),
    FailureCase(
        "swap-cannot-restore",
        "the swap fails and so does putting site/ back: the line says where the last good "
        "site is, and the next build puts it back",
        f"{BUILD}::test_a_swap_that_cannot_put_the_site_back_says_where_it_is",
    ),
    FailureCase(
        "mkdocs-killed",
        "MkDocs dies of SIGKILL mid-build (the out-of-memory killer)",
        f"{BUILD}::test_a_killed_mkdocs_child",
    ),
    *(
        FailureCase(
            f"stopped-by-{name.lower()}",
            f"{name} to a running build ({why}): MkDocs stopped, folder removed, one line",
            f"{BUILD}::test_a_stopped_build[{name}]",
        )
        for name, why in (
            ("SIGTERM", "kill, a CI timeout"),
            ("SIGINT", "Ctrl-C"),
            ("SIGHUP", "the terminal closed"),
        )
    ),
    FailureCase(
        "signal-during-swap",
        "SIGTERM between the swap's two renames is let go: the swap finishes, site/ is whole",
        f"{BUILD}::test_a_signal_during_the_swap_is_let_go",
    ),
    FailureCase(
        "ctrl-c-while-waiting",
        "Ctrl-C while waiting for another build's lock: one line, MkDocs never started",
        f"{BUILD}::test_ctrl_c_while_waiting_for_another_build",
    ),
    FailureCase(
        "killed-build-with-mkdocs",
        "kill -9 of the build and its MkDocs mid-build: site/ unchanged; the next build "
        "removes .build/site-N",
        f"{BUILD}::test_a_killed_build_leaves_site_and_the_next_build_cleans_up[with-mkdocs]",
    ),
    FailureCase(
        "killed-build-orphan-mkdocs",
        "kill -9 of the build alone: its MkDocs keeps the lock until it stops, so the next "
        "build never cleans a folder still being written",
        f"{BUILD}::test_a_killed_build_leaves_site_and_the_next_build_cleans_up[build-only]",
    ),
    FailureCase(
        "killed-mid-swap",
        "killed between the swap's two renames (site/ missing): the next build puts the "
        "last good site back",
        f"{WORKDIR}::test_a_site_moved_aside_by_a_killed_swap_is_put_back",
    ),
    FailureCase(
        "leftover-not-removable",
        "a leftover of a killed build that cannot be removed is named, and the build goes on",
        f"{WORKDIR}::test_a_leftover_that_cannot_go_is_named_and_kept",
    ),
    FailureCase(
        "second-build-waits",
        "a build started while another holds the lock says so in one line and waits: no "
        "cleaning, writing or swapping until the lock is free",
        f"{BUILD}::test_a_second_build_waits_for_the_first",
    ),
    FailureCase(
        "two-builds-at-once",
        "two builds started together both succeed and site/ is one whole build",
        f"{BUILD}::test_two_builds_at_once_both_finish",
    ),
)
