"""Cache files under .cache/ are trusted only when this machine's runs wrote them.

A pull request can commit files under .cache/ (git add -f): a pickle there
would run code when loaded, compiled templates too, and a stored HTML or
verdict would skip the checks. These tests commit such files by hand.
"""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import jinja2
import pytest

from macros import sealed_cache
from macros.data.file_reader import ReadCache
from macros.render.markdown import MarkdownFactory
from macros.sealed_cache import SealedBytecodeCache, read_sealed, write_sealed


@pytest.fixture(autouse=True)
def own_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    key = tmp_path / "home-cache" / "cache-key"
    monkeypatch.setenv(sealed_cache.KEY_VARIABLE, str(key))
    return key


def test_sealed_data_reads_back_and_the_key_is_made_once_outside_the_folder(
    tmp_path: Path, own_key: Path
) -> None:
    path = tmp_path / "cache" / "x.json"
    assert write_sealed(path, b'{"a": 1}')
    assert read_sealed(path) == b'{"a": 1}'
    assert own_key.stat().st_size == 32 and own_key.stat().st_mode & 0o077 == 0
    assert not list(path.parent.glob("*.json.*"))  # no partial file left


@pytest.mark.parametrize(
    "tamper",
    [
        lambda blob: blob[:-1] + b"!",  # data changed after sealing
        lambda blob: blob.replace(blob[20:52], bytes(32)),  # the seal replaced
        lambda blob: blob[len(sealed_cache.MAGIC) + 32 :],  # no seal at all
    ],
    ids=["data-changed", "seal-replaced", "unsealed"],
)
def test_a_file_not_sealed_by_this_machine_is_a_miss(tmp_path: Path, tamper: object) -> None:
    path = tmp_path / "x.json"
    write_sealed(path, b"payload")
    assert callable(tamper)
    path.write_bytes(tamper(path.read_bytes()))
    assert read_sealed(path) is None


def test_a_sealed_file_is_valid_only_under_its_own_name_and_key(
    tmp_path: Path, own_key: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "markdown-a.json"
    write_sealed(path, b"{}")
    moved = tmp_path / "field-html-a.json"
    moved.write_bytes(path.read_bytes())
    assert read_sealed(moved) is None
    monkeypatch.setenv(sealed_cache.KEY_VARIABLE, str(tmp_path / "another-machine" / "key"))
    assert read_sealed(path) is None


class _Planted:
    """Unpickling this runs code: it touches the file named."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (Path.touch, (str(self.marker),))  # type: ignore[return-value]


def test_a_committed_pickle_is_never_loaded(tmp_path: Path) -> None:
    cache_dir = tmp_path / ".cache" / "comparison"
    first = ReadCache()
    first.keep_on_disk(cache_dir)
    assert first.store.path is not None
    marker = tmp_path / "code-ran"
    cache_dir.mkdir(parents=True)
    first.store.path.write_bytes(pickle.dumps({"x": _Planted(marker)}))  # as a commit would
    ReadCache().keep_on_disk(cache_dir)
    assert not marker.exists()


def test_committed_html_for_a_text_is_not_used(tmp_path: Path) -> None:
    factory = MarkdownFactory([])
    factory.keep_on_disk(tmp_path)
    (tmp_path / f"markdown-{factory.fingerprint()}.json").write_text(
        json.dumps({"*one*": "<script>alert(1)</script>"}), encoding="utf-8"
    )
    fresh = MarkdownFactory([])
    fresh.keep_on_disk(tmp_path)
    assert fresh.html("*one*") == "<p><em>one</em></p>"


def test_compiled_templates_load_only_when_sealed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loads: list[bytes] = []
    real = jinja2.bccache.Bucket.bytecode_from_string

    def spy(bucket: jinja2.bccache.Bucket, string: bytes) -> None:
        loads.append(string)
        real(bucket, string)

    monkeypatch.setattr(jinja2.bccache.Bucket, "bytecode_from_string", spy)
    loader = jinja2.DictLoader({"t.html": "{{ 1 + 1 }}"})

    def render(cache: jinja2.BytecodeCache) -> str:
        return (
            jinja2.Environment(loader=loader, bytecode_cache=cache).get_template("t.html").render()
        )

    plain = jinja2.FileSystemBytecodeCache(str(tmp_path))
    assert render(plain) == "2"  # written unsealed, as a commit could hold it
    loads.clear()
    assert render(SealedBytecodeCache(str(tmp_path))) == "2"
    assert loads == []  # the unsealed file was not read (and is now replaced, sealed)
    assert render(SealedBytecodeCache(str(tmp_path))) == "2"
    assert len(loads) == 1


def _store() -> sealed_cache.SealedStore[str, str]:
    def decode(data: bytes) -> dict[str, str]:
        stored = json.loads(data)
        if not isinstance(stored, dict):
            raise ValueError("not a dict")
        return stored

    return sealed_cache.SealedStore(lambda d: json.dumps(d, sort_keys=True).encode(), decode)


def test_a_store_writes_back_what_was_asked_for_when_something_is_new(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    first = _store()
    first.open(path)
    assert first.get("a") is None
    first.put("a", "A")
    first.put("b", "B")
    assert first.save() and json.loads(read_sealed(path) or b"") == {"a": "A", "b": "B"}
    assert not first.save()  # nothing new since

    second = _store()
    second.put("b", "mine")  # what is in memory wins over the file
    second.open(path)
    assert second.entries == {"a": "A", "b": "mine"}
    assert second.get("a") == "A"
    second.put("c", "C")
    second.save()  # "b" and "c" were put, "a" asked for: all kept
    assert json.loads(read_sealed(path) or b"") == {"a": "A", "b": "mine", "c": "C"}

    third = _store()
    third.open(path)
    third.put("d", "D")
    third.save(["c", "d", "gone"])  # only these, of those it has
    assert json.loads(read_sealed(path) or b"") == {"c": "C", "d": "D"}


def test_a_store_ignores_a_file_it_cannot_trust_or_read(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    path.write_text('{"a": "<script>alert(1)</script>"}', encoding="utf-8")  # unsealed
    store = _store()
    store.open(path)
    assert store.entries == {}
    write_sealed(path, b"[1, 2]")  # sealed, but not what the store keeps
    store = _store()
    store.open(path)
    assert store.entries == {}
    assert not _store().save()  # no file opened: nothing to write
