from __future__ import annotations

from pathlib import Path

from tests.lint.conftest import Lint, edit


def test_trailing_whitespace_and_final_newline(project: Path, lint: Lint) -> None:
    dim = project / "data/dimensions/architecture.yml"
    edit(dim, "title: Architecture\n", "title: Architecture  \n")
    edit(dim, "  How each project is organised.\n", "  How each project is organised.  \n")
    faq = project / "data/faq.yml"
    faq.write_text(faq.read_text().rstrip("\n"))
    assert lint("whitespace") == [
        "data/dimensions/architecture.yml:1:20: warning: trailing whitespace (scripts/lint --fix "
        "removes it)",
        "data/dimensions/architecture.yml:4:33: warning: trailing whitespace inside a text block "
        "(it is part of the text (two spaces make a line break in Markdown): remove it by hand "
        "unless you mean that)",
        "data/faq.yml:5:63: warning: the file does not end with a line break (scripts/lint --fix "
        "adds it)",
    ]
