"""The validated data, as plain immutable objects for templates and tools.

Each class builds itself from a file's validated data
(:func:`macros.data.from_data.build`): a field takes the YAML key of the same
name, and its metadata says the rest. Adding a field to a data file touches
its schema, the class here and the template that shows it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

# Field metadata: one-line text (or a mapping of it) loses surrounding white space;
# "key" names a differently named YAML key; "default" fills a key the data leaves out.
LINE: Mapping[str, Any] = {"strip": True}


# Ids of the feature-table rows built from framework profiles (macros.render.pages):
# reserved, so a dimension's row cannot take the same link anchor.
PROFILE_ROW_IDS = (
    "first-release",
    "latest-release",
    "lts-release",
    "licence",
    "governance",
    "python",
    "links",
)

# Pages and folders the site has besides one page per dimension (/<id>/):
# a dimension's file name must not take one of these (macros.data.layout).
RESERVED_PAGE_IDS = (
    "index",
    "comparison",
    "faq",
    "decide",
    "compare",
    "frameworks",
    "one-page",
    "about",
    "changelog",
    "api",
    "assets",
    "search",
)

# How a feature is provided, from a table row's `status` (dimension.schema.json),
# in the order a column sorts by; shown as words, never as colour alone.
STATUSES = {
    "built-in": ("Built in", "part of the framework itself"),
    "partial": (
        "Partly built in",
        "part is built in, the rest comes from a package or your own code",
    ),
    "official-extension": ("Official extension", "a separate package from the same maintainers"),
    "third-party": ("Third-party", "a package maintained by others"),
    "not-available": ("Not available", "nothing to install; you write it yourself"),
}


@dataclass(frozen=True)
class Source:
    id: str
    title: str = field(metadata=LINE)
    url: str
    publisher: str = field(metadata=LINE)
    checked: str
    published: str | None = None
    supports: str = field(default="", metadata=LINE)  # what the page says that the site relies on


@dataclass(frozen=True)
class Release:
    version: str | None  # None: a release without a number (a first publication)
    date: str
    source: str


@dataclass(frozen=True)
class Framework:
    id: str
    name: str = field(metadata=LINE)
    tagline: str = field(metadata=LINE)
    order: int = field(metadata={"default": 100})
    first_release: Release
    latest_release: Release
    lts_release: Release | None
    licence: str = field(metadata=LINE)
    governance: str = field(metadata=LINE)
    homepage: str
    docs: str
    repository: str
    python: str = field(metadata=LINE)
    profile: str


@dataclass(frozen=True)
class Take:
    """One framework's text and verdict on one dimension."""

    verdict: str = field(metadata=LINE)
    text: str


@dataclass(frozen=True)
class TableRow:
    id: str
    label: str = field(metadata=LINE)
    values: dict[str, str] = field(metadata=LINE)
    dimension: str | None  # None for rows built from framework profiles
    status: dict[str, str] = field(default_factory=dict)  # framework id -> a STATUSES key
    key: bool = field(default=False, metadata={"default": False})  # decides most choices
    sort: dict[str, str] = field(default_factory=dict)  # framework id -> sort key (profile dates)
    # True for rows that describe rather than say how a feature is provided (Architecture,
    # Release cadence): they take no status, and the decision check asks for none.
    no_status: bool = field(default=False, metadata={"default": False})

    def __post_init__(self) -> None:
        # The placeholder status 'todo' (a warning, refused by strict builds) shows as none.
        for framework in [f for f, status in self.status.items() if status not in STATUSES]:
            del self.status[framework]


@dataclass(frozen=True)
class Question:
    id: str
    q: str = field(metadata=LINE)
    a: str
    dimension: str | None  # None for general questions


@dataclass(frozen=True)
class SameTask:
    """One small task in each framework's code, shown as tabs on a topic's page."""

    title: str = field(metadata=LINE)
    code: dict[str, str]  # framework id -> Markdown with a fenced sample
    intro: str | None = None


@dataclass(frozen=True)
class Dimension:
    id: str
    title: str = field(metadata=LINE)
    order: int
    summary: str
    last_reviewed: str
    takes: dict[str, Take] = field(metadata={"key": "frameworks"})
    unknown: tuple[str, ...]
    table: tuple[TableRow, ...] = field(metadata={"pass": {"dimension": "id"}})
    faq: tuple[Question, ...] = field(metadata={"pass": {"dimension": "id"}})
    in_one_line: str | None = field(default=None, metadata=LINE)  # the home page's topic list
    same_task: SameTask | None = None  # code for one task per framework (tabs)


@dataclass(frozen=True)
class Criterion:
    id: str
    label: str = field(metadata=LINE)
    dimension: str | None
    weights: dict[str, int]
    reasons: dict[str, str] = field(metadata=LINE)
    rows: tuple[str, ...] = ()  # ids of the table rows the weights rest on

    def __post_init__(self) -> None:
        # The placeholder weight 'todo' (a warning, refused by strict builds) counts as none.
        for framework in [f for f, weight in self.weights.items() if not isinstance(weight, int)]:
            del self.weights[framework]


@dataclass(frozen=True)
class Decision:
    intro: str
    criteria: tuple[Criterion, ...]
    choose: dict[str, tuple[str, ...]]

    def find(self, ids: tuple[str, ...]) -> tuple[Criterion, ...]:
        """The criteria with these ids, in the given order (unknown ids are left out)."""
        by_id = {c.id: c for c in self.criteria}
        return tuple(by_id[i] for i in ids if i in by_id)


@dataclass(frozen=True)
class CallToAction:
    text: str
    url: str


@dataclass(frozen=True)
class RuleOfThumb:
    """A common case and its pick: the pick's reasons come from the ``criteria`` it names.

    ``why`` is the hand-written line of data without a decision helper; with one,
    the check (macros.lint.checks.decision) asks for criteria instead.
    """

    case: str = field(metadata=LINE)
    pick: str  # framework id
    why: str | None = field(default=None, metadata=LINE)
    dimension: str | None = None
    criteria: tuple[str, ...] = ()  # decision criterion ids (data/decision.yml)


@dataclass(frozen=True)
class ShortPick:
    """One sentence of the short answer: 'Pick <framework> <when>.', resting on criteria."""

    pick: str  # framework id
    when: str = field(metadata=LINE)
    criteria: tuple[str, ...] = ()


@dataclass(frozen=True)
class Report:
    """How readers report an error (data/site.yml about.report)."""

    email: str
    text: str
    url: str | None = None


@dataclass(frozen=True)
class About:
    """The About page's own text (data/site.yml about)."""

    maintainers: str
    checking: str
    report: Report


@dataclass(frozen=True)
class Site:
    title: str = field(metadata=LINE)
    description: str = field(metadata=LINE)
    url: str
    licence: str | None
    featured: tuple[str, str]
    intro: str
    verdict: str
    call_to_action: CallToAction | None
    question: str | None = field(default=None, metadata=LINE)
    short_answer: str | None = None
    short_picks: tuple[ShortPick, ...] = ()  # the short answer from criteria, when given
    rules_of_thumb: tuple[RuleOfThumb, ...] = ()
    licence_url: str | None = None
    about: About | None = None
    repo_url: str | None = None  # where "Report an error" opens an issue
    # Pairs with a page of their own besides the default ones (macros.render.pair_selection).
    pairs: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Change:
    """One entry of data/changelog.yml: what changed on the site, when and why."""

    date: str
    what: str = field(metadata=LINE)
    why: str
    topics: tuple[str, ...] = ()  # dimension ids
    rows: tuple[str, ...] = ()  # table row ids


@dataclass(frozen=True)
class Dataset:
    site: Site
    frameworks: tuple[Framework, ...]  # in display order
    dimensions: tuple[Dimension, ...]  # in article order
    general_faq: tuple[Question, ...]
    sources: dict[str, Source]
    decision: Decision | None
    files: tuple[str, ...] = field(default=())  # every data file read, for watchers
    # data/search.yml: groups of terms that mean the same to the site search
    synonyms: tuple[tuple[str, ...], ...] = field(default=())
    changelog: tuple[Change, ...] = ()  # newest first

    @property
    def featured(self) -> tuple[Framework, ...]:
        by_id = {f.id: f for f in self.frameworks}
        return tuple(by_id[i] for i in self.site.featured)

    @property
    def questions(self) -> tuple[Question, ...]:
        """Every question: the general ones, then each dimension's."""
        return self.general_faq + tuple(q for d in self.dimensions for q in d.faq)

    @property
    def table_rows(self) -> tuple[TableRow, ...]:
        return tuple(row for d in self.dimensions for row in d.table)

    @property
    def key_rows(self) -> tuple[TableRow, ...]:
        """The rows that decide most choices (``key: true``), in table order."""
        return tuple(row for row in self.table_rows if row.key)
