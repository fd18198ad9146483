"""Which files make up the data folder, and what each one is (the only classifier).

Layout (ids come from file names)::

    data/site.yml              site.schema.json       required
    data/sources.yml           sources.schema.json    required
    data/faq.yml               faq.schema.json        optional
    data/decision.yml          decision.schema.json   optional
    data/packages.yml          packages.schema.json   optional (read by scripts/check-freshness)
    data/search.yml            search.schema.json     optional (the site search's synonyms)
    data/changelog.yml         changelog.schema.json  optional (the changelog page)
    data/frameworks/<id>.yml   framework.schema.json  two or more
    data/dimensions/<id>.yml   dimension.schema.json  one or more
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from macros import messages
from macros.data.document import FieldPath, YamlDocument, field_name
from macros.data.model import RESERVED_PAGE_IDS
from macros.data.schema_refs import load_schema
from macros.data.text_rules import TextReport
from macros.problems import Problem
from macros.safety.ecma import compile_pattern
from macros.safety.files import safe_to_read
from macros.safety.grammar import file_id_issues

if TYPE_CHECKING:  # the validator (jsonschema) is imported by who validates, not by a reader
    from macros.data.schema import Reference


class FileKind(StrEnum):
    """A kind of data file; its value is the name of the JSON Schema it follows."""

    SITE = "site.schema.json"
    SOURCES = "sources.schema.json"
    FAQ = "faq.schema.json"
    DECISION = "decision.schema.json"
    PACKAGES = "packages.schema.json"
    SEARCH = "search.schema.json"
    CHANGELOG = "changelog.schema.json"
    FRAMEWORK = "framework.schema.json"
    DIMENSION = "dimension.schema.json"

    @property
    def schema(self) -> str:
        return self.value


# File name -> (kind, required); folder -> kind of every <id>.yml in it.
SINGLE_FILES: dict[str, tuple[FileKind, bool]] = {
    "site.yml": (FileKind.SITE, True),
    "sources.yml": (FileKind.SOURCES, True),
    "faq.yml": (FileKind.FAQ, False),
    "decision.yml": (FileKind.DECISION, False),
    "packages.yml": (FileKind.PACKAGES, False),
    "search.yml": (FileKind.SEARCH, False),
    "changelog.yml": (FileKind.CHANGELOG, False),
}
FOLDERS: dict[str, FileKind] = {"frameworks": FileKind.FRAMEWORK, "dimensions": FileKind.DIMENSION}
MINIMUM_FILES = {"frameworks": 2, "dimensions": 1}


def data_file(kind: FileKind, id: str | None = None) -> str:
    """Where a file of ``kind`` lives in the data folder: 'site.yml', 'frameworks/<id>.yml'."""
    for name, (single, _) in SINGLE_FILES.items():
        if single is kind:
            return name
    folder = next(name for name, of_kind in FOLDERS.items() if of_kind is kind)
    return f"{folder}/{id}.yml"


_ID_RULE = load_schema("common.schema.json")["$defs"]["id"]
ID_PATTERN = compile_pattern(_ID_RULE["pattern"])  # '$' as ECMA-262 reads it: the end
ID_MAX_LENGTH: int = _ID_RULE["maxLength"]
_IGNORED = re.compile(r"^\.|~\Z|\.(swp|swo|bak|tmp|orig)\Z")


@dataclass(frozen=True)
class Classified:
    kind: FileKind | None  # None: not a data file (notes, images) or a problem
    id: str | None  # for framework and dimension files: the file name
    problem: Problem | None = None


def data_files(data_dir: Path) -> list[Path]:
    """Every regular file the loader reads or should complain about, sorted.

    Links and anything under a linked folder are left out: the loader reports
    them (macros.safety.files) and never reads through them.
    """
    found: list[Path] = []
    if data_dir.is_symlink():
        return found
    for path in sorted(data_dir.rglob("*")):
        parts = path.relative_to(data_dir).parts
        if any(_IGNORED.search(p) for p in parts) or not safe_to_read(path, data_dir):
            continue
        found.append(path)
    return found


def classify(path: Path, data_dir: Path, shown: str) -> Classified:
    """What ``path`` is; ``shown`` is its name in messages."""
    parts = path.relative_to(data_dir).parts
    if path.suffix.lower() == ".yaml" or path.suffix == ".YML":
        return Classified(
            None, None, messages.file_problem(shown, "yaml-extension", stem=path.stem)
        )
    if path.suffix != ".yml":
        return Classified(None, None)  # notes or images beside the data are fine
    if len(parts) == 1 and parts[0] in SINGLE_FILES:
        return Classified(SINGLE_FILES[parts[0]][0], None)
    if len(parts) == 2 and parts[0] in FOLDERS:
        for issue in file_id_issues(path.stem, ID_PATTERN, ID_MAX_LENGTH):
            return Classified(None, None, messages.file_problem(shown, issue.code, **issue.values))
        if parts[0] == "dimensions" and path.stem in RESERVED_PAGE_IDS:
            taken = ", ".join(RESERVED_PAGE_IDS)
            problem = messages.file_problem(shown, "reserved-page-id", id=path.stem, taken=taken)
            return Classified(None, None, problem)
        return Classified(FOLDERS[parts[0]], path.stem)
    known = ", ".join([*SINGLE_FILES, *(f"{f}/<id>.yml" for f in FOLDERS)])
    return Classified(None, None, messages.file_problem(shown, "unknown-file", known=known))


@dataclass(frozen=True)
class DataFile:
    """One data file as read and checked: what the lint and the model are built from."""

    path: str  # as shown to editors, e.g. "data/sources.yml"
    kind: FileKind
    id: str | None  # for frameworks and dimensions: the file name
    data: bytes  # the file as saved
    doc: YamlDocument | None  # None when the file does not parse
    references: tuple[Reference, ...] = ()  # every x-ref value (ids of other files)
    markdown: tuple[tuple[FieldPath, str], ...] = ()  # every Markdown field with its text
    texts: tuple[tuple[FieldPath, TextReport], ...] = field(default=(), repr=False)

    @property
    def value(self) -> dict[str, Any]:
        """The parsed mapping, or {} when the file is broken (checks stay quiet then)."""
        if self.doc is not None and isinstance(self.doc.value, dict):
            return self.doc.value
        return {}

    def problem(
        self,
        message: messages.Message,
        path: FieldPath = (),
        *,
        key: bool = False,
        at: tuple[int, int] | None = None,
        code: str = "",
        **values: Any,
    ) -> Problem:
        """``message`` placed at ``path`` in this file (at its key with ``key``), or at ``at``."""
        if at is None:
            doc = self.doc
            at = (0, 0) if doc is None else (doc.key_mark(path) if key else doc.mark(path))
        return Problem(
            self.path,
            at[0],
            at[1],
            field_name(path),
            message.text.format(**values),
            message.hint.format(**values),
            message.severity,
            code=code,
        )
