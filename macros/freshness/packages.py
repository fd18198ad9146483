"""data/packages.yml as Package records, and what the data's prose says about them."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from macros.data.dates import MONTHS
from macros.data.document import FieldPath, YamlDocument, display_path, text_values
from macros.data.schema import validate
from macros.data.text_rules import blank_code, strip_citations
from macros.data.yaml_reader import read_yaml
from macros.messages import Message
from macros.problems import Problem, Severity

STALE_MONTHS = 18

# Every message check-freshness reports (EDITING.md, "Package versions and dates").
MESSAGES: dict[str, Message] = {
    "out-of-date": Message(
        "the data says {name} {recorded}, PyPI's latest is {current}",
        "update version, released and checked here{where}",
    ),
    "index-failed": Message(
        "could not ask the index about it: {error}",
        "check the name against https://pypi.org/project/{id}/",
    ),
    "no-recent-release": Message(
        "no release since {day} (more than {months} months)", "{advice}", Severity.WARNING
    ),
    "undated-recommendation": Message(
        "{name} is recommended but has had no release since {day}, and the text never says so",
        "in a paragraph that names {name}, state its last release, e.g. '{example}', with a source",
    ),
}


def problem(code: str, path: str, package: Package, **values: str) -> Problem:
    """A message of the catalogue about one entry of data/packages.yml."""
    message = MESSAGES[code]
    return Problem(
        path,
        package.line,
        package.column,
        package.id,
        message.text.format(**values),
        message.hint.format(**values),
        message.severity,
    )


@dataclass(frozen=True)
class Package:
    id: str  # PyPI name, normalised
    name: str
    aliases: tuple[str, ...]
    version: str
    released: date
    status: str  # recommended, named or advised-against
    checked: date
    line: int
    column: int

    @property
    def recommended(self) -> bool:
        return self.status == "recommended"

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Paragraph:
    file: str
    line: int
    text: str  # code blanked out, citations removed
    field: FieldPath = ()  # where in the file, for the page it renders on
    original: str = ""  # the same stretch with its code kept, to show to editors


def read_packages(path: Path, root: Path) -> tuple[list[Package], list[Problem]]:
    shown = display_path(path, root)
    doc, problems = read_yaml(path, shown)
    if doc is None:
        return [], problems
    problems = [*problems, *validate(doc, "packages.schema.json").problems]
    if any(p.severity is Severity.ERROR for p in problems) or not isinstance(doc.value, dict):
        return [], problems
    packages = []
    for pid, raw in doc.value.items():
        line, column = doc.key_mark((pid,))
        packages.append(
            Package(
                id=pid,
                name=raw["name"].strip(),
                aliases=tuple(a.strip() for a in raw.get("aliases", [])),
                version=raw["version"],
                released=_date(raw["released"]),
                status=raw["status"],
                checked=_date(raw["checked"]),
                line=line,
                column=column,
            )
        )
    return packages, problems


def _date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def text_paragraphs(data_dir: Path, root: Path) -> list[Paragraph]:
    """Every paragraph of prose in the data (not packages.yml), and each source's title
    and address (a source pinned to a release's page goes stale with it)."""
    found: list[Paragraph] = []
    for path in sorted(data_dir.rglob("*.yml")):
        if path.name == "packages.yml" and path.parent == data_dir:
            continue
        doc, _ = read_yaml(path, display_path(path, root))
        if doc is None:
            continue
        if path.name == "sources.yml" and path.parent == data_dir:
            found.extend(_source_pages(doc))
            continue
        for field_path, text in text_values(doc.value):
            if " " in text.strip():  # prose, not an id, date or address
                found.extend(_paragraphs(doc, field_path, text))
        found.extend(_framework_release(doc))
    return found


def _source_pages(doc: YamlDocument) -> Iterator[Paragraph]:
    """Each source's address, at its url line: a source pinned to a release's page
    (https://pypi.org/project/stripe/16.1.0/) states that release."""
    sources = doc.value if isinstance(doc.value, dict) else {}
    for source_id, source in sources.items():
        if isinstance(source, dict) and isinstance(source.get("url"), str):
            line, _ = doc.mark((source_id, "url"))
            text = source["url"]
            yield Paragraph(doc.path, line, text, (source_id, "url"))


def _framework_release(doc: YamlDocument) -> Iterator[Paragraph]:
    """A framework file's latest_release states a version and date of its package."""
    value = doc.value if isinstance(doc.value, dict) else {}
    release = value.get("latest_release")
    if isinstance(value.get("name"), str) and isinstance(release, dict) and "version" in release:
        line, _ = doc.mark(("latest_release", "version"))
        text = f"{value['name']} latest_release {release['version']} {release.get('date', '')}"
        yield Paragraph(doc.path, line, text, ("latest_release", "version"))


def _paragraphs(doc: YamlDocument, path: FieldPath, text: str) -> Iterator[Paragraph]:
    prose = blank_code(text)
    for match in re.finditer(r"(?:[^\n]*\S[^\n]*(?:\n|\Z))+", prose):
        line, _ = doc.locate(path, match.start())
        original = strip_citations(text[match.start() : match.end()])
        yield Paragraph(doc.path, line, strip_citations(match.group(0)), path, original)


def names_pattern(package: Package) -> re.Pattern[str]:
    names = "|".join(re.escape(n) for n in package.names)
    return re.compile(rf"(?<![\w-])(?:{names})(?![\w-])")


def version_mentions(package: Package, paragraphs: Sequence[Paragraph]) -> list[str]:
    """file:line of each paragraph that names the package and states its version."""
    version = re.compile(rf"(?<![\w.]){re.escape(package.version)}(?![\w]|\.\d)")
    named = names_pattern(package)
    found = []
    for paragraph in paragraphs:
        if named.search(paragraph.text) and (hit := version.search(paragraph.text)):
            line = paragraph.line + paragraph.text.count("\n", 0, hit.start())
            found.append((paragraph.file, line))
    return [f"{file}:{line}" for file, line in sorted(set(found))]


def date_spellings(day: date) -> list[str]:
    """How the text may state a release date: 2023-10-30, October 2023, Oct 2023."""
    month = MONTHS[day.month - 1]
    return [day.isoformat(), f"{month} {day.year}", f"{month[:3]} {day.year}"]


def states_release_date(package: Package, paragraphs: Sequence[Paragraph]) -> bool:
    named = names_pattern(package)
    # Or a reference to the date (macros.data.facts), which always shows the recorded one.
    references = [f"{{pkg:{package.id}.{field}}}" for field in ("released", "released_month")]
    spellings = [*date_spellings(package.released), *references]
    for paragraph in paragraphs:
        text = " ".join(paragraph.text.split())
        if named.search(text) and any(s in text for s in spellings):
            return True
    return False


def named_anywhere(package: Package, paragraphs: Sequence[Paragraph]) -> bool:
    named = names_pattern(package)
    return any(named.search(p.text) for p in paragraphs)


def months_before(day: date, months: int) -> date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return date(year, month + 1, min(day.day, 28))


def undated_recommendations(
    packages: Sequence[Package], paragraphs: Sequence[Paragraph], path: str
) -> list[Problem]:
    """Recommended packages with no release in 18 months (as of when each entry
    was checked) whose page does not say when they were last released."""
    problems = []
    for package in packages:
        stale = package.released < months_before(package.checked, STALE_MONTHS)
        if not (package.recommended and stale and named_anywhere(package, paragraphs)):
            continue
        if states_release_date(package, paragraphs):
            continue
        spellings = date_spellings(package.released)
        problems.append(
            problem(
                "undated-recommendation",
                path,
                package,
                name=package.name,
                day=package.released.isoformat(),
                example=f"{package.version}, {spellings[1]}",
            )
        )
    return problems
