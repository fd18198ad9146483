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
    """Whether the first TOP results (one list of locations per page, best first)
    show the expected page, or, for "page/#anchor", that section as the page's best."""
    for group in results[:TOP]:
        if not group:
            continue
        if "#" in query.find:
            if group[0] == query.find:
                return True
        elif group[0].split("#", 1)[0] == query.find:
            return True
    return False
