"""Does a table cell's status contradict the cell's own words? A conservative keyword test.

It only flags what the words say plainly, so a correct cell is never reported:

- ``built-in`` while the cell says something must be added: an extension, a
  third-party package, an optional extra, "once ... is installed", or
  "none/nothing/not built in". Expected: partial (or an add-on status).
- ``not-available`` while the cell says something is built in (not negated
  by "no", "none", "nothing", "not" or "without" earlier in the same clause).
  Expected: built-in or partial.

Words inside code spans and citations are ignored. A cell that needs other
words to be read right can be reworded; the message quotes the words found.
"""

from __future__ import annotations

import re

from macros.data.text_rules import blank_code, strip_citations

# Words saying that a feature needs something besides the framework itself.
_ADD_ON = re.compile(
    r"\b(?:third-party|extensions?|extras?|plugins?|"
    r"once\s+.{1,40}?\s+is\s+installed|(?:none|nothing|not)\s+built[- ]in)\b",
    re.IGNORECASE,
)
_BUILT_IN = re.compile(r"\bbuilt[- ]in\b", re.IGNORECASE)
_NEGATION = re.compile(r"\b(?:no|none|nothing|not|without)\b", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[;,.:()]")


def _clause_before(text: str, end: int) -> str:
    """The text of the clause that runs up to ``end``."""
    starts = [m.end() for m in _CLAUSE_END.finditer(text, 0, end)]
    return text[starts[-1] if starts else 0 : end]


def contradiction(status: str, text: str) -> tuple[str, str] | None:
    """(the words that contradict ``status``, the status expected) or None."""
    words = strip_citations(text)
    prose = blank_code(words)  # same offsets, code spans blanked
    if status == "built-in":
        found = _ADD_ON.search(prose)
        if found:
            return words[found.start() : found.end()], "partial, official-extension or third-party"
    elif status == "not-available":
        for found in _BUILT_IN.finditer(prose):
            if not _NEGATION.search(_clause_before(prose, found.start())):
                return words[found.start() : found.end()], "built-in or partial"
    return None
