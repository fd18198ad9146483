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
from macros.sealed_cache import SealedStore


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


# The verdicts read or worked out in this process, by cache file (then by the text's
# digest). The preview audits every field on every save and a save changes a few:
# reading, unsealing and hashing them all again was a fiftieth of a rebuild.
_stores: dict[Path, SealedStore[str, list[str]]] = {}


@lru_cache(maxsize=8192)
def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _verdicts(
    texts: set[str], site: MarkdownFactory, cache_dir: Path | None
) -> dict[str, list[str]]:
    """Each text's problems, from the cache where it has them."""
    if cache_dir is None:
        return {text: fragment_problems(site.html(text)) for text in texts}
    cache = cache_dir / f"field-html-{_fingerprint(site)}.json"
    store = _stores.get(cache)
    if store is None:
        store = _stores[cache] = SealedStore(_json, _verdict_lists)
        store.open(cache)
    keyed = {_digest(text): text for text in texts}
    found = {}
    for key, text in keyed.items():
        verdict = store.get(key)
        if verdict is None:
            verdict = store.put(key, fragment_problems(site.html(text)))
        found[text] = verdict
    store.save(keyed)  # only what the data holds now, when a verdict is new
    return found


def _json(verdicts: dict[str, list[str]]) -> bytes:
    return json.dumps(verdicts, sort_keys=True).encode()


def _verdict_lists(data: bytes) -> dict[str, list[str]]:
    """Stored verdicts (json.loads raises ValueError for what is not JSON)."""
    stored = json.loads(data)
    if not isinstance(stored, dict):
        raise ValueError("not a dict of verdicts")
    return stored


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
