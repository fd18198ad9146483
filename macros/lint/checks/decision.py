"""One decision model: the answers readers act on agree with the weights and the table.

- Each rule of thumb and each pick of the short answer (data/site.yml) names
  decision criteria (data/decision.yml); those criteria must weigh its pick
  highest, alone, as the helper adds them up.
- Each criterion names the table rows it rests on; a reason without a
  ``[^source-id]`` in a criterion without rows cites nothing.
- Every table row where "how is it provided" applies has a status for every
  framework, and no status contradicts its cell's own words (:mod:`status_words`).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any, ClassVar

from macros.data.placeholders import STATUSES_TO_CHOOSE as STATUS_CHOICES
from macros.data.text_rules import citations
from macros.lint.base import Check, DataFile, LintContext, Message
from macros.lint.checks.status_words import contradiction
from macros.problems import Problem


def _suggest(wanted: str, known: list[str]) -> str:
    close = difflib.get_close_matches(wanted, known, n=1, cutoff=0.6)
    return f": did you mean '{close[0]}'?" if close else f" (known: {', '.join(known)})"


class DecisionCheck(Check):
    name = "decision"
    description = (
        "rules of thumb and the short answer pick what their criteria weigh highest, "
        "every reason cites a source or rests on table rows, every row that can has a "
        "status for every framework, and no status contradicts its cell"
    )
    messages: ClassVar[dict[str, Message]] = {
        "no-criteria": Message(
            "the {what} '{case}' names no decision criteria: expected 'criteria:' with "
            "ids from data/decision.yml",
            "list the criteria it rests on under criteria:, so its pick is checked against "
            "their weights and its reasons come from them (then remove why:)",
        ),
        "unknown-criterion": Message(
            "'{criterion}' is not a criterion in data/decision.yml",
            "use a criterion's id{suggestion}",
        ),
        "pick": Message(
            "the {what} '{case}' picks {pick}, but its criteria weigh {leader} highest "
            "({scores}): expected {leader}",
            "pick {leader}, or name the criteria that make {pick} the better fit; if a "
            "weight is wrong, change it in data/decision.yml and cite its source",
        ),
        "tie": Message(
            "the {what} '{case}' picks {pick}, but its criteria weigh {leaders} equally "
            "({scores}): expected one framework ahead",
            "add the criterion that separates them, or correct a weight in data/decision.yml "
            "with a source; a tie is no reason to recommend one",
        ),
        "unknown-row": Message(
            "criterion '{criterion}' rests on the table row '{row}', which does not exist",
            "use the id of a table row in data/dimensions/*.yml{suggestion}",
        ),
        "uncited-reason": Message(
            "the reason for {framework} in criterion '{criterion}' cites nothing: expected a "
            "[^source-id] citation, or table rows under the criterion's rows:",
            "cite the source that supports the reason with [^source-id], or list the ids of "
            "the table rows it rests on under rows:",
        ),
        "status-missing": Message(
            "row '{row}' has no status for {framework}: expected one of {choices}",
            "write how {framework} provides this row's feature under status:, or set "
            "no_status: true if the row only describes (like Architecture)",
        ),
        "status-not-applicable": Message(
            "row '{row}' sets no_status: true but has statuses",
            "remove status: from the row, or remove no_status: true",
        ),
        "status-text": Message(
            "status '{status}' for {framework} contradicts the cell, which says '{words}': "
            "expected {expected}",
            "change the status to {expected}, or reword the cell if it is wrong "
            "(the check looks for words such as 'extension', 'third-party', 'extra', "
            "'none built in' and 'built in')",
        ),
    }

    def check(self, ctx: LintContext) -> list[Problem]:
        decision = ctx.single("decision.schema.json")
        # The helper rests on the statuses, so with one every row needs them; without
        # one (small test data), a row with some statuses still needs them all.
        problems = list(self._statuses(ctx, every_row=decision is not None))
        if decision is None or not isinstance(decision.value, dict):
            return problems
        criteria = {
            c["id"]: c
            for c in decision.value.get("criteria", [])
            if isinstance(c, dict) and "id" in c
        }
        row_ids = [
            row["id"]
            for file in ctx.of_kind("dimension.schema.json")
            if isinstance(file.value, dict)
            for row in file.value.get("table", [])
            if isinstance(row, dict) and "id" in row
        ]
        problems += self._criteria(decision, criteria, set(row_ids), sorted(row_ids))
        site = ctx.single("site.schema.json")
        if site is not None and isinstance(site.value, dict):
            problems += self._picks(site, criteria)
        return problems

    def _criteria(
        self,
        file: DataFile,
        criteria: dict[str, dict[str, Any]],
        row_ids: set[str],
        known: list[str],
    ) -> Iterator[Problem]:
        for index, criterion in enumerate(file.value["criteria"]):
            if not isinstance(criterion, dict) or criterion.get("id") not in criteria:
                continue
            rows = criterion.get("rows") or []
            for i, row in enumerate(rows):
                if row not in row_ids:
                    yield self.problem(
                        "unknown-row",
                        file,
                        ("criteria", index, "rows", i),
                        criterion=criterion["id"],
                        row=row,
                        suggestion=_suggest(row, known),
                    )
            if rows:
                continue
            for framework, reason in (criterion.get("reasons") or {}).items():
                if isinstance(reason, str) and not citations(reason):
                    yield self.problem(
                        "uncited-reason",
                        file,
                        ("criteria", index, "reasons", framework),
                        framework=framework,
                        criterion=criterion["id"],
                    )

    def _picks(self, site: DataFile, criteria: dict[str, dict[str, Any]]) -> Iterator[Problem]:
        for key, what, label in (
            ("rules_of_thumb", "rule of thumb", "case"),
            ("short_picks", "short answer's pick", "when"),
        ):
            for index, entry in enumerate(site.value.get(key) or []):
                if isinstance(entry, dict):
                    yield from self._pick(
                        site, (key, index), entry, what, entry.get(label, ""), criteria
                    )

    def _pick(
        self,
        site: DataFile,
        path: tuple[str, int],
        entry: dict[str, Any],
        what: str,
        case: str,
        criteria: dict[str, dict[str, Any]],
    ) -> Iterator[Problem]:
        named = entry.get("criteria") or []
        if not named:
            yield self.problem("no-criteria", site, path, what=what, case=case)
            return
        unknown = [c for c in named if c not in criteria]
        for i, criterion in enumerate(named):
            if criterion in unknown:
                yield self.problem(
                    "unknown-criterion",
                    site,
                    (*path, "criteria", i),
                    criterion=criterion,
                    suggestion=_suggest(criterion, sorted(criteria)),
                )
        if unknown:
            return
        totals: dict[str, int] = {}
        for criterion in named:
            for framework, weight in (criteria[criterion].get("weights") or {}).items():
                if isinstance(weight, int):  # not the placeholder 'todo'
                    totals[framework] = totals.get(framework, 0) + weight
        if not totals:
            return
        top = max(totals.values())
        leaders = [f for f, total in totals.items() if total == top]
        pick = entry.get("pick", "")
        scores = ", ".join(f"{f} {t}" for f, t in sorted(totals.items(), key=lambda i: -i[1]))
        if pick in leaders and len(leaders) == 1:
            return
        if pick in leaders:
            yield self.problem(
                "tie",
                site,
                (*path, "pick"),
                what=what,
                case=case,
                pick=pick,
                leaders=" and ".join(leaders),
                scores=scores,
            )
        else:
            yield self.problem(
                "pick",
                site,
                (*path, "pick"),
                what=what,
                case=case,
                pick=pick,
                leader=" and ".join(leaders),
                scores=scores,
            )

    def _statuses(self, ctx: LintContext, *, every_row: bool) -> Iterator[Problem]:
        frameworks = ctx.framework_ids
        for file in ctx.of_kind("dimension.schema.json"):
            if not isinstance(file.value, dict):
                continue
            unknown = set(file.value.get("unknown") or [])
            for index, row in enumerate(file.value.get("table") or []):
                if not isinstance(row, dict):
                    continue
                if every_row or row.get("status"):
                    covered = [f for f in frameworks if f not in unknown]
                    yield from self._row(file, index, row, covered)

    def _row(
        self, file: DataFile, index: int, row: dict[str, Any], frameworks: list[str]
    ) -> Iterator[Problem]:
        path = ("table", index)
        status = row.get("status") or {}
        values = row.get("values") or {}
        if row.get("no_status") is True:
            if status:
                yield self.problem(
                    "status-not-applicable", file, (*path, "status"), key=True, row=row.get("id")
                )
            return
        for framework in frameworks:
            if framework not in status and framework in values:
                yield self.problem(
                    "status-missing",
                    file,
                    (*path, "status") if status else path,
                    key=bool(status),
                    row=row.get("id"),
                    framework=framework,
                    choices=STATUS_CHOICES,
                )
        for framework, value in status.items():
            text = values.get(framework)
            if not isinstance(text, str):
                continue
            found = contradiction(value, text)
            if found is not None:
                words, expected = found
                yield self.problem(
                    "status-text",
                    file,
                    (*path, "status", framework),
                    status=value,
                    framework=framework,
                    words=words,
                    expected=expected,
                )


CHECK = DecisionCheck()
