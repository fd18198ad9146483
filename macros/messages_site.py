"""The published site's messages: layer 3's audit of built pages and the CSP warnings.

Part of the one catalogue: :data:`macros.messages.CORE` takes these entries in
(as ``(text, hint)`` pairs here, so this module needs nothing from
``macros.messages`` and the two cannot import each other). They live apart only
to keep ``messages.py`` under the size limit. Each finding of the site audit
(:mod:`macros.safety.site`) and each warning of the response headers
(:mod:`macros.publish.headers`) is built from one of them; EDITING.md explains
every one ("The built site").
"""

from __future__ import annotations

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
