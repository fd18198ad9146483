"""The build's MkDocs child with one failure injected, for tests/publish/test_build_failures.py.

``python tests/publish/failing_mkdocs.py STEP ERRNO PATTERN ARGS...`` runs
``python -m macros.mkdocs_plugin.run ARGS...`` with the first file whose path
matches the regular expression PATTERN failing at STEP:

- ``copy``: MkDocs copying a file into the site (the theme's assets), through
  ``shutil.copyfile``;
- ``write``: MkDocs writing a page (``mkdocs.utils.write_file``);
- ``read``: anything opening a source file for reading (``open``), each time it
  is opened: a forbidden file stays forbidden (the build's check cache reads
  every source file before MkDocs does, macros.check_cache).

The error is raised the way the system raises it: ENOSPC from the write, with no
file name and the file open (as ``write()`` and ``sendfile()`` on a full disk do);
any other errno from ``open`` with the file name (as a read-only or forbidden
folder does).
"""

from __future__ import annotations

import builtins
import errno
import io
import os
import re
import shutil
import sys
from typing import Any


def fail(code: int, path: str) -> None:
    if code == errno.ENOSPC:
        with open(path, "wb") as out:  # noqa: F841 (the open file is what the frame holds)
            raise OSError(code, os.strerror(code))
    raise OSError(code, os.strerror(code), path)


def main() -> int:
    step, code, pattern, args = sys.argv[1], int(sys.argv[2]), re.compile(sys.argv[3]), sys.argv[4:]
    done = False

    def hit(path: object) -> bool:
        nonlocal done
        if done or not isinstance(path, (str, os.PathLike)):
            return False
        done = pattern.search(os.fspath(path).replace(os.sep, "/")) is not None
        return done

    if step == "copy":
        real_copy = shutil.copyfile

        def copyfile(src: Any, dst: Any, **kwargs: Any) -> Any:
            if hit(dst):
                fail(code, os.fspath(dst))
            return real_copy(src, dst, **kwargs)

        shutil.copyfile = copyfile  # type: ignore[assignment]
    elif step == "write":
        import mkdocs.utils

        real_write = mkdocs.utils.write_file

        def write_file(content: bytes, output_path: str) -> None:
            if hit(output_path):
                os.makedirs(os.path.dirname(output_path), exist_ok=True)
                fail(code, output_path)
            real_write(content, output_path)

        mkdocs.utils.write_file = write_file
    elif step == "read":
        real_open = builtins.open
        forbidden: list[str] = []  # the file found, once it is

        def open_(file: Any, mode: str = "r", *more: Any, **kwargs: Any) -> Any:
            if "r" in mode and "+" not in mode:
                if hit(file):
                    forbidden.append(os.fspath(file))
                if isinstance(file, (str, os.PathLike)) and os.fspath(file) in forbidden:
                    raise OSError(code, os.strerror(code), os.fspath(file))
            return real_open(file, mode, *more, **kwargs)

        builtins.open = io.open = open_
    else:
        raise SystemExit(f"unknown step {step}")

    from macros.mkdocs_plugin.run import main as run

    return run(args)


if __name__ == "__main__":
    sys.exit(main())
