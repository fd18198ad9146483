"""Unquoted values that YAML 1.1 turns into something other than the text written.

``no`` becomes false, ``3.10`` becomes 3.1 and ``1e3`` becomes 1000.0; where
the schema expects text, the loader rejects them (this check reports them in
the loader's words, so every entry point says the same) and this check fixes
them by quoting the value exactly as written.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import ClassVar

from macros.data.document import FieldPath, YamlDocument, value_at
from macros.data.schema_refs import schema_at
from macros.lint.base import Check, LintContext, Message
from macros.problems import Problem


@dataclass(frozen=True)
class Surprise:
    path: FieldPath
    raw: str
    what: str  # "a yes/no value", "a number"
    line: int
    column: int


def surprises(doc: YamlDocument, kind: str) -> list[Surprise]:
    found = []
    for path, raw in doc.raw.items():
        value = value_at(doc.value, path)
        if value is None or isinstance(value, str) or not raw:
            continue  # empty values and nulls are the schema's business
        span = doc.spans.get(path)
        if span is None or span.style:
            continue
        schema = schema_at(kind, path)
        if schema is None or schema.get("type") != "string":
            continue
        what = "a yes/no value" if isinstance(value, bool) else "a number"
        found.append(Surprise(path, raw, what, span.line, span.column))
    return found


def quoted(raw: str) -> str:
    """The raw text as a YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(raw, ensure_ascii=False)


class QuotingCheck(Check):
    name = "quoting"
    description = "text that YAML would read as a yes/no value or a number is quoted"
    messages: ClassVar[dict[str, Message]] = {
        "yaml11": Message(
            "YAML reads {raw} as {what}, not as text",
            "put it in quotes so it stays as written: {quoted} (scripts/lint --fix does this)",
            fixable=True,
        ),
    }

    def check(self, ctx: LintContext) -> list[Problem]:
        """Each surprise, in the loader's words where it reports the same spot (one
        mistake, one message from every entry point), marked as this check's (fixable)."""
        loader = {(p.path, p.line, p.column): p for p in ctx.loader_problems}
        found = []
        for file in ctx.files:
            if file.doc is None:
                continue
            for s in surprises(file.doc, file.kind):
                problem = self.problem(
                    "yaml11",
                    file,
                    s.path,
                    at=(s.line, s.column),
                    raw=s.raw,
                    what=s.what,
                    quoted=quoted(s.raw),
                )
                same = loader.get((problem.path, problem.line, problem.column))
                found.append(replace(same, code=problem.code) if same else problem)
        return found

    def fix(self, kind: str, text: str, doc: YamlDocument) -> str:
        lines = text.split("\n")
        # Right to left, so earlier columns on the same line stay valid.
        for s in sorted(surprises(doc, kind), key=lambda s: (s.line, s.column), reverse=True):
            line = lines[s.line - 1]
            start = s.column - 1
            if line[start : start + len(s.raw)] == s.raw:
                lines[s.line - 1] = line[:start] + quoted(s.raw) + line[start + len(s.raw) :]
        return "\n".join(lines)


CHECK = QuotingCheck()
