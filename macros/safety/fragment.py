"""Layer 2: judge the HTML one data field produces, not the Markdown it says.

The data layer renders each field with the site's own Markdown configuration
and passes the HTML here. It is read with the standard library's HTML parser
(the one the site audit uses too) against :mod:`macros.safety.policy`:
elements and attributes outside the allowlist, event handlers, links that are
neither https nor site-relative, images from anywhere but the site's own
``assets/``, comments and processing instructions are all refused. Each
finding is reported at the field, as every other data problem is.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from macros.safety import policy

# A handler html.parser might not split out as an attribute (browsers and
# html.parser disagree at the edges): look at the raw tag text too.
_HANDLER_IN_TAG = re.compile(r"""[\s/"'](on[a-z]+)\s*=""", re.I)
# Quoted attribute values are emptied first: a quote inside a value is text.
_QUOTED = re.compile(r""""[^"]*"|'[^']*'""")


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _FragmentAuditor(HTMLParser):
    def __init__(self, page: bool = False) -> None:
        super().__init__(convert_charrefs=True)  # attribute values decoded, as a browser does
        self.problems: list[str] = []
        self.page = page  # a hand-written page: headings with the toc's ids too
        self.elements = policy.PAGE_ELEMENTS if page else policy.FRAGMENT_ELEMENTS

    def refuse(self, message: str) -> None:
        if message not in self.problems:
            self.problems.append(message)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        raw = self.get_starttag_text() or f"<{tag}>"
        allowed = self.elements.get(tag)
        who = "a page" if self.page else "data"
        if allowed is None:
            self.refuse(f"the text produces a <{tag}> element, which {who} may not: {_short(raw)}")
            allowed = frozenset()
        seen = set()
        for name, value in attrs:
            seen.add(name)
            value = value or ""
            if name.startswith("on"):
                self.refuse(f"the text produces an event handler ({name}=) on <{tag}>")
                continue
            if name in policy.URL_ATTRIBUTES:
                self.check_url(tag, name, value)
            if name not in allowed:
                self.refuse(
                    f"the text produces the attribute {name}= on <{tag}>, which {who} may not "
                    "set (attribute lists and raw HTML are not allowed)"
                )
            elif name == "class" and not policy.class_allowed(value):
                self.refuse(f'the text produces class="{_short(value)}" on <{tag}>')
            elif name == "id" and self.page and tag[0] == "h" and tag[1:].isdigit():
                if not policy.heading_id_allowed(value):
                    self.refuse(f'the text produces {name}="{_short(value)}" on <{tag}>')
            elif name in ("id", "name") and not (
                policy.page_id_allowed(value) if self.page else policy.id_allowed(value)
            ):
                self.refuse(f'the text produces {name}="{_short(value)}" on <{tag}>')
            elif name == "style" and not policy.style_allowed(value):
                self.refuse(f'the text produces style="{_short(value)}" on <{tag}>')
            elif name == "src" and not policy.is_own_asset(value):
                self.refuse(
                    f"the image '{_short(value)}' does not come from the site's own assets/ "
                    "folder (an image from another host tells that host who reads the page)"
                )
        for match in _HANDLER_IN_TAG.finditer(_QUOTED.sub('""', raw)):
            if match.group(1).lower() not in seen:
                self.refuse(f"the text produces an event handler ({match.group(1)}=) on <{tag}>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def check_url(self, tag: str, name: str, value: str) -> None:
        verdict = policy.judge_url(value)
        if verdict.kind == "scheme":
            self.refuse(
                f"the text produces a {verdict.scheme}: address in {name}= on <{tag}>: "
                "use an https:// address or a site link"
            )
        elif verdict.kind == "other-host":
            self.refuse(
                f"the text produces '{_short(value)}' in {name}= on <{tag}>, a link to another "
                "host without https:// (write https://... or a site link such as /faq.md)"
            )
        elif verdict.kind == "bad":
            self.refuse(f"the text produces an unreadable address in {name}= on <{tag}>")

    def handle_comment(self, data: str) -> None:
        self.refuse(f"the text produces an HTML comment: <!--{_short(data, 40)}-->")

    def handle_decl(self, decl: str) -> None:
        self.refuse(f"the text produces an HTML declaration: <!{_short(decl, 40)}>")

    def unknown_decl(self, data: str) -> None:
        self.refuse(f"the text produces an HTML declaration: <![{_short(data, 40)}]>")

    def handle_pi(self, data: str) -> None:
        self.refuse(f"the text produces a processing instruction: <?{_short(data, 40)}>")


def fragment_problems(html: str, *, page: bool = False) -> list[str]:
    """What is wrong with one field's HTML, in the order found; [] when it is safe.

    ``page``: the HTML of a hand-written page under content/, which may also hold
    headings (:data:`policy.PAGE_ELEMENTS`) with the ids the toc extension makes.
    """
    auditor = _FragmentAuditor(page)
    auditor.feed(html)
    auditor.close()
    return auditor.problems
