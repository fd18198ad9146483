"""Are the package facts in data/packages.yml still true? (scripts/check-freshness)

For each package, PyPI's JSON API (``<index>/<name>/json``) gives the latest
release and its date. Every entry whose recorded version or date no longer
matches is a claim out of date: the message names ``data/packages.yml:line``
and each place in the text that states that version. Packages with no release
in the last 18 months are listed too. The offline half of the check (a
recommended package that old must state its last release date on the page)
needs no network and also runs in the test suite.

No MkDocs imports: this is a data tool.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from macros.problems import Problem, Severity, format_report
from macros.schema import validate
from macros.textcheck import blank_code, strip_citations
from macros.yamlsource import FieldPath, YamlDocument, display_path, read_yaml

PYPI = "https://pypi.org/pypi"
STALE_MONTHS = 18
# A changelog's release date is often a day before the upload (time zones);
# the recorded date may differ from PyPI's by this much.
DATE_SLACK = timedelta(days=2)
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


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
class Latest:
    version: str
    released: date  # first upload of that version
    last_upload: date  # the newest upload of any release (a patch to an older line counts)


@dataclass(frozen=True)
class Paragraph:
    file: str
    line: int
    text: str  # code blanked out, citations removed


# ------------------------------------------------------------------ reading the data


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


def _strings(value: Any, path: FieldPath = ()) -> Iterator[tuple[FieldPath, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))


def text_paragraphs(data_dir: Path, root: Path) -> list[Paragraph]:
    """Every paragraph of prose in the data (not packages.yml, not sources.yml)."""
    found: list[Paragraph] = []
    for path in sorted(data_dir.rglob("*.yml")):
        if path.name in ("packages.yml", "sources.yml") and path.parent == data_dir:
            continue
        doc, _ = read_yaml(path, display_path(path, root))
        if doc is None:
            continue
        for field_path, text in _strings(doc.value):
            if " " in text.strip():  # prose, not an id, date or address
                found.extend(_paragraphs(doc, field_path, text))
        found.extend(_framework_release(doc))
    return found


def _framework_release(doc: YamlDocument) -> Iterator[Paragraph]:
    """A framework file's latest_release states a version and date of its package."""
    value = doc.value if isinstance(doc.value, dict) else {}
    release = value.get("latest_release")
    if isinstance(value.get("name"), str) and isinstance(release, dict) and "version" in release:
        line, _ = doc.mark(("latest_release", "version"))
        text = f"{value['name']} latest_release {release['version']} {release.get('date', '')}"
        yield Paragraph(doc.path, line, text)


def _paragraphs(doc: YamlDocument, path: FieldPath, text: str) -> Iterator[Paragraph]:
    prose = blank_code(text)
    for match in re.finditer(r"(?:[^\n]*\S[^\n]*(?:\n|$))+", prose):
        line, _ = doc.locate(path, match.start())
        yield Paragraph(doc.path, line, strip_citations(match.group(0)))


def _names_pattern(package: Package) -> re.Pattern[str]:
    names = "|".join(re.escape(n) for n in package.names)
    return re.compile(rf"(?<![\w-])(?:{names})(?![\w-])")


def version_mentions(package: Package, paragraphs: Sequence[Paragraph]) -> list[str]:
    """file:line of each paragraph that names the package and states its version."""
    version = re.compile(rf"(?<![\w.]){re.escape(package.version)}(?![\w]|\.\d)")
    named = _names_pattern(package)
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
    named = _names_pattern(package)
    spellings = date_spellings(package.released)
    for paragraph in paragraphs:
        text = " ".join(paragraph.text.split())
        if named.search(text) and any(s in text for s in spellings):
            return True
    return False


def named_anywhere(package: Package, paragraphs: Sequence[Paragraph]) -> bool:
    named = _names_pattern(package)
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
            Problem(
                path,
                package.line,
                package.column,
                package.id,
                f"{package.name} is recommended but has had no release since "
                f"{package.released.isoformat()}, and the text never says so",
                f"in a paragraph that names {package.name}, state its last release, "
                f"e.g. '{package.version}, {spellings[1]}', with a source",
            )
        )
    return problems


# ------------------------------------------------------------------------ asking PyPI


def fetch_latest(index_url: str, name: str, timeout: float = 20.0) -> Latest:
    url = f"{index_url.rstrip('/')}/{name}/json"
    request = urllib.request.Request(url, headers={"Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            payload = json.load(response)
    except urllib.error.HTTPError as error:
        error.close()
        raise LookupError(f"{url} answered HTTP {error.code}") from None
    return parse_project(payload)


def parse_project(payload: dict[str, Any]) -> Latest:
    version = payload["info"]["version"]
    releases: dict[str, list[dict[str, Any]]] = payload.get("releases") or {}
    files = releases.get(version) or payload.get("urls") or []
    uploads = [_upload(f) for f in files if not f.get("yanked")]
    if not uploads:
        raise ValueError(f"PyPI lists no files for release {version}")
    every = [_upload(f) for fs in releases.values() for f in fs if not f.get("yanked")] or uploads
    return Latest(version, min(uploads), max(every))


def _upload(file: dict[str, Any]) -> date:
    stamp = file.get("upload_time_iso_8601") or file["upload_time"]
    return datetime.fromisoformat(stamp.replace("Z", "+00:00")).date()


@dataclass
class Report:
    outdated: list[Problem]
    stale: list[Problem]
    failed: list[Problem]
    undated: list[Problem] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return 1 if self.outdated or self.failed or self.undated else 0


def compare(
    packages: Sequence[Package],
    latest: dict[str, Latest | Exception],
    paragraphs: Sequence[Paragraph],
    path: str,
    today: date,
) -> Report:
    report = Report([], [], [])
    cutoff = months_before(today, STALE_MONTHS)
    for package in packages:
        found = latest[package.id]
        if isinstance(found, Exception):
            report.failed.append(
                Problem(
                    path,
                    package.line,
                    package.column,
                    package.id,
                    f"could not ask the index about it: {found}",
                    "check the name against https://pypi.org/project/" + package.id,
                )
            )
            continue
        recorded = f"{package.version} ({package.released.isoformat()})"
        current = f"{found.version} ({found.released.isoformat()})"
        if package.version != found.version or abs(package.released - found.released) > DATE_SLACK:
            places = version_mentions(package, paragraphs)
            where = (
                "; the data states " + package.version + " at " + ", ".join(places)
                if places
                else ""
            )
            report.outdated.append(
                Problem(
                    path,
                    package.line,
                    package.column,
                    package.id,
                    f"the data says {package.name} {recorded}, PyPI's latest is {current}",
                    f"update version, released and checked here{where}",
                )
            )
        if found.last_upload < cutoff:
            if not package.recommended:
                advice = package.status
            elif states_release_date(package, paragraphs):
                advice = "recommended; the text states its last release date"
            else:
                advice = "recommended: the text must state its last release date"
            report.stale.append(
                Problem(
                    path,
                    package.line,
                    package.column,
                    package.id,
                    f"no release since {found.last_upload.isoformat()} "
                    f"(more than {STALE_MONTHS} months)",
                    advice,
                    Severity.WARNING,
                )
            )
    return report


def ask_index(
    packages: Sequence[Package],
    index_url: str,
    fetch: Callable[[str, str], Latest] = fetch_latest,
) -> dict[str, Latest | Exception]:
    def one(package: Package) -> Latest | Exception:
        try:
            return fetch(index_url, package.id)
        except (OSError, ValueError, LookupError) as error:
            return error

    with ThreadPoolExecutor(max_workers=8) as pool:
        return dict(zip((p.id for p in packages), pool.map(one, packages), strict=True))


# ----------------------------------------------------------------------- command line


def main(argv: list[str] | None = None, root: Path | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="scripts/check-freshness",
        description="Compare data/packages.yml with PyPI: list every release fact that is "
        "out of date (exit 1) and every package with no release in "
        f"{STALE_MONTHS} months.",
    )
    default_root = root or Path(__file__).resolve().parent.parent
    parser.add_argument("--data", type=Path, default=default_root / "data")
    parser.add_argument(
        "--index-url", default=PYPI, help=f"the JSON API's base address (default {PYPI})"
    )
    parser.add_argument(
        "--today", type=date.fromisoformat, default=None, help="YYYY-MM-DD (default: today)"
    )
    args = parser.parse_args(argv)
    data_dir: Path = args.data.resolve()
    shown_root = data_dir.parent
    path = data_dir / "packages.yml"
    shown = display_path(path, shown_root)
    packages, problems = read_packages(path, shown_root)
    if any(p.severity is Severity.ERROR for p in problems) or not packages:
        print(format_report(problems) if problems else f"{shown}: no packages listed")
        return 2
    paragraphs = text_paragraphs(data_dir, shown_root)
    today = args.today or date.today()
    report = compare(packages, ask_index(packages, args.index_url), paragraphs, shown, today)
    report.undated = undated_recommendations(packages, paragraphs, shown)
    for title, found in (
        ("Out of date", report.outdated),
        ("Not found", report.failed),
        ("Recommended without its last release date", report.undated),
        (f"No release in {STALE_MONTHS} months", report.stale),
    ):
        if found:
            print(f"{title} ({len(found)}):")
            print("\n".join(f"  {p}" for p in sorted(found)))
    fresh = len(packages) - len(report.outdated) - len(report.failed)
    print(
        f"{len(packages)} packages checked against {args.index_url} on {today.isoformat()}: "
        f"{fresh} up to date, {len(report.outdated)} out of date, "
        f"{len(report.failed)} not found, {len(report.stale)} without a recent release."
    )
    return report.exit_code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
