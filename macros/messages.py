"""Every message the data core reports: one catalogue with its code, wording and hint.

Each entry is a :class:`Message` whose ``text`` and ``hint`` are
``str.format`` templates. The core builds its problems from here
(:func:`text`, :func:`hint`), EDITING.md explains every entry (a test checks it
from this catalogue), and the lint's checks declare their own messages with the
same :class:`Message` type, so fixability is a field of the message, never
guessed from its wording. Where the right hint depends on the data (a close
match, the schema's description), the caller passes it and ``hint`` here is
the general advice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from macros.problems import Problem, Severity

_FIELD = re.compile(r"\{[a-z_]+\}")


@dataclass(frozen=True)
class Message:
    """One kind of message: its wording, hint and severity; ``fixable`` by scripts/lint --fix."""

    text: str
    hint: str = ""
    severity: Severity = Severity.ERROR
    fixable: bool = False

    @property
    def shown(self) -> str:
        """The wording with "…" for each value, as EDITING.md quotes it."""
        return _FIELD.sub("…", self.text)


CORE: dict[str, Message] = {
    # The data folder's layout (macros.data.layout, macros.data.loader)
    "unknown-file": Message("the site does not know this data file", "data files are: {known}"),
    "yaml-extension": Message("data files end in .yml", "rename it to {stem}.yml"),
    "reserved-page-id": Message(
        "'{id}' is the address of another page of the site",
        "each dimension gets a page named after its file: rename the file, e.g. "
        "'{id}-topic.yml' (taken: {taken})",
    ),
    "invalid-file-id": Message(
        "'{id}' is not a valid id",
        "the file name is the id: use lower-case letters, digits and single hyphens, "
        "e.g. 'real-time.yml'",
    ),
    "id-look-alike": Message(
        "'{id}' is not a valid id: it has {char}, which is not a Latin letter or digit "
        "though it may look like one",
        "type the id again with plain a-z, 0-9 and hyphens (the file name is the id)",
    ),
    "id-too-long": Message(
        "the id '{id}' is {length} characters long; the limit is {limit}",
        "the file name is the id and becomes the page's folder: rename the file to a shorter id",
    ),
    "windows-device-name": Message(
        "'{id}' is a device name on Windows (con, prn, aux, nul, com1-com9, lpt1-lpt9): "
        "nobody on Windows could check out a file or folder of that name",
        "rename the file: its name is the id, and the id names a folder of the site",
    ),
    # Reading YAML (macros.data.yaml_reader)
    "yaml-syntax": Message("YAML syntax error: {problem}"),
    "tab": Message("a tab character", "YAML indentation must use spaces, not tabs"),
    "unreadable-character": Message(
        "{char}: YAML does not allow this character in a file",
        "delete it (it is invisible: move the cursor across the spot and delete there)",
    ),
    "key-too-long": Message(
        "this key is {length} characters long; YAML reads a key of at most {limit} "
        "characters (so it finds no ':' after it)",
        "shorten the key (a long text belongs in a value, after the ':')",
    ),
    "curly-quotes": Message("curly quotes around the value", 'use straight quotes: "{inner}"'),
    "dedented-key": Message(
        "the key '{key}' has lost its indentation",
        "indent it by {spaces} spaces, like the line below it",
    ),
    "too-deep": Message("the data is nested too deeply (more than {limit} levels)"),
    "too-many-values": Message("the file holds too many values (more than {limit})"),
    "tag": Message("the tag {tag} is not allowed", "remove the tag"),
    "too-large": Message("the file is too large ({size})", "split it into smaller files"),
    "empty-file": Message("the file is empty", "add the required fields, or delete the file"),
    "unknown-alias": Message("unknown alias *{anchor}"),
    "alias-bomb": Message(
        "aliases expand to too many values (more than {limit})",
        "write the values out instead of repeating an &anchor",
    ),
    "key-not-text": Message("a key must be plain text, not a list or mapping"),
    "merge-key": Message("merge keys (<<) are not supported", "write the fields out in full"),
    "unreadable": Message(
        "cannot read the file: {reason}",
        "give your user read access to it (or ask its owner), then run the command again",
    ),
    "not-utf8": Message(
        "the file is not valid UTF-8 (byte 0x{byte})", "save the file as UTF-8 in your editor"
    ),
    "yaml-error": Message("YAML error: {error}"),
    "several-documents": Message(
        "the file holds more than one YAML document",
        "a data file holds one document: remove the '---' line",
    ),
    "unexpected-event": Message("unexpected YAML event"),
    "duplicate-key": Message(
        "duplicate key '{key}': line {first} has it already",
        "YAML would silently keep only the last one: remove or rename one",
    ),
    # The JSON Schemas (macros.data.schema)
    "wrong-type": Message("expected {expected}, got {got}"),
    "unknown-key": Message("unknown key '{key}'", "did you mean '{close}'?"),
    "unknown-value": Message("unknown {what} '{value}'", "use one of: {choices}"),
    "empty-text": Message("the text is empty", "write the text, or remove the key"),
    "too-long": Message(
        "the text is too long ({length} characters; the limit is {limit})", "shorten it"
    ),
    "out-of-range": Message("{value} is out of range", "use a whole number from {low} to {high}"),
    "list-length": Message("the list has {count} item{s}", "it needs {wanted}"),
    "empty-mapping": Message("the mapping is empty"),
    "not-a-mapping": Message(
        "expected a mapping of keys to values, got {got}",
        "the file must start with 'key: value' lines",
    ),
    "link": Message("'{url}' is not an allowed link", "use an https:// address"),
    "one-line": Message("must be one line", "write it on one line, without a '|' block"),
    "date": Message("'{value}' is not a valid date", "write it as YYYY-MM-DD"),
    "impossible-date": Message("'{value}' is not a real date: {why}", "correct the day or month"),
    "multiline-text": Message(
        "text over several lines needs '|' after the key",
        "write '{key}: |' and put the text on the lines below it, indented 2 spaces more than "
        "the key",
    ),
    "missing-key": Message("missing required key '{key}'", "add '{key}:'"),
    "not-valid-here": Message("'{value}' is not valid here"),
    "listed-twice": Message("'{item}' is listed twice", "remove one (item {first} has it already)"),
    "invalid-key-id": Message("'{key}' is not a valid id"),
    "key-id-character": Message(
        "'{key}' is not a valid id: it has {char}",
        "an id is plain a-z, 0-9 and single hyphens: type it again (a letter of another "
        "alphabet can look Latin, and a line break or space cannot be seen)",
    ),
    "value-look-alike": Message(
        "'{value}' is not valid here: it has {char}, which is not a Latin letter or digit "
        "though it may look like one",
        "type it again with plain a-z and 0-9 (a letter of another alphabet can look Latin)",
    ),
    # Across files (macros.data.loader, macros.data.cross_checks)
    "no-data-folder": Message("the data folder does not exist"),
    "missing-file": Message("the file is missing", "create it: see macros/schemas/{schema}"),
    "too-few-files": Message("needs at least {count} file{s}", "add one with scripts/new-{what}"),
    "unknown-reference": Message("unknown {kind} '{value}'", "did you mean '{close}'?"),
    "unknown-fact": Message("{reference} names no fact", "did you mean {suggestion}?"),
    "question-is-heading": Message(
        "the question id '{id}' is also a heading on the FAQ page",
        "choose another id, e.g. '{id}-question'",
    ),
    "duplicate-id": Message(
        "the {what} id '{id}' is used twice", "{first} has it already; ids must be unique"
    ),
    # Text rules for Markdown fields (macros.data.text_rules)
    "raw-html": Message(
        "raw HTML is not allowed: {html}",
        "use Markdown, or put it in `backticks` to show it as code",
    ),
    "attribute-list": Message(
        "curly braces set HTML attributes: {braces}",
        "remove them, or put them in `backticks` to show them as code",
    ),
    "footnote-definition": Message(
        "footnote definition [^{id}]:",
        "sources are defined in data/sources.yml; cite them with [^{id}] only",
    ),
    "heading": Message(
        "headings are not allowed in text",
        "the page adds headings; use a **bold** lead-in instead",
    ),
    # Hostile data (issue 11): the input grammar (macros.safety.grammar)
    "url-character": Message(
        "'{url}' holds {char}, which a web address may not hold",
        "remove it, or percent-encode it (%20 for a space, %22 for a double quote)",
    ),
    "url-host": Message(
        "'{url}' has no plain host name", "write https://host.example/path, without user@"
    ),
    # Neither https:// with a host nor (where allowed) a page of the site: a 'link' problem.
    "url-scheme": Message("'{url}' is not an allowed link", "use an https:// address"),
    "invisible-character": Message("{char} at column {column}", "{fix}"),
    # The same in block Markdown, where tabs and line breaks are fine.
    "invisible-character-block": Message("{char} at column {column}", "{fix}"),
    "lone-brace": Message(
        "a curly brace {brace} outside `code`",
        "a template can complete it into HTML attributes: remove it, or put it in `backticks`",
    ),
    "reference-definition": Message(
        "a link reference definition [{label}]:",
        "write links inline, [text](https://...); a definition can point anywhere",
    ),
    "abbreviation": Message(
        "an abbreviation definition *[{term}]:",
        "it would retitle every '{term}' on the page: remove it",
    ),
    "image": Message(
        "an image from '{url}'",
        "images may only come from the site's own /assets/ folder; an image from another "
        "host tells that host who reads the page",
    ),
    "future-date": Message(
        "{date} is in the future (today is {today})", "write the date the check was done"
    ),
    "field-html": Message(
        "the rendered text is not allowed: {problem}",
        "write it in plain Markdown: the page may not carry this HTML",
    ),
    # Files under data/ and content/ (macros.safety.files)
    "symlink": Message(
        "a symbolic link (to {target}) is not allowed here",
        "copy the file in instead: the build never follows links",
    ),
    "dangling-symlink": Message(
        "a symbolic link to {target}, which does not exist", "remove the link"
    ),
    "not-regular-file": Message("{kind}, not a regular file", "remove it"),
    "folder-named-yml": Message(
        "a folder named like a data file", "rename or remove the folder: data files are files"
    ),
    "content-type": Message(
        "{suffix} cannot be published from content/",
        "content/ holds Markdown pages and these asset types only: {allowed}. Write a page "
        "as a .md file (an .html, .htm or .xhtml file would be served as a page nobody "
        "checks); convert an asset to one of these types, or remove the file",
    ),
    # Hand-written pages under content/ (macros.render.content_pages)
    "content-raw-html": Message(
        "raw HTML is not allowed in a page: {html}",
        "write Markdown instead (headings, lists, tables, links, images from /assets/, "
        "admonitions '!!! note', collapsible notes '??? note'); to show HTML as code, put "
        "it in `backticks` or a ``` block",
    ),
    "content-link": Message(
        "'{url}' is not an allowed link",
        "link to an https:// address or to a page of the site (other.md, /faq.md#which-is-faster)",
    ),
    "content-fence-attributes": Message(
        "braces after a code fence set HTML attributes of the block: {braces}",
        "write only the language after the fence, e.g. ```python",
    ),
    "content-html": Message(
        "the page's HTML is not allowed: {problem}",
        "write it in plain Markdown: a page may carry only what the site's Markdown makes "
        "(EDITING.md, 'Pages under content/')",
    ),
    "front-matter-markup": Message(
        "the front-matter value holds markup: {text}",
        "front-matter values are plain text that lands in the page's <title>, the "
        "navigation, its meta tags and the search index: remove tags such as '<b>' and "
        "character references such as '&lt;' ('a < b', '<3' and '&' before a space are fine)",
    ),
    "content-not-utf8": Message(
        "the page is not valid UTF-8 (byte 0x{byte})", "save the file as UTF-8 in your editor"
    ),
    # site.yml's url (macros.data.cross_checks)
    "site-url-path": Message(
        "'{url}' holds {char}, which the site's own address may not hold",
        "write the address as https://host/ or https://host/path/, its path made of letters, "
        "digits and . _ ~ - between single slashes, with no query (?), '#', '&' or '%': the "
        "theme writes it into its 404 page's script, which the site's allowlist matches exactly",
    ),
    "site-url-end": Message(
        "'{url}' does not end in '/'",
        "add '/' at the end (https://host/path/): the site's pages are published under it",
    ),
    # Ids and page counts (macros.data.collisions)
    "id-collision": Message(
        "the {what} id '{id}' makes {made}, which {other} makes too",
        "choose another id: two things with one address hide each other",
    ),
    # The same between two data files: filed under the one whose id brought it in.
    "id-collision-files": Message(
        "the {what} id '{id}' makes {made}, which {other} makes too",
        "choose another id: two things with one address hide each other (of the two files, "
        "this one has the longer id, which spells out the other's address; of two ids as "
        "long, the later file name)",
    ),
    "many-frameworks": Message(
        "{count} frameworks make {pages} pages ({pairs} of them pair pages)",
        "a build takes longer with every framework; the limit is set by "
        "max_frameworks in mkdocs.yml",
        Severity.WARNING,
    ),
}

# --- the published site: layer 3's audit of built pages (issue 11), the CSP warnings --------
# Each finding of the site audit (macros.safety.site) and each warning of the response
# headers (macros.publish.headers) is worded by one of these; EDITING.md explains every one
# ("The built site").

# Errors: a page of the built site that must not be published (macros.safety.site).
SITE_AUDIT: dict[str, tuple[str, str]] = {
    "site-event-handler": (
        "event handler {name}= (inline code runs)",
        "remove the attribute; behaviour belongs in a script file under "
        "content/assets/javascripts/, listed under extra_javascript in mkdocs.yml",
    ),
    "site-dangerous-url": (
        "{name}= with a {scheme}: URL ({url})",
        "link to a page of the site or an https:// address instead",
    ),
    "site-unreadable-url": (
        "{name}= holds an unreadable URL ({url})",
        "write a plain https:// address or a path on the site",
    ),
    "site-foreign-load": (
        "{name}= loads from another host ({url})",
        "copy the file into content/assets/ and load it from there: a load from another host "
        "tells that host who reads the page, and the Content-Security-Policy blocks it",
    ),
    "site-protocol-relative": (
        "{name}= is protocol-relative ({url})",
        "write the address with https:// in front",
    ),
    "site-style-url": (
        "style= with url() (loads a resource)",
        "give the element a class and style it in content/assets/stylesheets/reader.css",
    ),
    "site-embed": (
        "<{tag}> embeds another document or a plugin",
        "link to the document instead: the site embeds nothing",
    ),
    "site-base": ("<base> changes where every relative link goes", "remove the <base> element"),
    "site-http-equiv": (
        'http-equiv="{equiv}" (redirects or sets state)',
        "remove the <meta> element; a redirect belongs in the server's configuration "
        "(deploy/nginx.conf)",
    ),
    "site-duplicate-id": (
        "duplicate element id (first at line {first_line}, column {first_column}): "
        "links to it reach only the first one",
        "rename one: a heading's id comes from its text, a row's or a question's from its id "
        "in data/",
    ),
    "site-script-src-and-code": (
        "a script with both src= and inline code",
        "browsers ignore the inline code: remove it, or move it into the script file",
    ),
    "site-inline-script": (
        "inline script not on the allowlist ({hash}; starts {start})",
        "only the theme scripts listed in macros/safety/inline_scripts.toml may run: remove it, "
        "or move the code into a file under content/assets/javascripts/ (extra_javascript in "
        "mkdocs.yml); if a Material upgrade changed one of its own scripts, write its new text "
        "into inline_scripts.toml and run scripts/csp-hashes",
    ),
    "site-jsonld-not-json": (
        "JSON-LD that is not JSON ({error})",
        "the JSON-LD comes from macros/render/jsonld.py through overrides/main.html: "
        "fix whichever changed",
    ),
    "site-jsonld-not-schema": (
        "JSON-LD that is not a schema.org object",
        'each item needs "@context": "https://schema.org" (macros/render/jsonld.py)',
    ),
    "site-jsonld-early-end": (
        "JSON-LD holding '</' or '<!--' (a script could end early)",
        "print it with | tojson in overrides/main.html, which writes '<' as \\u003c",
    ),
    "site-config-not-json": (
        "Material's __config is not JSON",
        "check the theme: and extra: settings in mkdocs.yml, and any override of the config "
        "block in overrides/main.html",
    ),
    "site-script-type": (
        'unknown script type "{kind}"',
        'use a script file, or type="application/ld+json" for structured data',
    ),
    "site-css-load": (
        "loads from another host ({url})",
        "copy the file into content/assets/ and refer to it by a path on the site: a load from "
        "another host tells that host who reads the page",
    ),
    "site-svg-script": (
        "a script in an SVG or XML file (it runs when the file is opened)",
        "remove the <script> element from the file under content/: an image needs no code",
    ),
    "site-animated-link": (
        "an animation of {attribute}= (it can turn the link into a javascript: URL)",
        "remove the animation element from the SVG under content/, or animate another attribute",
    ),
    "site-svg-not-xml": (
        "an SVG or XML file that is not well-formed XML ({error})",
        "save the file again from an editor that writes valid XML, or remove it from content/",
    ),
    "site-not-regular-file": (
        "not a regular file (a link?)",
        "the site holds files only: remove the link or special file from content/",
    ),
    "site-missing": (
        "there is no built site here to audit",
        "the build wrote its pages somewhere else: give it absolute paths",
    ),
    "site-page-source": ("the page comes from {source}", ""),
    "site-audit-failed": (
        "the built site failed the safety audit ({count} finding{s})",
        "fix each one in the file its page comes from, then build again",
    ),
}

# Warnings of the preview: a save that removed content since the last good build
# (macros.preview.content_loss). Deletions can be intended, so never an error.
CONTENT_LOST: dict[str, tuple[str, str]] = {
    "content-lost": (
        "since the last good build, this save removed {what}",
        "if you did not mean to, a truncated or half-finished save is the usual cause: undo in "
        "your editor or compare with `git diff {file}`; if you did, ignore this (it goes when "
        "the content is back or the preview restarts)",
    ),
    "content-lost-truncated": (
        "since the last good build, this save removed {what}",
        "the file does not end with a line break: does it end mid-paragraph? A truncated save "
        "is the usual cause: undo in your editor or compare with `git diff {file}`",
    ),
}

# Warnings: inline code the Content-Security-Policy blocks and no hash can allow
# (macros.publish.headers). The site still works, minus that bit.
CSP_BLOCKED: dict[str, tuple[str, str]] = {
    "csp-blocked": (
        "inline code that the Content-Security-Policy blocks and no hash can allow",
        "use a class or a script file instead",
    ),
    "csp-event-handler": (
        "<{tag} {name}=...> inline event handler",
        "wire the behaviour up in a script file under content/assets/javascripts/",
    ),
    "csp-javascript-url": (
        '<{tag} {name}="javascript:...">',
        "use a real link, and a script file for the behaviour",
    ),
    "csp-style-attribute": (
        "<{tag} style=...> inline style attribute",
        "give the element a class and style it in content/assets/stylesheets/reader.css",
    ),
}

# Errors of the build's last steps and of deploy/headers.toml (macros.publish.build, .headers).
PUBLISH: dict[str, tuple[str, str]] = {
    "build-failed": (
        "Build failed: {site}/ is unchanged",
        "the messages above say what to fix",
    ),
    "build-failed-after-mkdocs": (
        "Build failed after MkDocs: {error}",
        "{site}/ is unchanged: nothing is published until a build passes",
    ),
    # The build's environment (macros.publish.failures, .workdir): one line each, printed last.
    "build-site-unchanged": ("{site}/ was not changed", ""),
    "build-site-not-restored": (
        "{site}/ is missing: the last good site is in {aside}",
        "rename {aside} to {site}/ (the next build also puts it back)",
    ),
    "build-no-space": (
        "build: no space left on device while {action} {path}",
        "free space and run make build again; {outcome}",
    ),
    "build-read-only": (
        "build: read-only file system while {action} {path}",
        "build in a writable copy of the checkout and run make build again; {outcome}",
    ),
    "build-permission": (
        "build: permission denied while {action} {path}",
        "give your user {access} access to {folder} (or ask its owner) and run make build "
        "again; {outcome}",
    ),
    "build-os-error": (
        "build: {reason} while {action} {path}",
        "fix that and run make build again; {outcome}",
    ),
    "build-killed": (
        "build: MkDocs was killed by {signal} while building into {path}",
        "if the machine ran out of memory, close other programs; run make build again; {outcome}",
    ),
    "build-interrupted": (
        "build: stopped by {signal}",
        "run make build again when you are ready; {outcome}",
    ),
    "build-waiting": (
        "build: another build ({holder}) is running in this checkout: waiting for it to finish",
        "press Ctrl-C to stop waiting",
    ),
    "build-restored": (
        "build: put {site}/ back from {aside}, where a build that was stopped while "
        "replacing it had left it",
        "",
    ),
    "build-leftover": (
        "build: could not remove {path} ({reason})",
        "delete it by hand; the next build tries again",
    ),
    "headers-not-text": (
        "expected text or a list of text",
        'write the value as "..." or as a list of "..." parts, which are joined with "; "',
    ),
    "headers-placeholder": ("unknown placeholder {name}", "known: {known}"),
    "headers-cache": (
        "[cache] needs exactly 'fingerprinted' and 'default'",
        "give the Cache-Control value of both, and nothing else",
    ),
    "headers-quote": (
        "header value cannot hold quotes or backslashes: {value}",
        "nginx's add_header takes the value in double quotes: remove them from deploy/headers.toml",
    ),
}

CORE |= {code: Message(text, hint) for code, (text, hint) in (SITE_AUDIT | PUBLISH).items()}
CORE |= {
    code: Message(text, hint, Severity.WARNING)
    for code, (text, hint) in (CSP_BLOCKED | CONTENT_LOST).items()
}

# PyYAML's wording, and what an editor should do about it (the hint of "yaml-syntax").
SYNTAX_HINTS = (
    ("mapping values are not allowed", "if the text contains ': ', put the whole value in quotes"),
    ("could not find expected ':'", "a key needs a ':' after it; check for an unclosed quote"),
    ("did not find expected key", "keys of the same mapping must start in the same column"),
    ("did not find expected '-'", "list items must start in the same column"),
    ("found undefined alias", "an *alias needs a matching &anchor earlier in the file"),
    (
        "unknown escape character",
        "in double quotes a backslash starts an escape: use single quotes",
    ),
    ("found unexpected end of stream", "a quote or bracket is not closed"),
    ("while scanning a quoted scalar", "a quote is not closed"),
    ("special characters are not allowed", "remove the invisible control character"),
    ("expected <block end>", "check the indentation of this line against the lines above"),
    ("found character '`'", "a value cannot start with a backtick: put the value in quotes"),
    ("found character '@'", "a value cannot start with '@': put the value in quotes"),
    ("found character '%'", "a value cannot start with '%': put the value in quotes"),
)


def text(code: str, **values: Any) -> str:
    """The wording of catalogue entry ``code`` with its values filled in."""
    return CORE[code].text.format(**values)


def hint(code: str, **values: Any) -> str:
    """The catalogue's hint for ``code`` with its values filled in."""
    return CORE[code].hint.format(**values)


def file_problem(path: str, code: str, **values: Any) -> Problem:
    """Catalogue entry ``code`` as a problem with a whole file or folder (no line, no field);
    ``values`` fill both its text and its hint."""
    message = CORE[code]
    text, hint = message.text.format(**values), message.hint.format(**values)
    return Problem(path, 0, 0, "", text, hint, message.severity)


def problem(
    code: str, path: str, line: int, column: int, field: str = "", **values: Any
) -> Problem:
    """Catalogue entry ``code`` as a problem at ``path:line:column`` (``field``: a field path
    or, for a built page, an element such as ``<script>``); ``values`` fill text and hint."""
    message = CORE[code]
    text, hint = message.text.format(**values), message.hint.format(**values)
    return Problem(path, line, column, field, text, hint, message.severity, code=code)


def core_messages() -> list[str]:
    """Every core message as EDITING.md quotes it ("…" for values), each once."""
    return list(dict.fromkeys(message.shown for message in CORE.values()))
