"""The locks install anywhere: universal, hash-pinned, nothing of one machine (issue 23).

uv.lock holds the site tool with its dev, docs-engine and browser groups;
samples/uv.lock the code samples' stacks. A lock that names a folder, a file URL
or a private index of the machine that wrote it points nowhere on a user's
machine; one resolved for a single platform or Python fails on the others.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

from tests.harness.site import ROOT

LOCKS = ("uv.lock", "samples/uv.lock")
ALL_LOCKS = (*LOCKS, "uv-requirements.txt")
PYPI = "https://pypi.org/simple"
MACHINE_LOCAL = re.compile(
    r"file://|--(extra-)?index-url|--find-links|--trusted-host|\"/(opt|root|home|tmp|work)/"
)


def lock(name: str) -> dict[str, Any]:
    return tomllib.loads((ROOT / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ALL_LOCKS)
def test_the_lock_names_no_index_folder_or_host_of_this_machine(name: str) -> None:
    text = (ROOT / name).read_text(encoding="utf-8")
    assert MACHINE_LOCAL.findall(text) == []
    assert "requirements.lock" not in {p.name for p in ROOT.iterdir()}, "uv.lock replaced it"


@pytest.mark.parametrize("name", LOCKS)
def test_every_package_comes_from_pypi_with_hashes_or_from_this_checkout(name: str) -> None:
    problems = []
    for package in lock(name)["package"]:
        source = package["source"]
        if "registry" not in source:  # this project, or the site tool for the samples
            if (
                set(source) - {"editable", "virtual"}
                or Path(next(iter(source.values()))).is_absolute()
            ):
                problems.append(f"{package['name']}: {source}")
            continue
        files = [*([package["sdist"]] if "sdist" in package else []), *package.get("wheels", [])]
        if source["registry"] != PYPI or not all(
            f.get("hash", "").startswith("sha256:") for f in files
        ):
            problems.append(f"{package['name']}: {source} {files}")
    assert problems == []


@pytest.mark.parametrize(("name", "oldest"), [("uv.lock", ">=3.11"), ("samples/uv.lock", ">=3.12")])
def test_the_lock_is_universal(name: str, oldest: str) -> None:
    """Resolved for every platform and Python the project supports, not only this machine's."""
    data = lock(name)
    assert data["requires-python"] == oldest
    assert "environments" not in data.get("manifest", {})  # no platform left out
    wheels = {w["url"].rsplit("/", 1)[1] for p in data["package"] for w in p.get("wheels", [])}
    # A compiled dependency carries wheels for Windows and macOS too (pyyaml, the C parser).
    assert any("win_amd64" in w for w in wheels) and any("macosx" in w for w in wheels)


def test_the_tool_lock_holds_no_sample_stack_and_the_samples_lock_reuses_the_tool() -> None:
    tool = {p["name"] for p in lock("uv.lock")["package"]}
    samples = {p["name"]: p for p in lock("samples/uv.lock")["package"]}
    assert {"django", "flask", "fastapi", "stripe"} & tool == set()
    assert samples["flask-vs-django"]["source"] == {"editable": "../"}


def test_the_python_floor_is_the_same_everywhere() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["requires-python"] == ">=3.11"
    assert project["tool"]["ruff"]["target-version"] == "py311"
    assert project["tool"]["mypy"]["python_version"] == "3.11"
    # The SPDX string form of `license` needs setuptools 77.
    assert project["build-system"]["requires"] == ["setuptools>=77"]
    assert set(project["dependency-groups"]) == {"dev", "docs-engine", "browser"}


def test_uv_itself_is_installed_by_hash_at_the_makefiles_version() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    version = re.search(r"^UV_VERSION := (\S+)$", makefile, re.M)
    text = (ROOT / "uv-requirements.txt").read_text(encoding="utf-8")
    assert version and re.findall(r"^([a-z0-9-]+)==(\S+) \\$", text, re.M) == [("uv", version[1])]
    assert text.count("--hash=sha256:") > 10  # a wheel for each platform
    assert "--require-hashes --target $(UV_HOME) -r uv-requirements.txt" in makefile
