"""The kept search queries (tests/search/search_queries.yml) and how a list of
results is judged against them, shared by the Node and the browser test."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

QUERIES_FILE = Path(__file__).with_name("search_queries.yml")
TOP = 3  # a query must find its page among the first three results


@dataclass(frozen=True)
class Query:
    query: str
    find: str  # "page/" or "page/#anchor", as the index writes locations


def kept_queries() -> list[Query]:
    with QUERIES_FILE.open(encoding="utf-8") as stream:
        return [Query(**case) for case in yaml.load(stream, Loader=yaml.CSafeLoader)]


def found(query: Query, results: list[list[str]]) -> bool:
    """Whether the first TOP results show the expected page or, for "page/#anchor",
    that section. ``results``: per result page, the locations shown for it (Material
    shows the page and its best-matching sections; the rest fold under "more")."""
    for shown in results[:TOP]:
        if "#" in query.find:
            if query.find in shown:
                return True
        elif shown and shown[0].split("#", 1)[0] == query.find:
            return True
    return False


def best_first(groups: list[list[str]]) -> list[list[str]]:
    """The worker's answer (per page, every location, best first) as Material
    shows it: the best location of each page."""
    return [group[:1] for group in groups if group]
