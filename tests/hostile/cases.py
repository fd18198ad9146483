"""The hostile corpus (issue 11): each case is one small mutation of tests/fixtures/minimal.

A case either expects **refusal** (the build exits non-zero, names
``path:line:col: field:`` or the file, prints no traceback and leaves site/
untouched) or a **safe output** (the build succeeds and the site audit finds
nothing, plus the case's own check). Cases that need the data layer's new
rules carry ``phase2``: the reason they are expected to fail until that work
is wired in (they run as strict xfails).

The project is built with the site's real Markdown extensions and overrides/,
so what a reader would get is what is judged.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tests.harness.site import FIXTURES, ROOT

Mutation = Callable[[Path], None]


@dataclass(frozen=True)
class Refused:
    """The build stops and names the place: ``path:line:col: field:`` (line 0: the file)."""

    path: str
    line: int
    field: str = ""
    says: str = ""  # a fragment of the message

    def pattern(self) -> re.Pattern[str]:
        where = re.escape(self.path) + (rf":{self.line}:\d+: " if self.line else r"(:\d+:\d+)?: ")
        what = (re.escape(self.field) + ": ") if self.field else ""
        return re.compile(where + what + r".*" + re.escape(self.says))


@dataclass(frozen=True)
class Safe:
    """The build succeeds, the site audit is clean, none of ``absent`` is in any page or the
    search index, and each of ``present`` is in one (the payload did get there, as text)."""

    absent: tuple[str, ...] = ()
    present: tuple[str, ...] = ()


@dataclass(frozen=True)
class Case:
    name: str
    kind: str  # the class of attack
    mutate: Mutation
    expect: Refused | Safe
    phase2: str = ""  # why it fails until phase 2 is wired; "" when it passes now
    tags: tuple[str, ...] = field(default=())


# --- mutations -------------------------------------------------------------------------------


def replace(path: str, old: str, new: str) -> Mutation:
    def apply(project: Path) -> None:
        target = project / path
        text = target.read_text(encoding="utf-8")
        assert old in text, f"{path}: {old!r} not found"
        target.write_text(text.replace(old, new, 1), encoding="utf-8")

    return apply


def write(path: str, text: str) -> Mutation:
    def apply(project: Path) -> None:
        target = project / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")

    return apply


def symlink(path: str, target: str) -> Mutation:
    """``target`` may start with ``{outside}``: a folder beside the project, not in it."""

    def apply(project: Path) -> None:
        outside = project.parent / "outside"
        outside.mkdir(exist_ok=True)
        (outside / "framework.yml").write_bytes(
            (FIXTURES / "minimal" / "data" / "frameworks" / "beta.yml").read_bytes()
        )
        link = project / path
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(target.replace("{outside}", str(outside)))

    return apply


def mkdir(path: str) -> Mutation:
    def apply(project: Path) -> None:
        (project / path).mkdir(parents=True)

    return apply


def copy(source: str, dest: str, old: str = "", new: str = "") -> Mutation:
    def apply(project: Path) -> None:
        text = (project / source).read_text(encoding="utf-8")
        (project / dest).write_text(text.replace(old, new) if old else text, encoding="utf-8")

    return apply


def both(*mutations: Mutation) -> Mutation:
    def apply(project: Path) -> None:
        for mutation in mutations:
            mutation(project)

    return apply


SITE = "data/site.yml"
SOURCES = "data/sources.yml"
ALPHA = "data/frameworks/alpha.yml"
ARCH = "data/dimensions/architecture.yml"
TEMPLATES = "data/dimensions/templates.yml"
FAQ = "data/faq.yml"

P2_URL = ""
P2_HTML = ""
P2_BRACE = ""
P2_REF = ""
P2_IMG = ""
P2_ABBR = ""
P2_CHARS = ""
P2_DATE = ""
P2_FILES = ""
P2_IDS = ""
P2_LAYER3 = ""

# A framework id taken from the file name must be an id: these are refused today.
EVIL_NAME = "<img src=x onerror=alert(1)>"


def _cases() -> list[Case]:
    c: list[Case] = []

    def add(
        name: str, kind: str, mutate: Mutation, expect: Refused | Safe, phase2: str = ""
    ) -> None:
        c.append(Case(name, kind, mutate, expect, phase2))

    # --- URLs ------------------------------------------------------------------------------
    url = "url: https://example.org/"
    for name, value, p2 in [
        ("site-url-quote-script", "'https://x.example/\"><script>alert(1)</script>/'", P2_URL),
        ("site-url-braces", "'https://x.example/{x}/'", P2_URL),
        ("site-url-space", "'https://x.example/a b/'", ""),
        ("site-url-angle", "'https://x.example/<x>/'", P2_URL),
        ("site-url-backslash", "'https://x.example\\@evil.example/'", ""),
        ("site-url-non-ascii", "'https://x.example/café/'", P2_URL),
        ("site-url-single-quote", '"https://x.example/a\'b/"', P2_URL),
        ("site-url-http", "http://x.example/", ""),
        ("site-url-js-breakout", "'https://x.example/\",alert(1),\"/'", P2_URL),
    ]:
        add(name, "url", replace(SITE, url, f"url: {value}"), Refused(SITE, 3, "url"), p2)
    src = "url: https://example.org/alpha/changes"
    for name, value, p2 in [
        ("source-url-quote-handler", "'https://example.org/a\"onmouseover=\"alert(1)'", P2_URL),
        ("source-url-attr-list", "'https://example.org/x){onclick=alert(1)//}'", P2_URL),
        ("source-url-javascript", "javascript:alert(1)", ""),
        ("source-url-tab", '"https://example.org/a\\tb"', ""),
        ("source-url-newline-escape", '"https://example.org/a\\nb"', ""),
    ]:
        add(
            name,
            "url",
            replace(SOURCES, src, f"url: {value}"),
            Refused(SOURCES, 3, "alpha-log.url"),
            p2,
        )
    add(
        "homepage-javascript",
        "url",
        replace(ALPHA, "homepage: https://example.org/alpha/", "homepage: javascript:alert(1)"),
        Refused(ALPHA, 8, "homepage"),
    )
    add(
        "docs-url-brackets",
        "url",
        replace(
            ALPHA, "docs: https://example.org/alpha/docs/", "docs: 'https://example.org/[x]<y>'"
        ),
        Refused(ALPHA, 9, "docs"),
        P2_URL,
    )
    for name, value, p2 in [
        ("cta-protocol-relative", "//evil.example/", ""),
        ("cta-javascript", "javascript:alert(1)", ""),
        ("cta-backslash-host", "'/\\evil.example/x.md'", ""),
    ]:
        add(
            name,
            "url",
            replace(SITE, "  url: /comparison.md", f"  url: {value}"),
            Refused(SITE, 11, "call_to_action.url"),
            p2,
        )

    # --- site.yml one-line payloads --------------------------------------------------------
    add(
        "description-meta-refresh",
        "head",
        replace(
            SITE,
            "description: A small comparison used by the tests.",
            "description: '0;url=https://evil.example/\" http-equiv=\"refresh'",
        ),
        Safe(absent=('http-equiv="refresh"',)),
    )
    add(
        "title-breaks-aria-label",
        "head",
        replace(SITE, "title: Alpha vs Beta", "title: 'Alpha\" onmouseover=\"alert(1)'"),
        Safe(absent=('onmouseover="alert(1)"',)),  # as text in the h1 is fine
    )
    add(
        "title-script",
        "head",
        replace(SITE, "title: Alpha vs Beta", "title: '<script>alert(1)</script>'"),
        Refused(SITE, 1, "title", "raw HTML"),
    )
    add(
        "description-lt-amp-quote",
        "head",
        replace(
            SITE,
            "description: A small comparison used by the tests.",
            "description: 'a < b & \"c\"'",
        ),
        Safe(absent=('content="a < b',)),
    )

    # --- raw HTML, every form Python-Markdown accepts ---------------------------------------
    faq_a = "      Alpha: it has less to learn before the first page works."
    for name, payload, p2 in [
        ("img-slash-onerror", "<img/src/onerror=alert(1)>", P2_HTML),
        ("svg-slash-onload", "<svg/onload=alert(1)>", P2_HTML),
        ("img-space-onerror", "<img src=x onerror=alert(1)>", ""),
        ("uppercase-img", "<IMG SRC=x ONERROR=alert(1)>", ""),
        ("img-newline-attrs", "<img\n      src=x\n      onerror=alert(1)>", ""),
        ("details-ontoggle", "<details/open/ontoggle=alert(1)>", P2_HTML),
        ("comment", "<!-- hidden -->", ""),
        ("processing-instruction", "<?php echo 1; ?>", ""),
        ("cdata", "<![CDATA[ x ]]>", P2_HTML),
        ("doctype", "<!DOCTYPE html>", ""),
        ("closing-tag", "</p><p>", ""),
        ("md-in-html-div", '<div markdown="1">x</div>', ""),
        ("javascript-autolink", "<javascript:alert(1)>", ""),
        ("a-slash-onclick", "<a/href=#/onclick=alert(1)>x", P2_HTML),
    ]:
        add(
            f"faq-{name}",
            "raw-html",
            replace(FAQ, faq_a, f"{faq_a}\n\n      {payload}"),
            Refused(FAQ, 0, "questions[0].a"),
            p2,
        )
    add(
        "verdict-img-slash",
        "raw-html",
        replace(ARCH, "verdict: A micro-framework.", "verdict: A micro<img/src/onerror=alert(1)>"),
        Refused(ARCH, 8, "frameworks.alpha.verdict"),
        P2_HTML,
    )
    add(
        "table-cell-svg",
        "raw-html",
        replace(ARCH, "alpha: Micro-framework", "alpha: Micro <svg/onload=alert(1)>"),
        Refused(ARCH, 19, "table[0].values.alpha"),
        P2_HTML,
    )
    add(
        "profile-img-slash-block",
        "raw-html",
        replace(ALPHA, "  Alpha is a framework used by the tests.", "  <img/src/onerror=alert(1)>"),
        Refused(ALPHA, 13, "profile"),
        P2_HTML,
    )

    # --- unclosed { completed by the template's { #id } -------------------------------------
    add(
        "dimension-title-unclosed-brace",
        "brace",
        replace(ARCH, "title: Architecture", "title: Security { onclick=alert(1)"),
        Refused(ARCH, 1, "title"),
        P2_BRACE,
    )
    add(
        "framework-name-unclosed-brace",
        "brace",
        replace(ALPHA, "name: Alpha", "name: Alpha { onclick=alert(1)"),
        Refused(ALPHA, 1, "name"),
        P2_BRACE,
    )
    add(
        "faq-question-unclosed-brace",
        "brace",
        replace(FAQ, "q: Which should I learn first?", "q: Which first? { onclick=alert(1)"),
        Refused(FAQ, 3, "questions[0].q"),
        P2_BRACE,
    )
    add(
        "verdict-attr-list-after-link",
        "brace",
        replace(
            ARCH, "verdict: Full-stack.", "verdict: '[x](https://a.example/){onclick=alert(1)//}'"
        ),
        Refused(ARCH, 12, "frameworks.beta.verdict"),
    )

    # --- reference definitions anywhere ----------------------------------------------------
    text = "      Alpha gives you a small core."
    for name, payload, p2 in [
        (
            "ref-javascript-blockquote",
            "> [a]: javascript:alert(1)\n      >\n      > [x][a]",
            P2_REF,
        ),
        ("ref-vbscript-list-item", "- [a]: vbscript:msgbox(1)\n\n        [x][a]", P2_REF),
        ("ref-javascript-indented", "   [a]: javascript:alert(1)\n\n      [x][a]", ""),
        ("ref-https-in-list", "- [a]: https://example.org/\n\n        [x][a]", P2_REF),
        ("ref-nested-quote-list", "> - [a]: javascript:alert(1)\n      >\n      > [x][a]", P2_REF),
    ]:
        add(
            name,
            "ref-def",
            replace(ARCH, text, f"{text}\n\n      {payload}"),
            Refused(ARCH, 0, "frameworks.alpha.text"),
            p2,
        )

    # --- links and images ------------------------------------------------------------------
    intro = "  Alpha and Beta are two frameworks."
    for name, payload, expect_field, p2 in [
        ("link-protocol-relative", "[docs](//evil.example/x)", "intro", ""),
        ("link-backslash-host", "[docs](/\\evil.example/x)", "intro", ""),
        ("image-third-party", "![](https://tracker.example/p.gif)", "intro", P2_IMG),
        ("image-data-url", "![](data:image/png;base64,AAAA)", "intro", ""),
        ("link-entity-javascript", "[x](java&#115;cript:alert(1))", "intro", ""),
        ("abbreviation", "\n\n  *[Alpha]: Not what you think", "intro", P2_ABBR),
    ]:
        add(
            name,
            "links",
            replace(SITE, intro, f"{intro} {payload}"),
            Refused(SITE, 0, expect_field),
            p2,
        )

    # --- invisible and control characters ---------------------------------------------------
    for name, path, old, new, line, fld, says in [
        (
            "bidi-override-title",
            ARCH,
            "title: Architecture",
            "title: Arch\u202eerutcet",
            1,
            "title",
            "U+202E",
        ),
        ("zero-width-in-name", ALPHA, "name: Alpha", "name: Al\u200bpha", 1, "name", "U+200B"),
        (
            "tab-in-tagline",
            ALPHA,
            "tagline: The Alpha framework.",
            'tagline: "The\\tAlpha"',
            2,
            "tagline",
            "U+0009",
        ),
        (
            "ansi-escape-in-tagline",
            ALPHA,
            "tagline: The Alpha framework.",
            'tagline: "\\e[2J\\e]0;owned\\a"',
            2,
            "tagline",
            "U+001B",
        ),
        (
            "c1-control-in-verdict",
            ARCH,
            "verdict: A micro-framework.",
            'verdict: "A micro\\x9bframework."',
            8,
            "frameworks.alpha.verdict",
            "U+009B",
        ),
        (
            "nbsp-in-question",
            FAQ,
            "q: Which should I learn first?",
            "q: Which should I\u00a0learn first?",
            3,
            "questions[0].q",
            "U+00A0",
        ),
        (
            "nbsp-after-key",
            ALPHA,
            "tagline: The Alpha framework.",
            "tagline:\u00a0The Alpha framework.",
            2,
            "",
            "right after 'tagline:'",
        ),
        (
            "nbsp-in-indentation",
            ARCH,
            "    verdict: A micro-framework.",
            "\u00a0   verdict: A micro-framework.",
            8,
            "",
            "in the indentation",
        ),
        (
            "zero-width-in-block-text",
            ARCH,
            "      Alpha gives you a small core.",
            "      Alpha gives\u200b you a small core.",
            10,
            "",
            "U+200B",
        ),
    ]:
        add(name, "characters", replace(path, old, new), Refused(path, line, fld, says), P2_CHARS)

    # --- dates in the future -------------------------------------------------------------------
    add(
        "last-reviewed-future",
        "date",
        replace(ARCH, "last_reviewed: 2026-11-01", "last_reviewed: 2099-01-01"),
        Refused(ARCH, 5, "last_reviewed", "future"),
        P2_DATE,
    )
    add(
        "source-checked-future",
        "date",
        replace(SOURCES, "  checked: 2026-11-24", "  checked: 2099-01-01"),
        Refused(SOURCES, 5, "alpha-log.checked", "future"),
        P2_DATE,
    )

    # --- files: links, folders, extensions ----------------------------------------------------
    add(
        "content-link-proc-environ",
        "files",
        symlink("content/env.txt", "/proc/self/environ"),
        Refused("content/env.txt", 0, "", "link"),
        P2_FILES,
    )
    add(
        "data-link-outside-repo",
        "files",
        symlink("data/frameworks/gamma.yml", "{outside}/framework.yml"),
        Refused("data/frameworks/gamma.yml", 0, "", "link"),
        P2_FILES,
    )
    add(
        "data-link-dangling",
        "files",
        symlink("data/frameworks/ghost.yml", "nowhere.yml"),
        Refused("data/frameworks/ghost.yml", 0, "", "link"),
        P2_FILES,
    )
    add(
        "data-link-inside-repo",
        "files",
        symlink("data/frameworks/gamma.yml", "beta.yml"),
        Refused("data/frameworks/gamma.yml", 0, "", "link"),
        P2_FILES,
    )
    add(
        "content-link-to-data",
        "files",
        symlink("content/notes.md", "../data/site.yml"),
        Refused("content/notes.md", 0, "", "link"),
        P2_FILES,
    )
    add(
        "data-folder-link",
        "files",
        symlink("data/dimensions/more", "{outside}"),
        Refused("data/dimensions/more", 0, "", "link"),
        P2_FILES,
    )
    add(
        "directory-named-yml",
        "files",
        mkdir("data/frameworks/gamma.yml"),
        Refused("data/frameworks/gamma.yml", 0, "", "folder"),
        P2_FILES,
    )
    add(
        "upper-case-extension",
        "files",
        copy(ALPHA, "data/frameworks/gamma.YML", "name: Alpha", "name: Gamma"),
        Refused("data/frameworks/gamma.YML", 0, "", ".yml"),
        P2_FILES,
    )
    add(
        "yaml-extension",
        "files",
        copy(ALPHA, "data/frameworks/gamma.yaml", "name: Alpha", "name: Gamma"),
        Refused("data/frameworks/gamma.yaml", 0, "", ".yml"),
    )
    add(
        "file-name-with-html",
        "files",
        copy(ALPHA, f"data/frameworks/{EVIL_NAME}.yml", "name: Alpha", "name: Gamma"),
        Refused(f"data/frameworks/{EVIL_NAME}.yml", 0),
    )
    add(
        "file-name-with-ansi",
        "files",
        copy(ALPHA, "data/frameworks/x\x1b[2Jy.yml", "name: Alpha", "name: Gamma"),
        Refused("data/frameworks/x\\x1b[2Jy.yml", 0),
        P2_CHARS,
    )
    add(
        "content-file-name-with-html",
        "files",
        write(f"content/{EVIL_NAME}.md", "# Page\n\nText.\n"),
        Safe(absent=("<img src=x onerror",)),
    )

    # --- id collisions -------------------------------------------------------------------------
    add(
        "dimension-id-verdict",
        "ids",
        copy(ARCH, "data/dimensions/verdict.yml", "order: 10", "order: 30"),
        Refused("data/dimensions/verdict.yml", 0, "", "macros/templates/article.md.j2:"),
        P2_IDS,
    )
    add(
        "dimension-id-plus-framework",
        "ids",
        copy(ARCH, "data/dimensions/architecture-alpha.yml", "order: 10", "order: 30"),
        Refused(
            "data/dimensions/architecture-alpha.yml",
            0,
            "",
            "the dimension id 'architecture-alpha' makes #architecture-alpha on one-page, "
            "which data/dimensions/architecture.yml makes too",
        ),
        P2_IDS,
    )
    add(
        "framework-id-verdict",
        "ids",
        both(  # a third framework, covered in both dimensions (unknown: is not published)
            copy(ALPHA, "data/frameworks/verdict.yml", "name: Alpha", "name: Verdict"),
            *(
                replace(
                    path,
                    "\nframeworks:\n",
                    "\nframeworks:\n  verdict:\n    verdict: V.\n    text: |\n      V.\n",
                )
                for path in (ARCH, TEMPLATES)
            ),
            *(
                replace(path, "    values:\n", "    values:\n      verdict: V\n")
                for path in (ARCH, TEMPLATES)
            ),
            # A row with statuses has one for every framework (the decision check).
            replace(ARCH, "    status:\n", "    status:\n      verdict: built-in\n"),
        ),
        Safe(),  # frameworks make no bare anchors: #profile-verdict, #architecture-verdict
    )
    add(
        "dimension-id-at-a-glance",
        "ids",
        copy(ARCH, "data/dimensions/at-a-glance.yml", "order: 10", "order: 30"),
        Refused("data/dimensions/at-a-glance.yml", 0, "", "macros/templates/article.md.j2:"),
        P2_IDS,
    )
    add(
        "framework-id-like-pair-page",
        "ids",
        both(
            copy(ALPHA, "data/frameworks/gamma.yml", "name: Alpha", "name: Gamma"),
            copy(ALPHA, "data/frameworks/alpha-vs-beta.yml", "name: Alpha", "name: Alpha vs Beta"),
        ),
        Refused("data/frameworks/alpha-vs-beta.yml", 0, "", "the pair page of 'alpha' and 'beta'"),
        P2_IDS,
    )
    add(
        "faq-id-duplicate-anchor",
        "ids",
        replace(FAQ, "id: which-first", "id: template-speed"),
        Refused(FAQ, 2, "questions[0].id", "template-speed"),
    )
    # --- fields added with the one-answer work (issue 19) ---------------------------------
    featured = "featured: [alpha, beta]\n"
    for name, value in [
        ("repo-url-javascript", "javascript:alert(1)"),
        ("repo-url-quote-breakout", "'https://example.org/a/b\"><script>alert(1)</script>'"),
        ("repo-url-protocol-relative", "//evil.example/a/b"),
    ]:
        add(
            name,
            "url",
            replace(SITE, featured, f"{featured}repo_url: {value}\n"),
            Refused(SITE, 5, "repo_url"),
        )
    changelog = "data/changelog.yml"
    for name, at, what, why in [
        ("changelog-why-script", "entries[0].why", "x", "<script>alert(1)</script>"),
        ("changelog-what-handler", "entries[0].what", "<img src=x onerror=alert(1)>", "y"),
        ("changelog-why-javascript-link", "entries[0].why", "x", "[y](javascript:alert(1))"),
    ]:
        line = 3 if at.endswith("what") else 4
        add(
            name,
            "raw-html",
            write(
                changelog,
                f"entries:\n  - date: 2026-12-01\n    what: {what!r}\n    why: {why!r}\n",
            ),
            Refused(changelog, line, at),
        )
    add(
        "search-synonym-markup",
        "raw-html",
        write("data/search.yml", 'synonyms:\n  - ["<img src=x onerror=alert(1)>", other]\n'),
        Refused("data/search.yml", 2, ""),
    )
    return c


CASES = _cases()


def make_project(case: Case, dest: Path) -> Path:
    """A copy of the minimal fixture with the site's real Markdown extensions and
    overrides/, and the case's mutation applied."""
    shutil.copytree(FIXTURES / "minimal", dest, symlinks=True)
    config = dest / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    real = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    extensions = re.search(r"^markdown_extensions:\n(?:[ -].*\n|\n)*", real, re.M)
    assert extensions
    text = re.sub(r"^markdown_extensions:\n(?:[ -].*\n)*", extensions.group(0), text, flags=re.M)
    text = text.replace("  font: false\n", f"  font: false\n  custom_dir: {ROOT / 'overrides'}\n")
    config.write_text(text, encoding="utf-8")
    case.mutate(dest)
    return dest
