"""Layer 2 of issue 11: what each Markdown field becomes, judged as HTML.

Each field is rendered by the site's one Markdown factory
(:class:`macros.render.markdown.MarkdownFactory`, built from mkdocs.yml's
extensions and settings) and its HTML read by :mod:`macros.safety.fragment`.
A field that already broke a text rule is skipped (one report per mistake),
each distinct text is rendered once, and the verdicts are kept on disk between
builds, keyed by the text, the Markdown configuration, the installed Markdown
packages and the auditor's own source: an unchanged text is never rendered
again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from macros import messages
from macros.data.facts import resolve
from macros.data.layout import DataFile
from macros.data.loader import facts_of
from macros.data.schema import field_name
from macros.problems import Problem
from macros.render.markdown import MarkdownFactory
from macros.safety import fragment, policy
from macros.safety.fragment import fragment_problems
from macros.sealed_cache import read_sealed, write_sealed


def _fingerprint(current: MarkdownFactory) -> str:
    """Changes with what the conversion depends on (the factory's fingerprint) and with
    the auditor's code."""
    return _with_auditor(current.fingerprint())


@lru_cache(maxsize=8)
def _with_auditor(conversion: str) -> str:
    """(Once per process: the auditor's code does not change while a preview runs.)"""
    parts = [
        conversion,
        *(Path(m.__file__ or "").read_text(encoding="utf-8") for m in (fragment, policy)),
    ]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:16]


# Verdicts read or worked out in this process, by cache file, then by text (with the text's
# digest, the file's key). The preview audits every field on every save and a save changes a
# few: reading, unsealing and hashing them all again was a fiftieth of a rebuild.
_known: dict[Path, dict[str, tuple[str, list[str]]]] = {}


def _verdicts(
    texts: set[str], site: MarkdownFactory, cache_dir: Path | None
) -> dict[str, list[str]]:
    """Each text's problems, from the cache where it has them."""
    cache = cache_dir / f"field-html-{_fingerprint(site)}.json" if cache_dir else None
    known = _known.get(cache) if cache is not None else None
    if known is None:
        known = _stored(texts, cache)
    missing = [text for text in texts if text not in known]
    for text in missing:
        digest = hashlib.sha256(text.encode()).hexdigest()
        known[text] = (digest, fragment_problems(site.html(text)))
    kept = {text: known[text] for text in texts}  # only what the data holds now
    if cache is not None:
        _known[cache] = kept
        if missing:
            on_disk = dict(kept.values())
            write_sealed(cache, json.dumps(on_disk, sort_keys=True).encode())  # False: no cache
    return {text: verdict for text, (_, verdict) in kept.items()}


def _stored(texts: set[str], cache: Path | None) -> dict[str, tuple[str, list[str]]]:
    """The verdicts the cache file holds for ``texts``."""
    sealed = read_sealed(cache) if cache is not None else None  # never a commit's verdicts
    stored: dict[str, list[str]] = {}
    if sealed is not None:
        try:
            stored = json.loads(sealed)
        except ValueError:
            stored = {}
    found = {}
    for text in texts:
        digest = hashlib.sha256(text.encode()).hexdigest()
        if digest in stored:
            found[text] = (digest, stored[digest])
    return found


def field_html_problems(
    files: Iterable[DataFile], site: MarkdownFactory, cache_dir: Path | None = None
) -> list[Problem]:
    """Every field whose HTML holds what a page may not carry, reported at the field.

    A field's HTML is what ``site`` (the site's Markdown settings) makes of its text as a
    block of its own, as MkDocs would render it on a page (without MkDocs' link
    rewriting, and with citations ``[^id]`` left as written).
    """
    files = list(files)
    facts = facts_of([file for file in files if file.doc is not None])

    def shown(text: str) -> str:
        """The text as the page shows it: fact references resolved (macros.data.facts)."""
        return resolve(text, lambda ref: facts[ref].value if ref in facts else None)

    fields = []
    for file in files:
        if file.doc is None:
            continue
        broken = {path for path, report in file.texts if report.issues}
        fields += [(file, path, shown(text)) for path, text in file.markdown if path not in broken]
    verdicts = _verdicts({text for _, _, text in fields}, site, cache_dir)
    problems = []
    for file, path, text in fields:
        assert file.doc is not None
        line, column = file.doc.mark(path)
        problems += [
            Problem(
                file.path,
                line,
                column,
                field_name(path),
                messages.text("field-html", problem=found),
                messages.hint("field-html"),
            )
            for found in verdicts[text]
        ]
    return problems
