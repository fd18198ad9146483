"""What every lint check is made of, and what it looks at."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from macros.data.document import FieldPath, YamlDocument
from macros.data.layout import DataFile as DataFile  # the lint reads the loader's files
from macros.data.model import Dataset
from macros.messages import Message as Message  # the lint's messages: the same type
from macros.problems import Problem
from macros.render.pages import Page


@dataclass
class LintContext:
    data_dir: Path
    root: Path
    docs_dir: Path | None  # hand-written pages (content/), for links to them
    today: dt.date
    max_age_days: int
    files: list[DataFile]
    loader_problems: list[Problem] = field(default_factory=list)
    dataset: Dataset | None = None  # None when the data has errors
    pages: list[Page] | None = None  # the generated pages, when the caller rendered them already

    def of_kind(self, kind: str) -> list[DataFile]:
        return [f for f in self.files if f.kind == kind]

    def single(self, kind: str) -> DataFile | None:
        found = self.of_kind(kind)
        return found[0] if found else None

    @property
    def framework_ids(self) -> list[str]:
        return sorted(f.id for f in self.of_kind("framework.schema.json") if f.id)


class Check:
    """A lint check. Subclasses set the class attributes and implement check()."""

    name: ClassVar[str]
    description: ClassVar[str]
    messages: ClassVar[dict[str, Message]]

    def check(self, ctx: LintContext) -> list[Problem]:
        raise NotImplementedError

    def fix(self, kind: str, text: str, doc: YamlDocument) -> str:
        """The file's text with this check's fixable problems repaired (``kind``: its schema).

        Only checks with fixable messages override this; the fix runner checks
        that comments and values survive before it keeps the result.
        """
        return text

    def prepare(self, files: list[DataFile]) -> None:
        """Read what the fix needs from all the files (the fix sees one document)."""

    def reading(self, value: Any) -> Any:
        """The values as the pages show them, for the fix runner to compare.

        The runner keeps a repair only if this is unchanged; a check whose fix
        rewrites text into an equivalent form (a fact reference) says here how
        to read that form.
        """
        return value

    @property
    def fixable(self) -> bool:
        return any(m.fixable for m in self.messages.values())

    def problem(
        self,
        kind: str,
        file: DataFile,
        path: FieldPath = (),
        *,
        key: bool = False,
        at: tuple[int, int] | None = None,
        **values: Any,
    ) -> Problem:
        """A problem of message ``kind``, placed at ``path`` in ``file`` (or ``at``)."""
        message = self.messages[kind]
        return file.problem(message, path, key=key, at=at, code=f"{self.name}.{kind}", **values)
