"""Load the data folder into a validated :class:`Dataset`, collecting every problem.

Each file is classified (:mod:`macros.data.layout`), read
(:mod:`macros.data.yaml_reader`), checked against its schema
(:mod:`macros.data.schema`) and its Markdown fields against the text rules
(:mod:`macros.data.text_rules`); then references and ids are checked across
files. Every file is read and checked before anything stops, so an editor sees
all problems of all files in one report. The per-file results are kept in the
:class:`LoadResult`, so the lint reads nothing twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from macros import messages
from macros.data.coverage import coverage_problems
from macros.data.cross_checks import (
    check_references,
    check_site_url,
    check_text,
    check_unique_ids,
)
from macros.data.document import YamlDocument, display_path
from macros.data.facts import Fact, build_facts, references, resolve_fields, unknown_reason
from macros.data.file_reader import ReadCache, read_data_file
from macros.data.from_data import build
from macros.data.layout import (
    FOLDERS,
    MINIMUM_FILES,
    SINGLE_FILES,
    DataFile,
    FileKind,
    classify,
    data_files,
)
from macros.data.model import (
    Change,
    Dataset,
    Decision,
    Dimension,
    Framework,
    Question,
    Site,
    Source,
)
from macros.data.placeholders import placeholder_problems
from macros.data.schema import field_name
from macros.problems import DataError, Problem, errors
from macros.safety.files import CONTENT_TYPES, scan_tree

__all__ = ["FOLDERS", "SINGLE_FILES", "DataFile", "LoadResult", "data_files", "load"]


@dataclass(frozen=True)
class LoadResult:
    files: tuple[DataFile, ...]  # every data file the site knows, parsed or not
    dataset: Dataset | None  # None when there are errors
    problems: list[Problem]


def file_problems(folder: Path, root: Path, *, data: bool) -> list[Problem]:
    """Links, pipes and devices under data/ or content/, folders named *.yml in data/ and
    files of a type content/ may not hold (macros.safety.files.CONTENT_TYPES).

    Reported by name, never followed or read (issue 11): a link to
    /proc/self/environ or to a YAML file outside the repository must not be
    published.
    """
    problems = []
    for issue in scan_tree(folder, data_files=data):
        if issue.code == "yaml-extension":
            continue  # layout.classify reports it, with the name to use
        values = {
            "target": issue.target,
            "kind": issue.target.capitalize(),
            "suffix": f"a {issue.target} file" if issue.target else "a file with no extension",
            "allowed": ", ".join(CONTENT_TYPES),
        }
        # The link's own name: resolving it would show where it points instead.
        shown = f"{display_path(issue.path.parent, root)}/{issue.path.name}"
        problems.append(messages.file_problem(shown, issue.code, **values))
    return problems


def load(
    data_dir: Path,
    root: Path | None = None,
    content_dir: Path | None = None,
    cache: ReadCache | None = None,
) -> LoadResult:
    """Read and check everything; the dataset is None when there are errors.

    ``content_dir``: hand-written pages, checked for links and non-regular files.
    ``cache``: the preview's results of files read before (:class:`ReadCache`);
    the checks across files always run again.
    What each Markdown field becomes as HTML (macros.render.field_audit) and
    ids that collide with the templates' own anchors (macros.data.collisions)
    are checked by the check pipeline (macros.pipeline), which knows the site's
    Markdown settings and templates.
    """
    root = root or data_dir.parent
    problems: list[Problem] = file_problems(data_dir, root, data=True)
    if content_dir is not None:
        problems += file_problems(content_dir, root, data=False)
    files: list[DataFile] = []
    shown = {path: display_path(path, root) for path in data_files(data_dir)}
    if not data_dir.is_dir():
        shown_dir = display_path(data_dir, root)
        return LoadResult((), None, [messages.file_problem(shown_dir, "no-data-folder")])

    classified = {path: classify(path, data_dir, name) for path, name in shown.items()}
    for path, name in shown.items():
        found = classified[path]
        if found.problem:
            problems.append(found.problem)
            continue
        if found.kind is None:
            continue
        file, read_problems = read_data_file(path, name, found.kind, found.id, cache)
        problems.extend(read_problems)
        if file is not None:
            files.append(file)
    loaded = [f for f in files if f.doc is not None]

    present = {c.kind for c in classified.values() if c.kind}
    for file_name, (kind, required) in SINGLE_FILES.items():
        if required and kind not in present:
            shown_file = display_path(data_dir / file_name, root)
            problems.append(messages.file_problem(shown_file, "missing-file", schema=kind))
    for folder, kind in FOLDERS.items():
        count = sum(1 for c in classified.values() if c.kind == kind)
        needed = MINIMUM_FILES[folder]
        if count < needed:
            values = {"count": needed, "s": "s" * (needed > 1), "what": folder[:-1]}
            shown_folder = display_path(data_dir / folder, root)
            problems.append(messages.file_problem(shown_folder, "too-few-files", **values))

    problems.extend(check_references(loaded, shown, data_dir))
    problems.extend(check_text(loaded))
    problems.extend(check_site_url(loaded))
    facts = facts_of(loaded)
    problems.extend(check_facts(loaded, facts))
    problems.extend(check_unique_ids(loaded))
    # A framework left out of a dimension or the decision helper: the same errors as scripts/lint.
    problems.extend(coverage_problems(loaded))
    problems.extend(w for item in loaded for w in placeholder_problems(_doc(item)))
    if errors(problems):
        return LoadResult(tuple(files), None, problems)
    return LoadResult(tuple(files), _build(loaded, tuple(shown.values()), facts), problems)


def load_dataset(data_dir: Path, root: Path | None = None) -> tuple[Dataset | None, list[Problem]]:
    """(dataset, problems) of :func:`load`, for callers that need no per-file results."""
    result = load(data_dir, root)
    return result.dataset, result.problems


def load_or_raise(data_dir: Path, root: Path | None = None) -> Dataset:
    dataset, problems = load_dataset(data_dir, root)
    if dataset is None:
        raise DataError(problems)
    return dataset


def _doc(file: DataFile) -> YamlDocument:
    """The parsed document of a file that parsed (the cross-file checks see only those)."""
    assert file.doc is not None
    return file.doc


def facts_of(loaded: list[DataFile]) -> dict[str, Fact]:
    """The facts references may name: data/packages.yml and the framework files."""
    packages = next((f.value for f in loaded if f.kind == FileKind.PACKAGES), None)
    frameworks = [(f.id, f.value) for f in loaded if f.kind == FileKind.FRAMEWORK and f.id]
    return build_facts(packages, frameworks)


def check_facts(loaded: list[DataFile], facts: dict[str, Fact]) -> list[Problem]:
    """Every {pkg:...} or {fw:...} reference names a fact, or is reported where it is written."""
    problems = []
    for item in loaded:
        doc = _doc(item)
        for path, text in item.markdown:
            for found in references(text):
                reason = unknown_reason(found, facts)
                if reason is None:
                    continue
                line, column = doc.locate(path, found.offset)
                problems.append(
                    Problem(
                        doc.path,
                        line,
                        column,
                        field_name(path),
                        messages.text("unknown-fact", reference=found.text),
                        messages.hint("unknown-fact", suggestion=reason[1]),
                    )
                )
    return problems


def _build(loaded: list[DataFile], files: tuple[str, ...], facts: dict[str, Fact]) -> Dataset:
    by_kind: dict[str, list[DataFile]] = {}
    for item in loaded:
        by_kind.setdefault(item.kind, []).append(item)

    def value(item: DataFile) -> dict[str, Any]:
        """The file's values with the facts its text refers to written in."""
        return resolve_fields(item.value, (path for path, _ in item.markdown), facts)

    def single(kind: FileKind) -> dict[str, Any] | None:
        items = by_kind.get(kind)
        return value(items[0]) if items else None

    frameworks = [build(Framework, value(f), id=f.id) for f in by_kind.get(FileKind.FRAMEWORK, [])]
    frameworks.sort(key=lambda f: (f.order, f.name.lower()))
    dimensions = [build(Dimension, value(d), id=d.id) for d in by_kind.get(FileKind.DIMENSION, [])]
    dimensions.sort(key=lambda d: (d.order, d.id))
    faq_raw = single(FileKind.FAQ) or {"questions": []}
    decision_raw = single(FileKind.DECISION)
    search_raw = single(FileKind.SEARCH) or {"synonyms": []}
    return Dataset(
        site=build(Site, single(FileKind.SITE) or {}),
        frameworks=tuple(frameworks),
        dimensions=tuple(dimensions),
        general_faq=tuple(build(Question, q, dimension=None) for q in faq_raw["questions"]),
        sources={
            sid: build(Source, raw, id=sid) for sid, raw in (single(FileKind.SOURCES) or {}).items()
        },
        decision=build(Decision, decision_raw) if decision_raw else None,
        files=files,
        synonyms=tuple(tuple(group) for group in search_raw["synonyms"]),
        changelog=tuple(
            build(Change, entry)
            for entry in (single(FileKind.CHANGELOG) or {"entries": []})["entries"]
        ),
    )
