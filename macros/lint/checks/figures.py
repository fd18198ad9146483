"""A figure in the text is carried by a source cited in the same paragraph.

A reader who follows the footnote must find the date, version, percentage or
number there: in the source's `supports` line, its title, its URL or its
publication date. Added after the content audit of 2026-11-30 found versions
cited to another release's page and dates no cited source carried.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from macros.data.document import FieldPath
from macros.data.text_rules import citations
from macros.lint.base import Check, LintContext, Message
from macros.lint.prose import CLAIM, FIGURE, MONTHS, figures_need_sources, paragraphs, prose_fields
from macros.problems import Problem

# Figures that are the site's own findings, or that the text quotes to refute:
# (file, field with list items named by their id, figure) -> why no source carries it.
# A maintainer adds one after review; an excuse whose figure has left the text is
# reported by tests/lint/test_figures.py.
NOT_FROM_A_SOURCE = {
    ("data/dimensions/features-ecosystem.yml", "frameworks.flask.text", "2026-11-30"): (
        "the day they were tried"
    ),
    ("data/dimensions/analytics.yml", "frameworks.flask.text", "2026-11-30"): (
        "the day the failing import was tried"
    ),
    ("data/dimensions/analytics.yml", "frameworks.flask.text", "2025"): (
        "the 2025 article this site replaces"
    ),
    ("data/faq.yml", "questions.python-survey-figure.a", "48.2%"): (
        "the wrong figure the answer refutes"
    ),
    ("data/faq.yml", "questions.python-survey-figure.a", "2025"): (
        "the 2025 article this site replaces"
    ),
    ("data/dimensions/future-outlook.yml", "summary", "2026"): "when the site was written",
}


def stable_name(value: Any, path: FieldPath) -> str:
    """The field's name with each list position replaced by that item's id, if it has one."""
    parts: list[str] = []
    for part in path:
        if isinstance(value, dict):
            item = value.get(part)
        elif isinstance(value, list) and isinstance(part, int) and part < len(value):
            item = value[part]
        else:
            item = None
        if isinstance(part, int) and isinstance(item, dict) and isinstance(item.get("id"), str):
            parts.append(item["id"])
        else:
            parts.append(str(part))
        value = item
    return ".".join(parts)


def said(source: Any) -> str:
    """What a source entry says: its supports, title, URL and publication date."""
    if not isinstance(source, dict):
        return ""
    keys = ("supports", "title", "url", "published")
    text = " ".join(str(source.get(key) or "") for key in keys)
    # "45k" in a quote carries "45,000" in the text
    return re.sub(r"\b(\d+)k\b", lambda m: f"{int(m.group(1)) * 1000:,}", text)


def carried(figure: str, said: str, approximate: bool) -> bool:
    if figure in said:
        return True
    if m := re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", figure):
        year, month, day = int(m[1]), MONTHS[int(m[2]) - 1], int(m[3])
        return f"{day} {month} {year}" in said or f"{month} {day}, {year}" in said
    if m := re.fullmatch(r"(\w+) (\d{4})", figure):
        month = f"{MONTHS.index(m[1]) + 1:02d}"
        return bool(re.search(rf"{m[2]}-{month}|\d+ {m[1]} {m[2]}", said))
    if approximate and re.fullmatch(r"[\d,]+", figure):
        wanted = int(figure.replace(",", ""))
        numbers = (int(n.replace(",", "")) for n in re.findall(r"\d[\d,]*\d", said))
        return any(abs(n - wanted) <= wanted / 10 for n in numbers)
    return False


class FiguresCheck(Check):
    name = "figures"
    description = (
        "every date, version, percentage or number in the text is in what a source cited "
        "in the same paragraph supports (its supports line, title, URL or date)"
    )
    messages: ClassVar[dict[str, Message]] = {
        "not-carried": Message(
            "'{figure}' is in no source cited in this paragraph ({cited})",
            "cite the source that states {figure} here, or add it to that source's supports "
            "line in data/sources.yml if the page says it (re-read the page: supports quotes "
            "it); a figure that is the site's own finding needs a maintainer's review",
        ),
    }

    def check(self, ctx: LintContext) -> list[Problem]:
        if not figures_need_sources(ctx.files):  # off unless data/site.yml's content_rules asks
            return []
        file = ctx.single("sources.schema.json")
        sources = file.value if file else {}
        problems = []
        told: dict[str, str] = {}  # each source's words, worked out once (said() per citation
        # was half of the check)
        for file, path, text in prose_fields(ctx.files):
            name = stable_name(file.value, path)
            for offset, paragraph in paragraphs(text):
                ids = [source_id for _, source_id in citations(paragraph)]
                if not ids and CLAIM.search(paragraph):
                    continue  # the citations check reports it already
                for i in ids:
                    if i not in told:
                        told[i] = said(sources.get(i))
                words = " ".join(told[i] for i in ids)
                for m in FIGURE.finditer(paragraph):
                    figure = m.group(0)
                    if (file.path, name, figure) in NOT_FROM_A_SOURCE:
                        continue
                    approximate = paragraph[: m.start()].endswith("about ")
                    if carried(figure, words, approximate):
                        continue
                    at = file.doc.locate(path, offset + m.start()) if file.doc else None
                    cited = ", ".join(dict.fromkeys(ids)) or "none"
                    problems.append(
                        self.problem("not-carried", file, path, at=at, figure=figure, cited=cited)
                    )
        return problems


CHECK = FiguresCheck()
