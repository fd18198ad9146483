from __future__ import annotations

from pathlib import Path

from tests.lint.conftest import Lint, edit


def test_rows_with_the_same_label_or_values(project: Path, lint: Lint) -> None:
    dim = project / "data/dimensions/templates.yml"
    edit(dim, "    label: Templating\n", "    label: architecture\n")
    edit(
        dim,
        "faq:",
        "  - id: stack\n    label: Stack\n    values:\n      alpha: Micro-framework\n"
        "      beta: Full-stack\nfaq:",
    )
    assert lint("duplicates") == [
        "data/dimensions/templates.yml:25:12: table[0].label: the label 'architecture' is also "
        "the label of row 'architecture' (data/dimensions/architecture.yml:16:5) (give each row "
        "its own label, or merge the two rows)",
        "data/dimensions/templates.yml:31:5: table[1].values: row 'stack' has the same values as "
        "row 'architecture' (data/dimensions/architecture.yml:16:5) (merge the two rows, or "
        "check that the values were not copied by mistake)",
    ]
