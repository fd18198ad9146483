"""MkDocs' command line as the atomic build's child: ``python -m macros.mkdocs_plugin.run``.

``python -m macros.mkdocs_plugin.run PROJECT SITE_DIR -- ARGS...`` runs ``mkdocs
ARGS...`` (:func:`macros.publish.build.build_site` starts it), with three
differences, all about failing cleanly:

- an ``OSError`` (a full disk while copying the theme or writing a page, a
  read-only folder, a file it may not read) ends in one line from the catalogue
  (:func:`macros.publish.failures.os_error_line`) and exit status 74, instead of
  MkDocs' "Error building page" line and a traceback; the parent then only cleans up;
- Ctrl-C is left to the parent, which stops this process and says so once;
- on POSIX, when the parent dies (kill -9), this process stops too: nobody would
  swap its site in.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
import time
from pathlib import Path

from macros.publish.failures import EXIT_IO, os_error_line

WATCH_SECONDS = 0.2


class _DropOsErrorRecords(logging.Filter):
    """MkDocs logs "Error building page '...': [Errno 28] ..." before re-raising; the
    one line this module prints says it better."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not isinstance(sys.exc_info()[1], OSError)


_DROP = _DropOsErrorRecords()


def _watch_parent() -> None:
    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(WATCH_SECONDS)
            if os.getppid() != parent:
                os._exit(EXIT_IO)

    threading.Thread(target=watch, name="watch-parent", daemon=True).start()


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) < 3 or args[2] != "--":
        print("usage: python -m macros.mkdocs_plugin.run PROJECT SITE_DIR -- ARGS...")
        return 2
    root, site_dir, mkdocs_args = Path(args[0]), Path(args[1]), args[3:]
    fresh = None
    if "--site-dir" in mkdocs_args[:-1]:
        fresh = Path(mkdocs_args[mkdocs_args.index("--site-dir") + 1])
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform != "win32":
        _watch_parent()
    logging.getLogger("mkdocs.commands.build").addFilter(_DROP)  # once, however often run
    from mkdocs.__main__ import cli

    try:
        cli.main(args=mkdocs_args, prog_name="mkdocs", standalone_mode=True)
    except SystemExit as done:
        code = done.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    except OSError as exc:
        line = os_error_line(exc, root, site_dir, writing_under=fresh, fallback=fresh)
        print(line, file=sys.stderr, flush=True)
        return EXIT_IO
    return 0


if __name__ == "__main__":
    sys.exit(main())
