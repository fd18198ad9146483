"""The list of what is left to do that scripts/new-framework prints after its additions."""

from __future__ import annotations

from macros.data import placeholders
from macros.data.placeholders import MARKER, PLACEHOLDER_DATE
from macros.editor.additions import CHOOSE, Edit


def left(framework: str, source: str, edits: list[Edit]) -> list[str]:
    """What the editor still has to do, one step a line (EDITING.md, "Checklist: a new
    framework", says the same in more words)."""
    steps = [
        f"data/frameworks/{framework}.yml: replace every placeholder "
        f"('{MARKER}', 0.0.0, {PLACEHOLDER_DATE}, todo- ids)."
    ]
    by_kind: dict[str, list[Edit]] = {}
    for edit in edits:
        by_kind.setdefault(edit.kind, []).append(edit)
    if any(e.done for e in by_kind.get("sources.schema.json", [])):
        steps.append(
            f"data/sources.yml: '{source}' is a placeholder for {framework}'s releases, placed "
            f"where a source named '{framework}-...' sorts: fill it in there (renaming it keeps "
            f"the order), or cite real sources in data/frameworks/{framework}.yml and delete it."
        )
    for edit in by_kind.get("decision.schema.json", []):
        if edit.done:
            steps.append(
                f"data/decision.yml: in each criterion, replace {framework}'s weight (written as "
                f"'{placeholders.PLACEHOLDER_STATUS}') by 0 to 3 and write its reason; under "
                f"choose, list the situations that favour {framework}."
            )
    dimensions = by_kind.get("dimension.schema.json", [])
    takes = [e.shown for e in dimensions if "take" in e.done]
    cells = sum(1 for e in dimensions for w in e.done if w.startswith("value of row "))
    if takes:
        steps.append(
            f"data/dimensions/ ({len(takes)} files): write {framework}'s verdict (one line, in "
            "its own terms: pair pages show it beside one other framework) and text (100 words "
            f"or more, each fact with its [^source-id]), and its cell in each of the {cells} "
            "table rows."
        )
    rows: dict[str, list[str]] = {}  # file: its rows
    for edit in dimensions:
        for what in (w for w in edit.done if w.startswith("status of row ")):
            rows.setdefault(edit.shown, []).append(what.removeprefix("status of row "))
    if count := sum(map(len, rows.values())):
        steps.append(
            f"table statuses ({count} row{'s' * (count != 1)}): {framework}'s status is "
            f"written as '{placeholders.PLACEHOLDER_STATUS}'; set it to {CHOOSE}, or delete the "
            "line if no single status fits its cell:"
            + "".join(f"\n       {shown}: {', '.join(found)}" for shown, found in rows.items())
        )
    steps.append(
        f"data/site.yml: decide whether {framework} is one of the two 'featured' frameworks "
        "(the home page and the whole-comparison page show only those), and whether the "
        "title, question, short_picks and rules_of_thumb should name it."
    )
    for edit in edits:
        for what in edit.manual:
            steps.append(f"{edit.shown}: add {framework} by hand {what}.")
    return steps
