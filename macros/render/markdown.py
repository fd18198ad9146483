"""One Markdown converter for all the HTML the core writes itself.

MkDocs converts the generated pages with the site's ``markdown_extensions``
and their configs (mkdocs.yml). The core also converts some data text on its
own: pre-rendered table cells (macros.render.tables), the plain text of
JSON-LD (macros.render.jsonld), and each data field's HTML for the safety
audit (macros.render.field_audit). All of it goes through a
:class:`MarkdownFactory` built from the same extension list and configs, so
a table cell renders as the text around it.

The factory is passed to whoever converts (never a module-level setting):
the MkDocs plugin builds it from MkDocs' parsed configuration, the command
line and ``comparison stage`` from mkdocs.yml read as plain YAML
(:func:`site_factory`). A factory with no settings has MkDocs' built-in
extensions alone, ``toc``, ``tables`` and ``fenced_code``, which MkDocs always
enables. Converting is cached per distinct text on the factory (pair pages
repeat every cell), so a new factory starts with empty caches.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import platform
from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

import markdown

from macros.sealed_cache import SealedStore

# MkDocs enables these whatever mkdocs.yml says (mkdocs.config.defaults).
BUILTIN_EXTENSIONS = ("toc", "tables", "fenced_code")

# Extensions that change nothing in a text without Markdown's inline syntax:
# with only these enabled, such a text is its own HTML (escaped), and
# converting it can be skipped (see :meth:`MarkdownFactory.plain_is_literal`).
_NO_PLAIN_TEXT_EFFECT = frozenset(
    {
        "abbr",  # only with *[ABBR]: definitions, which data text cannot hold
        "admonition",
        "attr_list",
        "def_list",
        "fenced_code",
        "footnotes",
        "md_in_html",
        "tables",
        "toc",
        "pymdownx.details",
        "pymdownx.highlight",
        "pymdownx.inlinehilite",
        "pymdownx.superfences",
        "macros.render.footnote_backlinks",  # only names footnote back-links
    }
)

ExtensionConfigs = Mapping[str, Mapping[str, Any]]


@lru_cache(maxsize=8)
def settings_fingerprint(settings: str, extensions: tuple[str, ...]) -> str:
    """A digest of the settings, the Python and Markdown packages and the source of the
    project's own extensions (once per process and settings: a process runs one version
    of each, and reading them was 3% of every preview rebuild)."""
    parts = [
        settings,
        platform.python_version(),
        *(version(package) for package in ("markdown", "pymdown-extensions", "pygments")),
    ]
    for name in extensions:
        spec = importlib.util.find_spec(name) if name.startswith("macros.") else None
        if spec is not None and spec.origin:
            parts.append(Path(spec.origin).read_text(encoding="utf-8"))
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:16]


class MarkdownFactory:
    """Markdown converters built from one site's extensions and their configs."""

    def __init__(
        self,
        extensions: Iterable[str] = BUILTIN_EXTENSIONS,
        configs: ExtensionConfigs | None = None,
    ) -> None:
        # Like MkDocs: the built-ins first, each extension once, in order.
        self.extensions = tuple(dict.fromkeys((*BUILTIN_EXTENSIONS, *extensions)))
        self.configs: dict[str, dict[str, Any]] = {
            name: dict(config) for name, config in (configs or {}).items() if config
        }
        self._converter: markdown.Markdown | None = None
        # Each text's HTML; what is saved is the texts asked for in this process.
        self.store: SealedStore[str, str] = SealedStore(_json, _texts)
        self._fingerprint: str | None = None
        # A table cell's HTML, or None when MkDocs must convert it (macros.render.tables).
        self.cells: dict[str, str | None] = {}

    def same_settings(self, other: MarkdownFactory) -> bool:
        """Whether ``other`` converts as this one does (then its caches can be kept)."""
        return (self.extensions, self.configs) == (other.extensions, other.configs)

    def new(self) -> markdown.Markdown:
        """A fresh ``markdown.Markdown`` with the site's extensions."""
        return markdown.Markdown(extensions=list(self.extensions), extension_configs=self.configs)

    def convert(self, text: str) -> str:
        """``text`` as HTML, through one converter reset per text (not cached).

        Building a converter costs several times one conversion, so one is
        kept and reset; each conversion starts from a clean state.
        """
        if self._converter is None:
            self._converter = self.new()
        return self._converter.reset().convert(text)

    def html(self, text: str) -> str:
        """``text`` as HTML, cached per distinct text."""
        found = self.store.get(text)
        if found is None:
            found = self.store.put(text, self.convert(text))
        return found

    def fingerprint(self) -> str:
        """Changes with anything a conversion depends on: the settings, the Python and
        Markdown packages, and the source of the project's own extensions (worked out
        once: a process runs one version of each)."""
        if self._fingerprint is None:
            settings = json.dumps([self.extensions, self.configs], sort_keys=True, default=repr)
            self._fingerprint = settings_fingerprint(settings, tuple(self.extensions))
        return self._fingerprint

    def keep_on_disk(self, cache_dir: Path) -> None:
        """Load what :meth:`html` converted in earlier runs with these settings (once per
        folder); :meth:`save` writes it back. A cold build converted the same table
        cells, sources and plain texts every time (0.06 s of a 0.26 s check)."""
        self.store.open(cache_dir / f"markdown-{self.fingerprint()}.json")

    def save(self) -> None:
        """Write the texts asked for to the file :meth:`keep_on_disk` named, if any was
        converted since it was read."""
        self.store.save()

    def inline_html(self, text: str) -> str:
        """A one-paragraph text's HTML without the paragraph (for a table cell)."""
        return self.html(text).removeprefix("<p>").removesuffix("</p>")

    @property
    def plain_is_literal(self) -> bool:
        """Whether text without Markdown syntax characters converts to itself.

        True for MkDocs' built-ins and the usual block extensions; False as
        soon as an extension may change plain words (smarty quotes, emoji
        shortcodes, magic links), so that such text is converted too.
        """
        return all(name in _NO_PLAIN_TEXT_EFFECT for name in self.extensions)


def _json(html: dict[str, str]) -> bytes:
    return json.dumps(html, sort_keys=True).encode()


def _texts(data: bytes) -> dict[str, str]:
    """Stored conversions (json.loads raises ValueError for what is not JSON)."""
    stored = json.loads(data)
    if not isinstance(stored, dict):
        raise ValueError("not a dict of texts")
    return {text: html for text, html in stored.items() if isinstance(html, str)}


def site_extensions(config: Mapping[str, Any]) -> tuple[list[str], dict[str, dict[str, Any]]]:
    """mkdocs.yml's ``markdown_extensions`` (read as plain YAML) as MkDocs reads them:
    the names in order, and the configs of those that have one.

    The one reader of that list outside MkDocs (which parses it for the plugin).
    """
    listed = config.get("markdown_extensions") or []
    entries = list(listed.items()) if isinstance(listed, dict) else listed
    names: list[str] = []
    configs: dict[str, dict[str, Any]] = {}
    for entry in entries:
        if isinstance(entry, str):
            names.append(entry)
            continue
        name, options = entry if isinstance(entry, tuple) else next(iter(entry.items()))
        names.append(name)
        if options:
            configs[name] = dict(options)
    return names, configs


def site_factory(config: Mapping[str, Any]) -> MarkdownFactory:
    """The factory of a site whose mkdocs.yml (plain YAML) is ``config``."""
    return MarkdownFactory(*site_extensions(config))
