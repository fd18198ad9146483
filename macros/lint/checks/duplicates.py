"""No two feature-table rows say the same thing (same label, or same values)."""

from __future__ import annotations

from typing import Any, ClassVar

from macros.lint.base import Check, DataFile, LintContext, Message
from macros.problems import Problem


class DuplicatesCheck(Check):
    name = "duplicates"
    description = "no two feature-table rows have the same label or the same values"
    messages: ClassVar[dict[str, Message]] = {
        "same-label": Message(
            "the label '{label}' is also the label of row '{other}' ({where})",
            "give each row its own label, or merge the two rows",
        ),
        "same-values": Message(
            "row '{row}' has the same values as row '{other}' ({where})",
            "merge the two rows, or check that the values were not copied by mistake",
        ),
    }

    def check(self, ctx: LintContext) -> list[Problem]:
        problems = []
        labels: dict[str, tuple[str, str]] = {}
        values: dict[tuple[tuple[str, str], ...], tuple[str, str]] = {}
        for file in sorted(ctx.of_kind("dimension.schema.json"), key=lambda f: f.path):
            for index, row in self.rows(file):
                row_id = str(row.get("id", index))
                where = self.where(file, ("table", index))
                label = row.get("label")
                if isinstance(label, str):
                    first = labels.setdefault(label.strip().casefold(), (row_id, where))
                    if first[1] != where:
                        problems.append(
                            self.problem(
                                "same-label",
                                file,
                                ("table", index, "label"),
                                label=label.strip(),
                                other=first[0],
                                where=first[1],
                            )
                        )
                cells = row.get("values")
                if isinstance(cells, dict) and len(cells) > 1:
                    key = tuple(sorted((k, str(v).strip()) for k, v in cells.items()))
                    first = values.setdefault(key, (row_id, where))
                    if first[1] != where:
                        problems.append(
                            self.problem(
                                "same-values",
                                file,
                                ("table", index, "values"),
                                key=True,
                                row=row_id,
                                other=first[0],
                                where=first[1],
                            )
                        )
        return problems

    @staticmethod
    def rows(file: DataFile) -> list[tuple[int, dict[str, Any]]]:
        table = file.value.get("table")
        if not isinstance(table, list):
            return []
        return [(i, row) for i, row in enumerate(table) if isinstance(row, dict)]

    @staticmethod
    def where(file: DataFile, path: tuple[str | int, ...]) -> str:
        line, column = file.doc.mark(path) if file.doc else (0, 0)
        return f"{file.path}:{line}:{column}"


CHECK = DuplicatesCheck()
