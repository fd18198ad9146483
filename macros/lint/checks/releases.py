"""A framework's latest release is the one data/packages.yml records for it.

Both files state it (the profile shows it, packages.yml is what
scripts/check-freshness compares with PyPI); an editor who adds a framework
by hand easily writes another version or date than the entry already there.
"""

from __future__ import annotations

from typing import ClassVar

from macros.data.placeholders import SENTINELS
from macros.lint.base import Check, LintContext, Message
from macros.problems import Problem, Severity


class ReleasesCheck(Check):
    name = "releases"
    description = (
        "each framework's latest_release has the version and date of its data/packages.yml entry"
    )
    messages: ClassVar[dict[str, Message]] = {
        "differs": Message(
            "the latest release's {what} is {here}, but data/packages.yml:{line} records {there}",
            "write the release data/packages.yml records (scripts/check-freshness keeps that one "
            "current), or correct the entry there if this one is newer",
            Severity.WARNING,  # check-freshness --fix updates packages.yml first, by design
        ),
    }

    def check(self, ctx: LintContext) -> list[Problem]:
        packages = ctx.single("packages.schema.json")
        if packages is None or packages.doc is None:
            return []
        problems = []
        for file in ctx.of_kind("framework.schema.json"):
            framework = file.id or ""
            entry = packages.value.get(framework)
            release = file.value.get("latest_release")
            if not isinstance(entry, dict) or not isinstance(release, dict):
                continue
            line = packages.doc.key_mark((framework,))[0]
            for what, key, there in (
                ("version", "version", entry.get("version")),
                ("date", "date", entry.get("released")),
            ):
                here = release.get(key)
                if here is None or str(here) in SENTINELS or str(here) == str(there):
                    continue  # missing: the schema says so; a placeholder: its own warning
                problems.append(
                    self.problem(
                        "differs",
                        file,
                        ("latest_release", key),
                        what=what,
                        here=here,
                        line=line,
                        there=there,
                    )
                )
        return problems


CHECK = ReleasesCheck()
