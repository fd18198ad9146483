"""Layer 2 of issue 11: what each Markdown field becomes, judged as HTML.

Each field is rendered with the site's own Markdown configuration (the
extensions and settings in mkdocs.yml, as the build uses them) and its HTML
read by :mod:`macros.safety.fragment`. A field that already broke a text rule
is skipped (one report per mistake), each distinct text is rendered once, and
the verdicts are kept on disk between builds, keyed by the text, the Markdown
configuration, the installed Markdown packages and the auditor's own source:
an unchanged text is never rendered twice.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from importlib.metadata import version
from pathlib import Path
from typing import Any

import markdown
import yaml

from macros import messages
from macros.data.layout import DataFile
from macros.data.schema import field_name
from macros.problems import Problem
from macros.safety import fragment, policy
from macros.safety.fragment import fragment_problems


class FieldRenderer:
    """The site's Markdown, built on first use and reused for every field."""

    def __init__(self, extensions: Sequence[Any], configs: Mapping[str, Any] | None = None):
        self.extensions = list(extensions)
        self.configs = dict(configs or {})
        self._md: markdown.Markdown | None = None

    def __call__(self, text: str) -> str:
        if self._md is None:
            self._md = markdown.Markdown(extensions=self.extensions, extension_configs=self.configs)
        self._md.reset()
        return self._md.convert(text)

    @property
    def fingerprint(self) -> str:
        """Changes with the configuration, the packages and the auditor's code."""
        names = [e if isinstance(e, str) else type(e).__qualname__ for e in self.extensions]
        parts = [
            json.dumps([names, self.configs], sort_keys=True, default=repr),
            *(version(package) for package in ("markdown", "pymdown-extensions", "pygments")),
            *(
                Path(module.__file__ or "").read_text(encoding="utf-8")
                for module in (fragment, policy)
            ),
        ]
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:16]


def site_markdown(
    extensions: Sequence[Any], configs: Mapping[str, Any] | None = None
) -> FieldRenderer:
    return FieldRenderer(extensions, configs)


def markdown_from_config(config_file: Path) -> FieldRenderer | None:
    """The renderer mkdocs.yml describes; None when there is no readable mkdocs.yml."""
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    except (OSError, yaml.YAMLError):
        return None
    names: list[str] = []
    settings: dict[str, Any] = {}
    for item in (config or {}).get("markdown_extensions") or []:
        if isinstance(item, dict):
            for name, options in item.items():
                names.append(name)
                settings[name] = options or {}
        elif isinstance(item, str):
            names.append(item)
    return FieldRenderer(names, settings)


def _verdicts(
    texts: set[str], render: FieldRenderer, cache_dir: Path | None
) -> dict[str, list[str]]:
    """Each text's problems, from the cache where it has them."""
    keyed = {hashlib.sha256(text.encode()).hexdigest(): text for text in texts}
    stored: dict[str, list[str]] = {}
    cache = cache_dir / f"field-html-{render.fingerprint}.json" if cache_dir else None
    if cache is not None and cache.is_file():
        try:
            stored = json.loads(cache.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            stored = {}
    missing = [key for key in keyed if key not in stored]
    for key in missing:
        stored[key] = fragment_problems(render(keyed[key]))
    if cache is not None and missing:
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            kept = {key: stored[key] for key in keyed}  # only what the data holds now
            cache.write_text(json.dumps(kept, sort_keys=True), encoding="utf-8")
        except OSError:
            pass  # a read-only checkout still builds, just without the cache
    return {text: stored[key] for key, text in keyed.items()}


def field_html_problems(
    files: Iterable[DataFile], render: FieldRenderer, cache_dir: Path | None = None
) -> list[Problem]:
    """Every field whose HTML holds what a page may not carry, reported at the field."""
    fields = []
    for file in files:
        if file.doc is None:
            continue
        broken = {path for path, report in file.texts if report.issues}
        fields += [(file, path, text) for path, text in file.markdown if path not in broken]
    verdicts = _verdicts({text for _, _, text in fields}, render, cache_dir)
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
