"""One Markdown converter for all the HTML the core writes itself.

MkDocs converts the generated pages with the site's ``markdown_extensions``
and their configs (mkdocs.yml). The core also converts some data text on its
own: pre-rendered table cells (macros.render.tables), the plain text of
JSON-LD (macros.render.jsonld), and each data field's HTML for the safety
audit (:func:`field_html`). All of it goes through the factory here, built
from the same extension list and configs, so a table cell renders as the text
around it.

The MkDocs plugin calls :func:`configure` once per build with the site's
settings as plain data (extension names and a mapping of their configs: this
module never imports MkDocs). Until then, and outside a build (tests, the
benchmarks, the command line), the factory uses MkDocs' built-in extensions
alone, ``toc``, ``tables`` and ``fenced_code``, which MkDocs always enables.

Converting is cached per distinct text (pair pages repeat every cell), and
:func:`configure` starts every cache afresh, so each build sees its own
settings and nothing is kept from the last one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

import markdown

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
        self._html: dict[str, str] = {}

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
        found = self._html.get(text)
        if found is None:
            found = self._html[text] = self.convert(text)
        return found

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


_current = MarkdownFactory()
_on_configure: list[Callable[[], None]] = []


def configure(
    extensions: Iterable[str] = BUILTIN_EXTENSIONS, configs: ExtensionConfigs | None = None
) -> MarkdownFactory:
    """Use these Markdown settings from now on; when they differ, every cache starts empty.

    The MkDocs plugin calls this at the start of each build with
    mkdocs.yml's ``markdown_extensions`` (names) and their configs. The same
    settings keep the current factory and what it converted: a conversion
    depends on the text and the settings only, and in the preview every
    rebuild configures the same settings again.
    """
    global _current
    wanted = MarkdownFactory(extensions, configs)
    if (wanted.extensions, wanted.configs) == (_current.extensions, _current.configs):
        return _current
    _current = wanted
    for clear in _on_configure:
        clear()
    return _current


def factory() -> MarkdownFactory:
    """The factory of the current build (MkDocs' built-ins until configured)."""
    return _current


def on_configure(clear: Callable[[], None]) -> None:
    """Have ``clear`` called whenever the settings change (for caches elsewhere)."""
    _on_configure.append(clear)


def field_html(text: str) -> str:
    """The HTML the site's Markdown makes of one data field's text.

    Rendered as a block of its own with the current build's extensions and
    configs, as MkDocs would render it on a page (without MkDocs' link
    rewriting, and with citations ``[^id]`` left as written, since no
    footnote definitions are present). Cached per distinct text until the
    next :func:`configure`. For audits of the HTML data produces.
    """
    return _current.html(text)
