"""What may live under data/ and content/: regular files only, inside the repository.

A symlink ``content/env.txt -> /proc/self/environ`` would publish the build's
environment; one in ``data/frameworks/`` to a YAML file elsewhere would publish
that file. Nothing is followed: the tree is walked without following links,
and every link (dangling or not), every FIFO, socket or device, a folder
named like a data file and a data file with the wrong extension is reported,
naming the path, instead of being read or silently skipped.

What content/ may hold is an explicit list of file types (:data:`CONTENT_TYPES`):
Markdown pages and the asset types the site ships and the server sends with a
type of their own. Anything else (``.html``, ``.htm``, ``.xhtml``, ``.swf``, an
executable, a file with no extension) is reported by name: a page is written in
Markdown, so that it goes through the checks of :mod:`macros.render.content_pages`.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class FileIssue:
    path: Path  # absolute
    code: str  # a key of macros.messages.CORE
    target: str = ""  # where a link points, as written in the link

    def shown(self, root: Path) -> str:
        try:
            return self.path.relative_to(root).as_posix()
        except ValueError:
            return self.path.as_posix()


_KINDS = {
    stat.S_IFIFO: "a named pipe",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
}


# The file types content/ may hold (lower-case suffixes): Markdown pages, and assets the
# site ships (stylesheets, scripts, images, fonts) or a reader downloads as they are.
CONTENT_TYPES = (
    ".md",
    ".css",
    ".js",
    ".svg",
    ".png",
    ".jpg",
    ".jpeg",
    ".gif",
    ".webp",
    ".avif",
    ".ico",
    ".woff2",
    ".woff",
    ".txt",
    ".json",
)


def published(relative: Path) -> bool:
    """Whether MkDocs publishes a file under content/ at all: its default exclude_docs
    leaves out every dotfile or dot-folder (``.*``) and the top-level ``templates/``."""
    parts = relative.parts
    return not any(part.startswith(".") for part in parts) and parts[:1] != ("templates",)


def kind_of(mode: int) -> str:
    return _KINDS.get(stat.S_IFMT(mode), "not a regular file")


def scan_tree(folder: Path, *, data_files: bool) -> list[FileIssue]:
    """Problems under ``folder`` (not followed through links), sorted by path.

    ``data_files``: the folder holds YAML data, so a folder named ``*.yml`` and
    a ``.yaml``/``.YML`` file are reported too; otherwise it is content/, and a
    published file of a type outside :data:`CONTENT_TYPES` is reported
    (``content-type``, with the suffix as its target).
    """
    issues: list[FileIssue] = []
    if folder.is_symlink():
        return [FileIssue(folder, "symlink", os.readlink(folder))]
    if not folder.is_dir():
        return issues
    stack = [folder]
    while stack:
        current = stack.pop()
        with os.scandir(current) as entries:
            for entry in entries:
                path = Path(entry.path)
                if entry.is_symlink():
                    target = os.readlink(path)
                    code = "dangling-symlink" if not path.exists() else "symlink"
                    issues.append(FileIssue(path, code, target))
                elif entry.is_dir(follow_symlinks=False):
                    if data_files and entry.name.lower().endswith((".yml", ".yaml")):
                        issues.append(FileIssue(path, "folder-named-yml"))
                    stack.append(path)
                elif entry.is_file(follow_symlinks=False):
                    suffix = path.suffix
                    if data_files and suffix.lower() in (".yml", ".yaml") and suffix != ".yml":
                        issues.append(FileIssue(path, "yaml-extension"))
                    elif (
                        not data_files
                        and suffix.lower() not in CONTENT_TYPES
                        and published(path.relative_to(folder))
                    ):
                        issues.append(FileIssue(path, "content-type", suffix))
                else:
                    mode = entry.stat(follow_symlinks=False).st_mode
                    issues.append(FileIssue(path, "not-regular-file", kind_of(mode)))
    return sorted(issues, key=lambda issue: issue.path.as_posix())


def inside(path: Path, root: Path) -> bool:
    """True when ``path``, fully resolved, lies inside ``root`` (resolved too)."""
    try:
        path.resolve(strict=False).relative_to(root.resolve(strict=False))
    except ValueError:
        return False
    return True


def safe_to_read(path: Path, root: Path) -> bool:
    """A regular file, not a link, with no link on the way, inside ``root``."""
    if not inside(path, root):
        return False
    current = path
    while True:
        if current.is_symlink():
            return False
        if current == root or current.parent == current:
            break
        current = current.parent
    return path.is_file()
