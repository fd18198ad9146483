"""The inline scripts the built site may serve (``inline_scripts.toml``) and their CSP hashes.

The site audit (:mod:`macros.safety.site`) matches every executable inline
``<script>`` against these entries; the Content-Security-Policy's script
hashes are computed from the entries' own text, never from a page's.
"""

from __future__ import annotations

import base64
import hashlib
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ALLOWLIST_PATH = Path(__file__).resolve().parent / "inline_scripts.toml"

# The path of the site's address (site.yml's url) as the theme's scripts may hold it:
# Material's 404 page prints it as its base URL (macros.data.cross_checks checks url).
SITE_PATH = re.compile(r"/[A-Za-z0-9._~/-]*")
# A page's base URL as Material prints it: ".", "..", "../..", or an absolute path.
_BASE = rf"(?:\.\.?(?:/\.\.)*|{SITE_PATH.pattern})"


@dataclass(frozen=True)
class AllowedScript:
    name: str
    source: str
    text: str  # may hold {base}
    pattern: re.Pattern[str]

    def render(self, base: str) -> str:
        return self.text.replace("{base}", base)


@dataclass(frozen=True)
class ScriptAllowlist:
    scripts: tuple[AllowedScript, ...]

    def match(self, text: str) -> tuple[AllowedScript, str] | None:
        """The entry ``text`` is, with the base URL it was rendered for."""
        for entry in self.scripts:
            found = entry.pattern.fullmatch(text)
            if found:
                return entry, found.group("base") if "{base}" in entry.text else ""
        return None


def load_allowlist(path: Path = ALLOWLIST_PATH) -> ScriptAllowlist:
    with path.open("rb") as handle:
        raw = tomllib.load(handle)
    entries = []
    for item in raw.get("script", []):
        text = str(item["text"])
        pattern = re.escape(text).replace(re.escape("{base}"), f"(?P<base>{_BASE})", 1)
        entries.append(
            AllowedScript(str(item["name"]), str(item["source"]), text, re.compile(pattern))
        )
    return ScriptAllowlist(tuple(entries))


def csp_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def allowed_script_hashes(
    allowlist: ScriptAllowlist, used: Iterable[tuple[str, str]] | None = None
) -> list[str]:
    """CSP hashes computed from the allowlist's own text, never from a page's.

    ``used`` holds (entry name, base URL) pairs, as the site audit found them
    in the site; without it every entry is hashed for base ".".
    """
    by_name = {entry.name: entry for entry in allowlist.scripts}
    pairs = set(used) if used is not None else {(e.name, ".") for e in allowlist.scripts}
    return sorted({csp_hash(by_name[name].render(base)) for name, base in pairs})
