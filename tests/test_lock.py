"""requirements.lock holds nothing that only means something on one machine (issue 23).

pip-compile writes the machine's pip configuration into the lock (extra index URLs,
find-links folders) unless told not to; on a user's machine such lines point nowhere.
"""

from __future__ import annotations

import re

from tests.harness.site import ROOT

MACHINE_LOCAL = re.compile(
    r"^\s*(--extra-index-url|--index-url|-i|--find-links|-f|--trusted-host)\b|file:///", re.M
)


def test_the_lock_names_no_index_folder_or_host_of_this_machine() -> None:
    text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    assert MACHINE_LOCAL.findall(text) == []


def test_make_lock_keeps_them_out() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "--no-emit-index-url --no-emit-find-links" in makefile
