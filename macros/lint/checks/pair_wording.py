"""A verdict reads well on its own: pair pages show it beside one other framework.

"Flask vs Litestar" shows Flask's verdict on every topic; a verdict that says
"like FastAPI" reads oddly there. A warning, not an error: a comparison can be
the clearest way to say it, but then it is worth a second look.
"""

from __future__ import annotations

import re
from typing import ClassVar

from macros.data.text_rules import blank_code
from macros.lint.base import Check, LintContext, Message
from macros.problems import Problem, Severity


class PairWordingCheck(Check):
    name = "pair-wording"
    description = (
        "a framework's verdict names no other framework (pair pages show it beside one other)"
    )
    messages: ClassVar[dict[str, Message]] = {
        "names-other": Message(
            "{framework}'s verdict names {other}, but the pair page '{pair}' shows it "
            "without {other}",
            'say what {framework} does in its own terms ("no admin built in" rather than '
            '"unlike {other}"); comparisons belong in the text and the summary',
            Severity.WARNING,
        ),
    }

    def check(self, ctx: LintContext) -> list[Problem]:
        names: dict[str, str] = {}
        place: dict[str, tuple[int, str]] = {}  # the site's display order: pair pages use it
        for file in ctx.of_kind("framework.schema.json"):
            name, order = file.value.get("name"), file.value.get("order", 100)
            if file.id and isinstance(name, str) and name.strip():
                names[file.id] = name.strip()
                place[file.id] = (order if isinstance(order, int) else 100, file.id)
        patterns = {
            fid: re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])") for fid, name in names.items()
        }
        problems = []
        for file in ctx.of_kind("dimension.schema.json"):
            takes = file.value.get("frameworks")
            for framework, take in (takes if isinstance(takes, dict) else {}).items():
                verdict = take.get("verdict") if isinstance(take, dict) else None
                if not isinstance(verdict, str) or framework not in names:
                    continue
                prose = blank_code(verdict)
                for other, pattern in patterns.items():
                    third = next((f for f in names if f not in (framework, other)), None)
                    if other == framework or third is None or not pattern.search(prose):
                        continue
                    problems.append(
                        self.problem(
                            "names-other",
                            file,
                            ("frameworks", framework, "verdict"),
                            framework=names[framework],
                            other=names[other],
                            pair=" vs ".join(
                                names[f] for f in sorted((framework, third), key=place.__getitem__)
                            ),
                        )
                    )
        return problems


CHECK = PairWordingCheck()
