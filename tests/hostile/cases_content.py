"""The hostile corpus, round 2: hand-written content/, its file types, front matter and
two messages (issue 21, parts 2 and 6).

Built like :mod:`tests.hostile.cases` (each case one small mutation of
tests/fixtures/minimal) and run by tests/hostile/test_hostile.py with the rest:

- ``content-html``: raw HTML in a page under content/, including the parser
  differentials of issue 21 (``<!-->``, a closing ``</noscript>`` or ``</textarea>``
  inside an attribute), refused at ``content/<file>:line:col``; code stays code.
- ``content-files``: file types content/ may not hold, refused by name; an SVG with a
  script and a stylesheet loading from another host, refused at their line.
- ``front-matter``: markup in a page's front matter (YAML or ``Key: value`` lines),
  refused at its line; quotes and ``&`` build a site where every landing spot
  (head, navigation, heading, search index) holds them as text.
- ``data-titles``: markup in the titles the data gives pages, refused at the field.
- ``messages``: site.yml's url blamed on data/site.yml, and an id collision filed
  under the file whose id spells out the other's address.
"""

from __future__ import annotations

from tests.hostile.cases import ARCH, SITE, Case, Mutation, Refused, Safe, copy, replace, write

PAGE = "content/evil.md"
RAW = "raw HTML is not allowed in a page: "
MARKUP = "the front-matter value holds markup: "
TYPE = "cannot be published from content/"

KINDS = {"content-html", "content-files", "front-matter", "data-titles", "messages"}


def page(body: str) -> Mutation:
    return write(PAGE, f"# Evil\n\n{body}\n")


def _cases() -> list[Case]:
    c: list[Case] = []

    def add(name: str, kind: str, mutate: Mutation, expect: Refused | Safe) -> None:
        c.append(Case(name, kind, mutate, expect))

    # --- raw HTML in a page (line 3: after "# Evil" and a blank line) -----------------------
    for name, body, says in [
        ("page-script", "<script>alert(1)</script>", RAW + "<script>"),
        ("page-img-onerror", "Text <img src=x onerror=alert(1)> here.", RAW + "<img src=x"),
        ("page-img-slash", "<img/src/onerror=alert(1)>", RAW + "<img/src/onerror"),
        ("page-javascript-anchor", '<a href="javascript:alert(1)">x</a>', RAW + "<a href="),
        ("page-iframe", '<iframe src="https://evil.example/"></iframe>', RAW + "<iframe"),
        ("page-style-import", "<style>@import url(https://other.host/x.css)</style>", RAW),
        ("page-comment-ends-early", "<!--><script>alert(1)</script>-->", RAW + "<!-->"),
        (
            "page-noscript-title",
            '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
            RAW + "<noscript>",
        ),
        (
            "page-textarea-title",
            '<textarea><p title="</textarea><img src=x onerror=alert(1)>">',
            RAW + "<textarea>",
        ),
        ("page-xmp", "<xmp><p title='</xmp><svg onload=alert(1)>'>", RAW + "<xmp>"),
        ("page-md-in-html", '<div markdown="1">*x*</div>', RAW + '<div markdown="1">'),
        ("page-doctype", "<!DOCTYPE html>", RAW + "<!DOCTYPE html>"),
        ("page-javascript-link", "[x](javascript:alert(1))", "'javascript:alert(1)' is not"),
        ("page-protocol-relative-link", "[x](//evil.example/)", "'//evil.example/' is not"),
        ("page-attribute-list", 'Para\n{: onclick="alert(1)" }', "curly braces set HTML"),
        ("page-foreign-image", "![x](https://evil.example/t.png)", "an image from"),
        ("page-fence-attributes", "```{.python #__search}\nx\n```", "braces after a code fence"),
    ]:
        line = 4 if name == "page-attribute-list" else 3
        add(name, "content-html", page(body), Refused(PAGE, line, "", says))
    add(
        "page-in-admonition",
        "content-html",
        page("!!! note\n    Hi <svg/onload=alert(1)>"),
        Refused(PAGE, 4, "", RAW + "<svg/onload=alert(1)>"),
    )
    add(
        "page-code-stays-code",
        "content-html",
        page(
            "Inline `<script>alert(1)</script>`.\n\n"
            "```html\n<img src=x onerror=alert(1)>\n```\n\n"
            "    <iframe src=https://evil.example/></iframe>\n"
        ),
        Safe(absent=("<script>alert(1)", "<img src=x onerror", "<iframe src=https")),
    )

    # --- file types under content/ -----------------------------------------------------------
    for name, path in [
        ("content-htm", "content/evil.htm"),
        ("content-xhtml", "content/evil.xhtml"),
        ("content-xml", "content/feed.xml"),
        ("content-html-file", "content/assets/evil.html"),
        ("content-swf", "content/assets/movie.swf"),
        ("content-exe", "content/assets/tool.exe"),
        ("content-no-extension", "content/assets/payload"),
    ]:
        add(
            name,
            "content-files",
            write(path, "<script>alert(1)</script>\n"),
            Refused(path, 0, "", TYPE),
        )

    # SVG and CSS under content/ are read as the site audit reads them, before the build.
    add(
        "content-svg-script",
        "content-files",
        write(
            "content/assets/images/evil.svg",
            '<svg xmlns="http://www.w3.org/2000/svg">\n<script>alert(1)</script>\n</svg>\n',
        ),
        Refused("content/assets/images/evil.svg", 2, "<script>", "a script in an SVG"),
    )
    add(
        "content-css-import",
        "content-files",
        write("content/assets/evil.css", "@import url(https://other.host/x.css);\n"),
        Refused("content/assets/evil.css", 1, "url()", "loads from another host"),
    )

    # --- front matter: lands in <title>, the nav, meta tags and the search index -------------
    add(
        "front-matter-title-img",
        "front-matter",
        write(PAGE, "---\ntitle: 'A <img src=x onerror=alert(1)>'\n---\n\n# Evil\n"),
        Refused(PAGE, 2, "title", MARKUP),
    )
    add(
        "front-matter-description-entity",
        "front-matter",
        write(PAGE, "---\ndescription: a &lt;script&gt; b\n---\n\n# Evil\n"),
        Refused(PAGE, 2, "description", MARKUP),
    )
    add(
        "front-matter-multimarkdown-title",
        "front-matter",
        write(PAGE, "Title: <svg onload=alert(1)>\n\n# Evil\n"),
        Refused(PAGE, 1, "title", MARKUP),
    )
    add(
        "front-matter-title-bidi-override",
        "front-matter",
        write(PAGE, '---\ntitle: "Flask \u202eognajD"\n---\n\n# Evil\n'),
        Refused(PAGE, 2, "title", "right-to-left override (U+202E)"),
    )
    add(
        "front-matter-quotes-land-as-text",
        "front-matter",
        write(
            PAGE,
            '---\ntitle: \'Tom & "Jerry" onmouseover="alert(1)\'\n'
            "description: 'x\" http-equiv=\"refresh'\n---\n\n## Evil\n\nText.\n",
        ),
        Safe(absent=('onmouseover="alert(1)"', 'http-equiv="refresh"')),
    )

    # --- titles the data gives pages ---------------------------------------------------------
    add(
        "dimension-title-markup",
        "data-titles",
        replace(ARCH, "title: Architecture", "title: 'Arch <img src=x onerror=alert(1)>'"),
        Refused(ARCH, 1, "title"),
    )
    add(
        "dimension-title-entities-land-as-text",
        "data-titles",
        replace(
            ARCH,
            "title: Architecture",
            'title: \'Arch &lt;img src=x onerror=alert(1)&gt; "q" onmouseover="alert(2)\'',
        ),
        Safe(absent=("<img src=x onerror", 'onmouseover="alert(2)"')),
    )
    add(
        "framework-name-markup",
        "data-titles",
        replace("data/frameworks/alpha.yml", "name: Alpha", "name: 'Alpha <script>x</script>'"),
        Refused("data/frameworks/alpha.yml", 1, "name"),
    )

    # --- messages (part 6) -------------------------------------------------------------------
    url = "url: https://example.org/"
    for name, value, char in [
        ("site-url-ampersand", "https://example.org/a&b/", "'&'"),
        ("site-url-query", "https://example.org/?x=1", "'?'"),
    ]:
        add(
            name,
            "messages",
            replace(SITE, url, f"url: {value}"),
            Refused(SITE, 3, "url", f"holds {char}"),
        )
    add(
        "collision-filed-under-the-new-file",
        "messages",
        copy(
            ARCH.replace("architecture", "templates"),
            "data/dimensions/templates-alpha.yml",
            "order: 20",
            "order: 30",
        ),
        Refused(
            "data/dimensions/templates-alpha.yml",
            0,
            "",
            "which data/dimensions/templates.yml makes too",
        ),
    )
    return c


CASES = _cases()
