"""Every framework is covered: in every dimension (or listed as unknown) and the decision helper.

The loader reports these as errors, so scripts/validate, the preview and
`make build` name a framework left out, not only scripts/lint (whose coverage
check uses the same function and messages).

A framework listed under a dimension's `unknown:` is work in progress, like a
placeholder: a warning, so the preview shows the topic (with a banner) while
the editor reviews it, and scripts/validate and strict builds (`make build`)
refuse to publish "Not reviewed yet". No site setting allows it: a framework a
topic does not apply to gets an entry that says so, in the site's own words.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

from macros.data.document import FieldPath
from macros.data.layout import DataFile
from macros.messages import Message
from macros.problems import Problem, Severity

MESSAGES: dict[str, Message] = {
    "missing": Message(
        "framework '{framework}' has no entry",
        "add '{framework}:' under frameworks, or list it under 'unknown:' if this "
        "dimension does not cover it yet",
    ),
    "missing-cell": Message(
        "row '{row}' has no value for framework '{framework}'",
        "add '{framework}:' under values, or list the framework under 'unknown:'",
    ),
    "unknown-but-covered": Message(
        "framework '{framework}' is listed under unknown but has an entry",
        "remove it from 'unknown:' now that the dimension covers it",
    ),
    "not-reviewed": Message(
        "framework '{framework}' is not reviewed yet for the topic '{topic}'",
        "under frameworks, write '{framework}:' with its verdict and text, give it a value "
        "in each table row and a status where the row has them, then remove it from "
        "'unknown:'; a strict build refuses to publish a framework not reviewed",
        Severity.WARNING,
    ),
    "missing-weight": Message(
        "criterion '{criterion}' has no {what} for framework '{framework}'",
        "add '{framework}:' under {where} (scripts/new-framework adds placeholders for a "
        "new framework)",
    ),
    "missing-choice": Message(
        "framework '{framework}' has no situations under choose",
        "add '{framework}:' under choose with at least one situation that favours it",
    ),
}


class _Coverage:
    def problem(
        self, kind: str, file: DataFile, path: FieldPath = (), *, key: bool = False, **values: Any
    ) -> Problem:
        return file.problem(MESSAGES[kind], path, key=key, **values)

    def problems(self, files: Iterable[DataFile]) -> list[Problem]:
        files = list(files)
        frameworks = sorted(f.id for f in files if f.kind == "framework.schema.json" and f.id)
        problems = []
        for file in files:
            if file.kind == "dimension.schema.json":
                problems += self._dimension(file, frameworks)
            elif file.kind == "decision.schema.json":
                problems += self._decision(file, frameworks)
        return problems

    def _dimension(self, file: DataFile, frameworks: list[str]) -> list[Problem]:
        problems = []
        value = file.value
        takes = value.get("frameworks")
        unknown = _list(value.get("unknown"))
        if not isinstance(takes, dict):
            return []  # the schema check reports it
        for framework in frameworks:
            if framework not in takes and framework not in unknown:
                if _misspelt(framework, takes, frameworks):
                    continue
                problems.append(
                    self.problem("missing", file, ("frameworks",), key=True, framework=framework)
                )
        topic = value.get("title") if isinstance(value.get("title"), str) else file.id
        for index, framework in enumerate(unknown):
            if framework in takes:
                problems.append(
                    self.problem(
                        "unknown-but-covered", file, ("unknown", index), framework=framework
                    )
                )
            elif framework in frameworks:  # an unknown id: the reference check reports it
                problems.append(
                    self.problem(
                        "not-reviewed",
                        file,
                        ("unknown", index),
                        framework=framework,
                        topic=str(topic).strip(),
                    )
                )
        for index, row in enumerate(_list(value.get("table"))):
            cells = row.get("values") if isinstance(row, dict) else None
            if not isinstance(cells, dict):
                continue
            for framework in frameworks:
                if framework not in cells and framework not in unknown:
                    if _misspelt(framework, cells, frameworks):
                        continue
                    problems.append(
                        self.problem(
                            "missing-cell",
                            file,
                            ("table", index, "values"),
                            key=True,
                            row=row.get("id", index),
                            framework=framework,
                        )
                    )
        return problems

    def _decision(self, file: DataFile, frameworks: list[str]) -> list[Problem]:
        problems = []
        value = file.value
        for index, criterion in enumerate(_list(value.get("criteria"))):
            if not isinstance(criterion, dict):
                continue
            for where, what in (("weights", "weight"), ("reasons", "reason")):
                given = criterion.get(where)
                if not isinstance(given, dict):
                    continue  # the schema check reports it
                for framework in frameworks:
                    if framework not in given and not _misspelt(framework, given, frameworks):
                        problems.append(
                            self.problem(
                                "missing-weight",
                                file,
                                ("criteria", index, where),
                                key=True,
                                criterion=criterion.get("id", index),
                                what=what,
                                where=where,
                                framework=framework,
                            )
                        )
        choose = value.get("choose")
        if isinstance(choose, dict):
            for framework in frameworks:
                if framework not in choose and not _misspelt(framework, choose, frameworks):
                    problems.append(
                        self.problem(
                            "missing-choice", file, ("choose",), key=True, framework=framework
                        )
                    )
        return problems


def coverage_problems(files: Iterable[DataFile]) -> list[Problem]:
    """Every place a framework is left out (errors)."""
    return _Coverage().problems(files)


def _misspelt(framework: str, given: dict[Any, Any], frameworks: list[str]) -> bool:
    """A key close to ``framework`` is there: the reference check reports it with "did you mean"."""
    others = [str(key) for key in given if key not in frameworks]
    return bool(difflib.get_close_matches(framework, others, n=1, cutoff=0.6))


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
