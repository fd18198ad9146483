"""Stable ordering: sources.yml keys in alphabetical order, dimension orders unique."""

from __future__ import annotations

import itertools
from collections import Counter
from typing import ClassVar

from macros.data.document import YamlDocument
from macros.data.placeholders import PLACEHOLDER_ID
from macros.lint.base import Check, LintContext, Message
from macros.problems import Problem, Severity


class OrderingCheck(Check):
    name = "ordering"
    description = "sources.yml keys are in alphabetical order and no two dimensions share an order"
    messages: ClassVar[dict[str, Message]] = {
        "sources-order": Message(
            "the sources are not in alphabetical order: '{source}' comes after '{previous}'",
            "scripts/lint --fix sorts them; comments move with their entry",
            Severity.WARNING,
            fixable=True,
        ),
        "order-taken": Message(
            "order {order} is also used by {other}",
            "give each dimension its own order, leaving gaps (10, 20, 30) for new ones",
        ),
    }

    def check(self, ctx: LintContext) -> list[Problem]:
        problems = []
        sources = ctx.single("sources.schema.json")
        if sources is not None:
            # A placeholder source (todo-<framework>-source) sits where its real id will
            # sort: scripts/new-framework puts it there, so it is left out here.
            keys = [key for key in sources.value if not PLACEHOLDER_ID.fullmatch(str(key))]
            for previous, key in itertools.pairwise(keys):
                if key < previous:
                    problems.append(
                        self.problem(
                            "sources-order",
                            sources,
                            (key,),
                            key=True,
                            source=key,
                            previous=previous,
                        )
                    )
                    break  # one is enough: --fix sorts them all
        taken: dict[int, str] = {}
        for file in sorted(ctx.of_kind("dimension.schema.json"), key=lambda f: f.path):
            order = file.value.get("order")
            if not isinstance(order, int) or isinstance(order, bool):
                continue
            if order in taken:
                problems.append(
                    self.problem("order-taken", file, ("order",), order=order, other=taken[order])
                )
            else:
                taken[order] = file.path
        return problems

    def fix(self, kind: str, text: str, doc: YamlDocument) -> str:
        return sort_top_level(text, doc) if kind == "sources.schema.json" else text


def sort_top_level(text: str, doc: YamlDocument) -> str:
    """The file with its top-level entries sorted by key, comments and spacing kept.

    An entry is its key line, the lines under it and the comment lines directly
    above it (no blank line between). The comment at the top of the file stays
    there when a blank line separates it from the first entry. Entries are
    joined by the blank-line spacing the file used most.
    """
    if not isinstance(doc.value, dict):
        return text
    keys = list(doc.value)
    if keys == sorted(keys):
        return text
    marks = [doc.key_marks[(key,)] for key in keys]
    if any(column != 1 for _, column in marks):
        return text  # a flow mapping ({a: ..., b: ...}): leave it to the editor
    lines = text.split("\n")
    starts = []
    for line, _ in marks:
        start = line - 1
        while start > 0 and lines[start - 1].startswith("#"):
            start -= 1
        starts.append(start)
    header = lines[: starts[0]]
    bodies: list[list[str]] = []
    gaps: list[int] = []
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else len(lines)
        block = lines[start:end]
        body_end = len(block)
        while body_end > 1 and not block[body_end - 1].strip():
            body_end -= 1
        bodies.append(block[:body_end])
        gaps.append(len(block) - body_end)
    tail = [""] * gaps[-1]
    gap = Counter(gaps[:-1]).most_common(1)[0][0] if len(gaps) > 1 else 0
    ordered = [body for _, body in sorted(zip(keys, bodies, strict=True))]
    out = list(header)
    for index, body in enumerate(ordered):
        if index:
            out += [""] * gap
        out += body
    return "\n".join(out + tail)


CHECK = OrderingCheck()
