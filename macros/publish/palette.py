"""Material's palette stylesheet, published without its whole-page transition switch (issue 19).

Material 9.8.1's palette component sets ``data-md-color-switching`` on
``<body>`` and removes it again whenever it applies a colour scheme, on every
page load too; its ``palette.*.min.css`` holds :data:`SWITCHING_RULE`, which
matches every element while the attribute is there, so each toggle makes the
browser restyle the whole page: on /comparison/ 7,617 elements styled instead
of 5,088, on /one-page/ 33,390 instead of 24,016
(scripts/bench/bench_work.py). A build writes the stylesheet without that rule
and nothing else changed; the rule's purpose (no colour fades while the
reader switches light/dark) is kept by reader.js and reader.css, which turn
transitions off only when the reader switches, never at load.

The rule and the stylesheet are pinned: an upgrade of Material that changes
either fails tests/publish/test_palette.py, and a build whose stylesheet lacks
the rule stops (:class:`PaletteDrift`) instead of shipping it unchanged.
The file keeps Material's name (its hash is of Material's bytes): the bytes
published under it are fixed for this Material version.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

# Where Material's base.html links the stylesheet, and the sha256 of the file as
# installed (Material 9.8.1). Update both only after reading the new file's rule.
PALETTE = "assets/stylesheets/palette.fb2fffe2.min.css"
PALETTE_SHA256 = "fb2fffe2c525a359e29ee030c77ffdead459d9d73888c34213d4773262a832ab"

# The rule removed, exactly as Material ships it (inside its `@media screen`).
SWITCHING_RULE = (
    "[data-md-color-switching] *,"
    "[data-md-color-switching] :after,"
    "[data-md-color-switching] :before"
    "{transition-duration:0s!important}"
)


class PaletteDrift(Exception):
    """Material's palette stylesheet is not the one this module was written for."""


def without_switching_rule(text: str) -> str:
    """``text`` (Material's palette stylesheet) without :data:`SWITCHING_RULE`."""
    found = text.count(SWITCHING_RULE)
    if found != 1:
        raise PaletteDrift(
            f"Material's {PALETTE} holds the rule {SWITCHING_RULE!r} {found} times, not once: "
            "Material changed; read its palette component and update macros/publish/palette.py"
        )
    return text.replace(SWITCHING_RULE, "")


def quiet_palette(site_dir: Path) -> Path:
    """Rewrite the built site's palette stylesheet without the rule; returns its path.

    Runs once per build: a stylesheet already without the rule (written by an
    earlier call) is an error too, as is a missing one.
    """
    target = site_dir / PALETTE
    try:
        text = target.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PaletteDrift(
            f"{PALETTE} is not in the built site: Material renamed it; "
            "update macros/publish/palette.py"
        ) from None
    target.write_text(without_switching_rule(text), encoding="utf-8")
    return target


def material_hash(text: str) -> str:
    """sha256 of a stylesheet's text, to compare with :data:`PALETTE_SHA256`."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
