"""The field audit's verdicts are worked out once per text, kept in this process and on disk.

The preview audits every Markdown field on every save; a text it judged before
is not converted and read again, in this process (kept in memory) or the next
(the sealed file under .cache/), and a verdict file not sealed by this machine
is never believed.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from macros import sealed_cache
from macros.render import field_audit
from macros.render.markdown import MarkdownFactory

SAFE = "Plain *words*."
HOSTILE = "<script>alert(1)</script>"


@pytest.fixture(autouse=True)
def own_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(sealed_cache.KEY_VARIABLE, str(tmp_path / "home-cache" / "cache-key"))
    monkeypatch.setattr(field_audit, "_stores", {})  # a new process


@pytest.fixture
def audited(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The HTML the auditor read, in order."""
    seen: list[str] = []
    real = field_audit.fragment_problems

    def spy(html: str) -> list[str]:
        seen.append(html)
        return real(html)

    monkeypatch.setattr(field_audit, "fragment_problems", spy)
    return seen


def test_a_text_is_judged_once_in_a_process_and_once_for_the_next(
    tmp_path: Path, audited: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    site = MarkdownFactory()
    first = field_audit._verdicts({SAFE, HOSTILE}, site, tmp_path)
    assert first[SAFE] == [] and first[HOSTILE] and len(audited) == 2
    (stored,) = tmp_path.glob("field-html-*.json")
    kept_on_disk = stored.read_bytes()
    stored.unlink()  # this process remembers them anyway
    assert field_audit._verdicts({SAFE, HOSTILE}, site, tmp_path) == first
    assert len(audited) == 2
    stored.write_bytes(kept_on_disk)
    monkeypatch.setattr(field_audit, "_stores", {})  # the next process reads the file
    assert field_audit._verdicts({SAFE, HOSTILE}, site, tmp_path) == first
    assert len(audited) == 2
    changed = field_audit._verdicts({SAFE, "New *text*."}, site, tmp_path)
    assert set(changed) == {SAFE, "New *text*."}
    assert len(audited) == 3  # the new text only
    kept = json.loads(sealed_cache.read_sealed(stored) or b"{}")
    digest = hashlib.sha256(SAFE.encode()).hexdigest()
    assert set(kept) == {digest, hashlib.sha256(b"New *text*.").hexdigest()}  # not the old one


def test_without_a_cache_folder_every_call_judges_again(audited: list[str]) -> None:
    site = MarkdownFactory()
    field_audit._verdicts({SAFE}, site, None)
    field_audit._verdicts({SAFE}, site, None)
    assert len(audited) == 2


def test_a_committed_verdict_file_is_not_believed(tmp_path: Path) -> None:
    site = MarkdownFactory()
    field_audit._verdicts({SAFE}, site, tmp_path)
    (stored,) = tmp_path.glob("field-html-*.json")
    digest = hashlib.sha256(HOSTILE.encode()).hexdigest()
    stored.write_text(json.dumps({digest: []}), encoding="utf-8")  # "safe", unsealed
    field_audit._stores.clear()
    assert field_audit._verdicts({HOSTILE}, site, tmp_path)[HOSTILE]
