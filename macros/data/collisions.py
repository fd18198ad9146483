"""Ids that would give two things one address (issue 11).

Dimension and framework ids become anchors and page paths: a dimension called
``verdict`` would share ``#verdict`` with the home page's own verdict section, a
dimension ``orm`` next to ``orm-flask`` would make ``#orm-flask`` twice, and a
framework ``alpha-vs-beta`` next to ``gamma`` makes the same pair page as
``alpha`` and ``beta-vs-gamma``. A link then reaches only one of them. Each
collision is refused at the data file, naming both places: between two data
files, at the one with the longer id (it spells out the other's address), of
two ids as long at the later path (:func:`introduced_by`). The templates'
own anchors come from the template files (macros.render.template_anchors, passed
in by the check pipeline: the data layer reads no template), so the list never
goes stale.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from macros import messages
from macros.data.layout import DataFile, FileKind
from macros.problems import Problem

# Template name -> {anchor: where the template writes it} (macros.render.template_anchors).
TemplateAnchors = Mapping[str, Mapping[str, str]]


def introduced_by(a: DataFile, b: DataFile) -> bool:
    """Whether ``a`` rather than ``b`` is the file a collision between them is filed under.

    The stable rule the message states: the file with the longer id, which spells out
    the other's address ('architecture-alpha' beside 'architecture' and 'alpha'); of
    two ids as long, the later path. Never the one an editor left alone because a
    later loop reached it second.
    """
    return (len(str(a.id)), a.path) > (len(str(b.id)), b.path)


class _Page:
    """The addresses one page (or the site's paths) holds, and who made each."""

    def __init__(self, name: str, fixed: Mapping[str, str]) -> None:
        self.name = name
        # address -> (who made it, the data file, what, the address as the message says it)
        self.made: dict[str, tuple[str, DataFile | None, str, str]] = {
            address: (where, None, "", "") for address, where in fixed.items()
        }
        self.problems: list[Problem] = []

    def add(self, address: str, file: DataFile, what: str, made: str) -> None:
        first = self.made.get(address)
        if first is None:
            self.made[address] = (file.path, file, what, made)
            return
        other, earlier, earlier_what, earlier_made = first
        if earlier is not None and introduced_by(earlier, file):
            # the earlier file spells out the address: the message goes there
            other, file, what, made = file.path, earlier, earlier_what, earlier_made
        code = "id-collision" if earlier is None else "id-collision-files"
        problem = Problem(
            file.path,
            0,
            0,
            "",
            messages.text(code, what=what, id=file.id, made=made, other=other),
            messages.hint(code),
        )
        if problem not in self.problems:
            self.problems.append(problem)


def check_collisions(loaded: Iterable[DataFile], fixed: TemplateAnchors) -> list[Problem]:
    """Every id that would share an address; ``fixed``: the templates' own anchors."""
    files = list(loaded)
    frameworks = [f for f in files if f.kind is FileKind.FRAMEWORK and f.id]
    dimensions = [f for f in files if f.kind is FileKind.DIMENSION and f.id]

    problems: list[Problem] = []
    # The whole comparison on one page (article.md.j2 with dimension.md.j2).
    article = _Page("the one-page comparison", fixed.get("article.md.j2", {}))
    for fw in frameworks:  # the one-page comparison shows every framework
        article.add(f"profile-{fw.id}", fw, "framework", f"#profile-{fw.id} on one-page")
    for dim in dimensions:
        article.add(str(dim.id), dim, "dimension", f"#{dim.id} on one-page")
    for dim in dimensions:
        for fw in frameworks:
            anchor = f"{dim.id}-{fw.id}"
            article.add(anchor, dim, "dimension", f"#{anchor} on one-page")
    problems += article.problems
    # The home page: a section per dimension beside its own sections.
    hub = _Page("the home page", fixed.get("hub.md.j2", {}))
    for dim in dimensions:
        hub.add(str(dim.id), dim, "dimension", f"#{dim.id} on the home page")
        for fw in frameworks:  # each topic's verdicts, one per framework
            hub.add(f"{dim.id}-{fw.id}", dim, "dimension", f"#{dim.id}-{fw.id} on the home page")
    problems += hub.problems
    # Each topic page: a section per framework beside its own sections.
    for dim in dimensions:
        topic = _Page(f"the {dim.id} page", fixed.get("topic.md.j2", {}))
        for fw in frameworks:
            anchor = f"{dim.id}-{fw.id}"
            topic.add(anchor, fw, "framework", f"#{anchor} on the {dim.id} page")
        problems += topic.problems
    return problems + _pair_pages(frameworks)


def _pair_pages(frameworks: list[DataFile]) -> list[Problem]:
    """A framework id like 'alpha-vs-beta' next to 'alpha' and 'beta', and pair paths twice."""
    if len(frameworks) <= 2:
        return []  # no framework or pair pages
    ids = {str(f.id) for f in frameworks}
    problems = []
    for fw in frameworks:
        parts = str(fw.id).split("-vs-")
        for cut in range(1, len(parts)):
            left, right = "-vs-".join(parts[:cut]), "-vs-".join(parts[cut:])
            if left in ids and right in ids:
                problems.append(
                    Problem(
                        fw.path,
                        0,
                        0,
                        "",
                        messages.text(
                            "id-collision",
                            what="framework",
                            id=fw.id,
                            made=f"the name of a pair page ({fw.id})",
                            other=f"the pair page of '{left}' and '{right}'",
                        ),
                        messages.hint("id-collision"),
                    )
                )
                break
    ordered = sorted(
        frameworks, key=lambda f: (f.value.get("order", 0), str(f.value.get("name", "")).lower())
    )
    paths = _Page("the site", {})
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            path = f"compare/{a.id}-vs-{b.id}.md"
            paths.add(path, b, "framework", f"the pair page {path} (with '{a.id}')")
    return problems + paths.problems
