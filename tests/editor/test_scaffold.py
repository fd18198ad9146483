"""scripts/new-dimension and scripts/new-framework: valid files, flagged placeholders."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from macros.data.loader import load_dataset
from macros.data.placeholders import placeholder_problems
from macros.data.schema_refs import load_schema, resolve
from macros.data.yaml_reader import parse_yaml, read_yaml
from tests.harness.site import BUILD_ENV, FIXTURES, ROOT


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "minimal", tmp_path / "project")
    return tmp_path / "project"


def run(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / script), *args],
        capture_output=True,
        text=True,
        check=False,
    )


def build(project: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    # Not tests.harness.site.mkdocs_build: with --quiet, MkDocs 1.6 drops warnings
    # before its --strict counter sees them, so a strict build would pass.
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            *extra,
            "-f",
            str(project / "mkdocs.yml"),
            "-d",
            str(project / "out"),
        ],
        capture_output=True,
        text=True,
        env=BUILD_ENV,
        check=False,
    )


def descriptions(schema_name: str) -> list[str]:
    schema, base = resolve(load_schema(schema_name), schema_name)
    return [resolve(sub, base)[0]["description"] for sub in schema["properties"].values()]


def fill_in(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for old, new in (
        ("TODO: fill in", "Filled in"),
        ("TODO: write this text.", "Written."),
        ("1970-01-01", "2026-11-24"),
        ("0.0.0", "1.0"),
        ("https://example.org/TODO:", "https://example.org/gamma/"),
    ):
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def test_new_dimension_has_every_field_an_entry_per_framework_and_comments(project: Path) -> None:
    result = run("new-dimension", "--data", str(project / "data"), "caching")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "Created data/dimensions/caching.yml. Replace every 'TODO:' (and every 0.0.0 or "
        "1970-01-01); scripts/lint lists what is left.\n"
    )
    path = project / "data/dimensions/caching.yml"
    text = path.read_text(encoding="utf-8")
    doc, problems = parse_yaml(text.encode(), "caching.yml")
    assert doc is not None and problems == []
    schema = load_schema("dimension.schema.json")
    assert list(doc.value) == list(schema["properties"])  # every field, in schema order
    assert list(doc.value["frameworks"]) == ["alpha", "beta"]
    assert list(doc.value["table"][0]["values"]) == ["alpha", "beta"]
    assert doc.value["order"] == 30  # after the last dimension (20), leaving a gap
    comments = " ".join(
        line.strip(" #") for line in text.splitlines() if line.lstrip().startswith("#")
    )
    for description in descriptions("dimension.schema.json"):
        assert description in comments


def test_new_framework_has_every_field(project: Path) -> None:
    result = run("new-framework", "--data", str(project / "data"), "gamma")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1] == (
        "Then add 'gamma:' to every file in data/dimensions/ (or list it under 'unknown:' "
        "there): scripts/lint names each one."
    )
    doc, problems = read_yaml(project / "data/frameworks/gamma.yml", "gamma.yml")
    assert doc is not None and problems == []
    assert list(doc.value) == list(load_schema("framework.schema.json")["properties"])
    assert doc.value["first_release"] == {
        "version": "0.0.0",
        "date": "1970-01-01",
        "source": "alpha-log",
    }


@pytest.mark.slow
def test_scaffolds_build_but_a_strict_build_refuses_placeholders(project: Path) -> None:
    assert run("new-dimension", "--data", str(project / "data"), "caching").returncode == 0
    assert run("new-framework", "--data", str(project / "data"), "gamma").returncode == 0
    dataset, problems = load_dataset(project / "data", project)
    assert dataset is not None
    assert {p.severity.value for p in problems} == {"warning"}

    preview = build(project)
    assert preview.returncode == 0, preview.stderr
    assert (project / "out/index.html").read_text().count('id="caching"') == 1

    strict = build(project, "--strict")
    assert strict.returncode == 1
    assert (
        "WARNING -  data/dimensions/caching.yml:9:9: warning: title: placeholder text "
        "'TODO: fill in' (write the real text, then remove the marker; a strict build "
        "refuses to publish placeholders)"
    ) in strict.stderr
    # 28: one per placeholder of both scaffolds (in_one_line is the 28th).
    assert "Aborted with 28 warnings in strict mode!" in strict.stdout + strict.stderr

    fill_in(project / "data/dimensions/caching.yml")
    fill_in(project / "data/frameworks/gamma.yml")
    assert build(project, "--strict").returncode == 0


def test_refuses_to_overwrite(project: Path) -> None:
    path = project / "data/dimensions/architecture.yml"
    before = path.read_bytes()
    result = run("new-dimension", "--data", str(project / "data"), "architecture")
    assert result.returncode == 1
    assert result.stderr == (
        "scripts/new-dimension: data/dimensions/architecture.yml already "
        "exists: edit it, or choose another id (nothing was written)\n"
    )
    assert path.read_bytes() == before


@pytest.mark.parametrize("bad_id", ["Gamma", "gamma_2", "-gamma", "gamma--2", "2gamma", "../x"])
def test_rejects_an_invalid_id(project: Path, bad_id: str) -> None:
    result = run("new-framework", "--data", str(project / "data"), "--", bad_id)
    assert result.returncode == 1
    assert result.stderr == (
        f"scripts/new-framework: '{bad_id}' is not a valid id: use "
        "lower-case letters, digits and single hyphens, starting with a "
        "letter (e.g. 'real-time')\n"
    )
    assert sorted(p.name for p in (project / "data/frameworks").iterdir()) == [
        "alpha.yml",
        "beta.yml",
    ]


def test_placeholder_warnings_name_the_spot_and_skip_code() -> None:
    text = (
        b"title: Caching\n"
        b"summary: |\n"
        b"  Intro. TODO: say more\n"
        b"  ```python\n"
        b"  cache.clear()  # TODO: not a placeholder in code\n"
        b"  ```\n"
        b"last_reviewed: 1970-01-01\n"
    )
    doc, _ = parse_yaml(text, "data/dimensions/caching.yml")
    assert doc is not None
    assert [str(p) for p in placeholder_problems(doc)] == [
        "data/dimensions/caching.yml:3:10: warning: summary: placeholder text 'TODO: say more' "
        "(write the real text, then remove the marker; a strict build refuses to publish "
        "placeholders)",
        "data/dimensions/caching.yml:7:16: warning: last_reviewed: placeholder value "
        "'1970-01-01' (fill in the real value; a strict build refuses to publish placeholders)",
    ]
