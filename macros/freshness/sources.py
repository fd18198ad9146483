"""Are the pages the site cites still there, and do they still say it? (check-sources)

Every ``url`` of data/sources.yml is fetched (at most :data:`JOBS` at a time,
with a timeout, a User-Agent that names the site, and a cache on disk), and
each source is reported, ``data/sources.yml:line:column`` first, when its page
is gone (4xx, 5xx, no answer), has moved (a redirect within its site: a note;
to another site: a warning), or no longer contains a quotation its
``supports`` makes (:mod:`.pagetext`). A paraphrase cannot be looked for word
for word; it is counted, and left to the editor's re-reading.

Exit codes as check-freshness: 0 all found, 1 something to fix, 2 the check
could not be made (the file does not read, or no page answered at all).
"""

from __future__ import annotations

import argparse
import urllib.parse
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path

from macros.data.document import FieldPath, YamlDocument, display_path
from macros.data.schema import validate
from macros.data.yaml_reader import read_yaml
from macros.freshness.pagetext import missing, quotations
from macros.freshness.web import Cache, Fetch, Fetched, cached, fetch_page
from macros.messages import Message
from macros.paths import add_data_arguments, data_paths
from macros.problems import Problem, Severity, format_report

JOBS = 4
TIMEOUT = 20.0
MAX_AGE_HOURS = 20.0  # a daily run fetches afresh; a second run the same hour does not

# Every message check-sources reports (EDITING.md, "Sources re-checked").
MESSAGES: dict[str, Message] = {
    "dead": Message(
        "the page answers HTTP {status}",
        "open {url}: if it moved, cite its new address; if it is gone, cite another page "
        "or an archived copy",
    ),
    "unreachable": Message(
        "could not fetch the page: {error}",
        "open {url} in a browser; if it is gone, cite another page",
    ),
    "moved": Message("the page moved to {target}", "write the new address in url"),  # a note
    "other-site": Message(
        "the address now leads to another site: {target}",
        "check that it is the same document, then cite it or another page",
        Severity.WARNING,
    ),
    "quote-missing": Message(
        "the page no longer says \u201c{quote}\u201d",
        "re-read {url}: correct supports and checked, or cite a page that says it",
    ),
    "not-text": Message(
        "the page is {kind}, so its quotation was not looked for",
        "re-read it by hand",
        Severity.WARNING,
    ),
}


@dataclass(frozen=True)
class Source:
    id: str
    url: str
    supports: str


@dataclass
class Findings:
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # moves within a site
    paraphrases: int = 0
    unanswered: int = 0  # addresses with no answer at all


def user_agent(data_dir: Path) -> str:
    """A polite User-Agent: what is asking, for which site (data/site.yml's url)."""
    doc, _ = read_yaml(data_dir / "site.yml", "data/site.yml")
    site = doc.value.get("url") if doc is not None and isinstance(doc.value, dict) else None
    about = f"+{site}; " if isinstance(site, str) else ""
    return f"comparison-check-sources/1 ({about}re-reads the pages the site cites, weekly)"


def _problem(doc: YamlDocument, code: str, path: FieldPath, at: int = 0, **values: str) -> Problem:
    message = MESSAGES[code]
    line, column = doc.locate(path, at) if at else doc.mark(path)
    return Problem(
        doc.path,
        line,
        column,
        ".".join(map(str, path)),
        message.text.format(**values),
        message.hint.format(**values),
        message.severity,
    )


def _page(url: str) -> str:
    return urllib.parse.urldefrag(url)[0]


def judge(doc: YamlDocument, source: Source, page: Fetched, found: Findings) -> None:
    """Add what is wrong with one source, given the fetched page, to ``found``."""
    at_url = (source.id, "url")
    if page.hops:
        target = page.hops[-1][1]
        if urllib.parse.urlsplit(target).netloc == urllib.parse.urlsplit(source.url).netloc:
            moved = _problem(doc, "moved", at_url, target=target)
            found.notes.append(
                f"{moved.location}: note: {moved.field}: {moved.message} ({moved.hint})"
            )
        else:
            found.problems.append(_problem(doc, "other-site", at_url, target=target))
    if page.error:
        found.problems.append(
            _problem(doc, "unreachable", at_url, error=page.error, url=source.url)
        )
        return
    if page.status >= 400:
        found.problems.append(
            _problem(doc, "dead", at_url, status=str(page.status), url=source.url)
        )
        return
    quotes = quotations(source.supports)
    if not quotes:
        found.paraphrases += 1
    elif page.kind not in ("html", "text"):
        found.problems.append(_problem(doc, "not-text", at_url, kind=page.kind or "empty"))
    readable = page.kind in ("html", "text")
    for at, quote in missing(quotes, page.text, page.source) if readable else []:
        found.problems.append(
            _problem(doc, "quote-missing", (source.id, "supports"), at, quote=quote, url=source.url)
        )


def check(doc: YamlDocument, sources: Sequence[Source], fetch: Fetch, jobs: int) -> Findings:
    pages = sorted({_page(s.url) for s in sources})
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        fetched = dict(zip(pages, pool.map(fetch, pages), strict=True))
    found = Findings(unanswered=sum(1 for p in fetched.values() if p.status == 0))
    for source in sources:
        judge(doc, source, fetched[_page(source.url)], found)
    return found


def main(argv: list[str] | None = None, fetch: Fetch | None = None) -> int:
    """``comparison check-sources``: 0 all found, 1 something to fix, 2 could not check."""
    parser = argparse.ArgumentParser(
        prog="comparison check-sources",
        description="Fetch every page data/sources.yml cites: report dead links, redirects "
        "and quotations in 'supports' the page no longer contains. Exit 0 when all are "
        "found, 1 when something needs fixing, 2 when it could not check. Needs the network.",
    )
    add_data_arguments(parser)
    parser.add_argument("--jobs", type=int, default=JOBS, help=f"pages at a time ({JOBS})")
    parser.add_argument("--timeout", type=float, default=TIMEOUT, help="seconds per page")
    parser.add_argument("--cache-dir", type=Path, default=None, help="default .cache/")
    parser.add_argument(
        "--max-age", type=float, default=MAX_AGE_HOURS, help="hours a cached page is kept"
    )
    parser.add_argument("--no-cache", action="store_true", help="fetch every page afresh")
    parser.add_argument("--only", action="append", default=[], metavar="ID", help="one source")
    parser.add_argument(
        "--mirror",
        action="append",
        default=[],
        metavar="SITE=COPY",
        help="fetch addresses starting with SITE from COPY instead (e.g. a local test server)",
    )
    args = parser.parse_args(argv)
    data_dir, shown_root = data_paths(args)
    path = data_dir / "sources.yml"
    doc, problems = read_yaml(path, display_path(path, shown_root))
    if doc is not None:
        problems = [*problems, *validate(doc, "sources.schema.json").problems]
    if doc is None or any(p.severity is Severity.ERROR for p in problems):
        print(format_report(problems))
        return 2
    sources = [
        Source(sid, entry["url"], entry["supports"])
        for sid, entry in doc.value.items()
        if not args.only or sid in args.only
    ]
    if fetch is None:
        mirrors = dict(m.split("=", 1) for m in args.mirror if "=" in m)
        fetch = partial(
            fetch_page, user_agent=user_agent(data_dir), timeout=args.timeout, mirrors=mirrors
        )
    if not args.no_cache:
        folder = args.cache_dir or data_dir.parent / ".cache" / "check-sources"
        fetch = cached(fetch, Cache(folder, args.max_age * 3600))
    found = check(doc, sources, fetch, max(1, args.jobs))
    if found.notes:
        print(f"Moved within their site ({len(found.notes)}):")
        print("\n".join(f"  {n}" for n in sorted(found.notes)))
    if found.problems:
        print(format_report(found.problems))
    pages = len({_page(s.url) for s in sources})
    print(
        f"{len(sources)} sources ({pages} pages) checked on {date.today().isoformat()}: "
        f"{len(found.problems)} to fix, {len(found.notes)} moved within their site, "
        f"{found.unanswered} pages did not answer; paraphrases to re-read by hand: "
        f"{found.paraphrases}."
    )
    if sources and found.unanswered == pages:
        print("No page answered: is the network down?")
        return 2
    return 1 if found.problems else 0
