from __future__ import annotations

from pathlib import Path

from tests.lint.conftest import Lint, edit


def test_a_framework_without_an_entry_or_a_table_value(project: Path, lint: Lint) -> None:
    dim = project / "data/dimensions/architecture.yml"
    edit(
        dim,
        "  beta:\n    verdict: Full-stack.\n    text: |\n      Beta gives you everything.\n",
        "",
    )
    edit(dim, "      beta: Full-stack\n", "")
    assert lint("coverage") == [
        "data/dimensions/architecture.yml:6:1: frameworks: framework 'beta' has no entry "
        "(add 'beta:' under frameworks, or list it under 'unknown:' if this dimension does "
        "not cover it yet)",
        "data/dimensions/architecture.yml:14:5: table[0].values: row 'architecture' has no "
        "value for framework 'beta' (add 'beta:' under values, or list the framework under "
        "'unknown:')",
    ]


def test_unknown_excuses_a_missing_framework_with_a_warning(project: Path, lint: Lint) -> None:
    """Listed under unknown: no coverage error, but a warning naming the framework and the
    topic (like a placeholder: the preview shows it, a strict build refuses it)."""
    dim = project / "data/dimensions/architecture.yml"
    edit(
        dim,
        "  beta:\n    verdict: Full-stack.\n    text: |\n      Beta gives you everything.\n",
        "",
    )
    edit(dim, "      beta: Full-stack\n", "")
    edit(dim, "table:", "unknown: [beta]\ntable:")
    assert lint("coverage") == [
        "data/dimensions/architecture.yml:11:11: warning: unknown[0]: framework 'beta' is not "
        "reviewed yet for the topic 'Architecture' (under frameworks, write 'beta:' with its "
        "verdict and text, give it a value in each table row and a status where the row has "
        "them, then remove it from 'unknown:'; a strict build refuses to publish a framework "
        "not reviewed)",
    ]


def test_unknown_but_covered(project: Path, lint: Lint) -> None:
    edit(project / "data/dimensions/architecture.yml", "table:", "unknown: [beta]\ntable:")
    assert lint("coverage") == [
        "data/dimensions/architecture.yml:15:11: unknown[0]: framework 'beta' is listed under "
        "unknown but has an entry (remove it from 'unknown:' now that the dimension covers it)",
    ]


def test_a_new_framework_is_reported_in_every_dimension(project: Path, lint: Lint) -> None:
    (project / "data/frameworks/gamma.yml").write_text(
        (project / "data/frameworks/beta.yml").read_text()
    )
    assert [p.split(": ", 2)[2] for p in lint("coverage")] == [
        "framework 'gamma' has no entry (add 'gamma:' under frameworks, or list it under "
        "'unknown:' if this dimension does not cover it yet)",
        "row 'architecture' has no value for framework 'gamma' (add 'gamma:' under values, or "
        "list the framework under 'unknown:')",
        "framework 'gamma' has no entry (add 'gamma:' under frameworks, or list it under "
        "'unknown:' if this dimension does not cover it yet)",
        "row 'templating' has no value for framework 'gamma' (add 'gamma:' under values, or "
        "list the framework under 'unknown:')",
    ]
