"""Read and check one data file: YAML, its schema, its characters and its Markdown fields.

What comes out depends only on the file's bytes, the name it is shown by, its
kind and its id, so the preview keeps the results in a :class:`ReadCache`
between rebuilds: a save changes one file, and reading and checking the others
again was about a tenth of every rebuild (scripts/bench/bench_preview.py). The
checks across files run again every time (macros.data.loader).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import platform
from importlib.metadata import version
from pathlib import Path

from macros import messages
from macros.data.document import value_at
from macros.data.layout import DataFile, FileKind
from macros.data.schema import validate
from macros.data.text_rules import analyse
from macros.data.yaml_reader import parse_yaml
from macros.problems import Problem
from macros.safety.characters import describe, how_to_fix, raw_characters
from macros.sealed_cache import SealedStore

_Key = tuple[bytes, str, FileKind, str | None]
_YAML_LINE_BREAKS = "\u2028\u2029\u0085"  # line breaks to YAML 1.1, invisible in editors


def text_of(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


_Result = tuple[DataFile, tuple[Problem, ...]]


class ReadCache:
    """Results of :func:`check_data_file` by what they depend on; owned by one preview.

    A result is shared, never copied: DataFile and Problem are frozen, and
    nothing changes a parsed document after it is read. The schemas are not
    part of the key: they belong to the code, and the preview is restarted
    when the code changes.
    """

    SIZE = 512  # results kept; the cache starts afresh when it is full

    def __init__(self) -> None:
        self.store: SealedStore[_Key, _Result] = SealedStore(_pickled, _unpickled)
        self.hits = 0

    def check(self, data: bytes, shown: str, kind: FileKind, file_id: str | None) -> _Result:
        key = (data, shown, kind, file_id)
        found = self.store.get(key)
        if found is not None:
            self.hits += 1
            return found
        if len(self.store.entries) >= self.SIZE:
            self.store.entries.clear()
        file, problems = check_data_file(data, shown, kind, file_id)
        return self.store.put(key, (file, tuple(problems)))

    def keep_on_disk(self, cache_dir: Path) -> None:
        """Start from the results an earlier run of this code kept in ``cache_dir``.

        For a build, ``scripts/validate`` and ``scripts/lint``: reading and checking
        unchanged files was a third of the checks (0.09 s; 0.015 s from the cache).
        The file is named after a digest of the package's code and schemas, the
        Python and the YAML and JSON Schema libraries, so other code never reads it.
        It holds pickled results, read back only when sealed by this machine
        (macros.sealed_cache): a pickle committed under .cache/ is never loaded.
        """
        self.store.open(cache_dir / f"read-{_code_fingerprint()}.pickle")

    def save(self) -> None:
        """Write back the results asked for (not those of files since changed), if any
        of them is new."""
        self.store.save()


def _pickled(results: dict[_Key, _Result]) -> bytes:
    return pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL)


def _unpickled(data: bytes) -> dict[_Key, _Result]:
    try:
        stored = pickle.loads(data)
    except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError) as exc:
        raise ValueError("not results of this code") from exc
    if not isinstance(stored, dict):
        raise ValueError("not a dict of results")
    return stored


_fingerprint: list[str] = []


def _code_fingerprint() -> str:
    """A digest of everything a file's result depends on besides the file: this package's
    code, schemas and messages, the Python and the libraries that parse and validate."""
    if not _fingerprint:
        package = Path(__file__).resolve().parent.parent
        digest = hashlib.sha256()
        for part in (platform.python_version(), version("pyyaml"), version("jsonschema")):
            digest.update(part.encode() + b"\0")
        for folder, dirs, files in os.walk(package):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                if name.endswith((".py", ".json")):
                    path = os.path.join(folder, name)
                    digest.update(os.path.relpath(path, package).encode() + b"\0")
                    with open(path, "rb") as stream:
                        digest.update(stream.read() + b"\0")
        _fingerprint.append(digest.hexdigest()[:16])
    return _fingerprint[0]


def read_data_file(
    path: Path, shown: str, kind: FileKind, file_id: str | None, cache: ReadCache | None = None
) -> tuple[DataFile | None, list[Problem]]:
    """The file at ``path`` read and checked; None when it cannot be read."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, [messages.file_problem(shown, "unreadable", reason=exc.strerror)]
    if cache is None:
        return check_data_file(data, shown, kind, file_id)
    file, problems = cache.check(data, shown, kind, file_id)
    return file, list(problems)


def check_data_file(
    data: bytes, shown: str, kind: FileKind, file_id: str | None
) -> tuple[DataFile, list[Problem]]:
    """One file's own problems, and what the checks across files and the model need of it."""
    doc, problems = parse_yaml(data, shown)
    raw = _raw_character_problems(data, shown)
    if doc is None:  # a character named by the raw check needs no second message
        named = {(p.line, p.column) for p in raw}
        problems = [p for p in problems if (p.line, p.column) not in named]
        if any(c in _YAML_LINE_BREAKS for c in text_of(data)):
            # YAML breaks the line there, editors do not: its syntax error follows from
            # the character the raw check names, and would point at a line that looks fine.
            problems = [p for p in problems if not p.message.startswith("YAML syntax error")]
        return DataFile(shown, kind, file_id, data, None), raw + problems
    result = validate(doc, kind.schema)
    problems.extend(result.problems)
    # A character inside a value is reported by the field check, with the field's name.
    taken = {(p.line, p.column) for p in result.problems}
    problems.extend(p for p in raw if (p.line, p.column) not in taken)
    markdown = tuple(
        (field_path, text)
        for field_path, _text_kind in result.markdown
        if isinstance(text := value_at(doc.value, field_path), str)
    )
    texts = tuple(
        (field_path, analyse(text, text_kind))
        for field_path, text_kind in result.markdown
        if isinstance(text := value_at(doc.value, field_path), str)
    )
    file = DataFile(shown, kind, file_id, data, doc, tuple(result.references), markdown, texts)
    return file, problems


def _raw_character_problems(data: bytes, shown: str) -> list[Problem]:
    """Invisible characters in the raw lines, before YAML reads them (issue 11)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return []  # the reader reports the bytes
    # A byte order mark opening the file is the encoding's, not text (Windows editors
    # write it): the reader drops it, and lint warns (scripts/lint --fix strips it).
    text = text.removeprefix("\ufeff")
    return [
        Problem(
            shown,
            found.line,
            found.column,
            "",
            messages.text(
                "invisible-character",
                char=describe(found.char),
                column=f"{found.column}{found.where}",
            ),
            how_to_fix(found.char),
        )
        for found in raw_characters(text)
    ]
