"""A save that removes rows, questions or most of a text is noticed (issue 24, part 3)."""

from __future__ import annotations

from macros.data.file_reader import check_data_file
from macros.data.layout import DataFile, FileKind
from macros.preview.content_loss import ContentWatch

PATH = "data/dimensions/security.yml"
LONG = " ".join(f"word{i}" for i in range(40))
WHOLE = f"""title: Security
order: 10
summary: |
  How each project keeps you safe.
last_reviewed: 2026-11-01
frameworks:
  alpha:
    verdict: Careful.
    text: |
      {LONG}
table:
  - id: csrf
    label: CSRF
    values:
      alpha: built-in
  - id: csp
    label: CSP
    values:
      alpha: third-party
faq:
  - id: which-is-more-secure
    q: Which is more secure?
    a: |
      {LONG}
"""


def read(text: str) -> DataFile:
    file, _ = check_data_file(text.encode(), PATH, FileKind.DIMENSION, "security")
    assert file is not None and file.doc is not None
    return file


def test_a_truncated_save_says_what_disappeared_and_where() -> None:
    watch = ContentWatch()
    assert watch.check([read(WHOLE)]) == []
    cut = WHOLE[: WHOLE.index("  - id: csp")] + "  - id: cs"  # cut mid-line, no line break
    [problem] = watch.check([read(cut)])
    assert problem.path == PATH and problem.severity == "warning"
    assert problem.message == (
        "since the last good build, this save removed the table row 'csp' "
        "and the question 'which-is-more-secure'"
    )
    assert "does not end with a line break" in problem.hint
    assert "git diff data/dimensions/security.yml" in problem.hint
    # an unrelated save keeps the warning; restoring the content ends it
    assert len(watch.check([read(cut)])) == 1
    assert watch.check([read(WHOLE)]) == []


def test_most_of_a_text_lost_is_noticed_a_small_edit_is_not() -> None:
    watch = ContentWatch()
    watch.check([read(WHOLE)])
    shorter = WHOLE.replace(LONG, " ".join(LONG.split()[:25]), 1)  # 15 of 40 words gone
    assert watch.check([read(shorter)]) == []
    gutted = WHOLE.replace(LONG, "word0 word1", 1)
    [problem] = watch.check([read(gutted)])
    # compared with the last good build: the shorter one
    assert problem.message.endswith("23 of the 25 words of frameworks.alpha.text")
    assert "line break" not in problem.hint  # a whole save: deletions can be intended


def test_the_question_text_is_not_named_twice_with_its_question() -> None:
    watch = ContentWatch()
    watch.check([read(WHOLE)])
    without = WHOLE[: WHOLE.index("faq:")]
    [problem] = watch.check([read(without)])
    assert problem.message.endswith("removed the question 'which-is-more-secure'")
