"""data/packages.yml stays true: scripts/check-freshness against a fake index,
and the offline rules on the shipped data (issue 13)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from macros.data.text_rules import blank_code
from macros.freshness.packages import (
    Package,
    named_anywhere,
    read_packages,
    text_paragraphs,
    undated_recommendations,
)
from macros.freshness.pypi import parse_project
from macros.freshness.report import main
from tests.harness.site import ROOT

TODAY = "2026-11-30"


def project(version: str, uploaded: str, older: dict[str, str] | None = None) -> dict[str, Any]:
    """A PyPI JSON API answer: the latest version plus older releases."""
    releases = {
        v: [{"upload_time_iso_8601": f"{day}T10:00:00.000000Z", "yanked": False}]
        for v, day in {**(older or {}), version: uploaded}.items()
    }
    return {"info": {"version": version}, "releases": releases, "urls": releases[version]}


@contextmanager
def fake_index(projects: dict[str, dict[str, Any]]) -> Iterator[str]:
    """PyPI's JSON API on 127.0.0.1 (a free port), answering from ``projects``."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            match = re.fullmatch(r"/pypi/([a-z0-9-]+)/json", self.path)
            found = projects.get(match.group(1)) if match else None
            body = json.dumps(found or {"message": "Not Found"}).encode()
            self.send_response(200 if found else 404)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    class Server(ThreadingHTTPServer):
        request_queue_size = 64  # the checker asks 8 at a time; a short backlog drops SYNs

    server = Server(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/pypi"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def shipped() -> list[Package]:
    packages, problems = read_packages(ROOT / "data/packages.yml", ROOT)
    assert [str(p) for p in problems] == []
    return packages


def as_recorded(packages: list[Package]) -> dict[str, dict[str, Any]]:
    """An index that agrees with every entry of packages.yml."""
    return {p.id: project(p.version, p.released.isoformat()) for p in packages}


def line_of(path: Path, pattern: str) -> int:
    lines = path.read_text().splitlines()
    return next(n for n, text in enumerate(lines, 1) if re.search(pattern, text))


def run(data: Path, index: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["--data", str(data), "--index-url", index, "--today", TODAY])
    return code, capsys.readouterr().out


# ------------------------------------------------------------------ against a fake index


def test_shipped_data_is_clean_when_the_index_agrees(capsys: pytest.CaptureFixture[str]) -> None:
    packages = shipped()
    with fake_index(as_recorded(packages)) as index:
        code, out = run(ROOT / "data", index, capsys)
    assert code == 0, out
    assert out.splitlines()[-1] == (
        f"{len(packages)} packages checked against {index} on {TODAY}: {len(packages)} up to "
        f"date, 0 out of date, 0 not found, {out.count('warning: ')} without a recent release."
    )
    assert "Out of date" not in out


def test_a_newer_release_is_reported_with_every_place_that_states_the_old_version(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # The shipped prose refers to the version ({pkg:djangorestframework.version}, issue 20),
    # so a copy of the data with one literal copy stands in for text that states it.
    shutil.copytree(ROOT / "data", tmp_path / "data")
    use_cases = tmp_path / "data/dimensions/use-cases.yml"
    use_cases.write_text(
        use_cases.read_text().replace("{pkg:djangorestframework.version}", "3.18.3", 1)
    )
    projects = as_recorded(shipped())
    projects["djangorestframework"] = project("3.19.0", "2026-11-20", {"3.18.3": "2026-10-06"})
    with fake_index(projects) as index:
        code, out = run(tmp_path / "data", index, capsys)
    entry = line_of(ROOT / "data/packages.yml", r"^djangorestframework:")
    places = [
        f"data/dimensions/use-cases.yml:{n}"
        for n, text in enumerate(use_cases.read_text().splitlines(), 1)
        if "3.18.3" in text
    ]
    assert code == 1
    assert len(places) == 1
    assert (
        f"  data/packages.yml:{entry}:1: djangorestframework: the data says Django REST "
        "Framework 3.18.3 (2026-10-06), PyPI's latest is 3.19.0 (2026-11-20) (update version, "
        f"released and checked here; the data states 3.18.3 at {', '.join(places)})"
    ) in out.splitlines()
    assert "1 out of date" in out


def test_the_shipped_prose_states_a_version_only_in_packages_yml(
    capsys: pytest.CaptureFixture[str],
) -> None:
    projects = as_recorded(shipped())
    projects["djangorestframework"] = project("3.19.0", "2026-11-20", {"3.18.3": "2026-10-06"})
    with fake_index(projects) as index:
        code, out = run(ROOT / "data", index, capsys)
    entry = line_of(ROOT / "data/packages.yml", r"^djangorestframework:")
    assert code == 1
    assert (
        f"  data/packages.yml:{entry}:1: djangorestframework: the data says Django REST "
        "Framework 3.18.3 (2026-10-06), PyPI's latest is 3.19.0 (2026-11-20) (update version, "
        "released and checked here)"
    ) in out.splitlines()


def test_a_package_the_index_does_not_know_fails_the_check(
    capsys: pytest.CaptureFixture[str],
) -> None:
    projects = as_recorded(shipped())
    del projects["quart"]
    with fake_index(projects) as index:
        code, out = run(ROOT / "data", index, capsys)
    entry = line_of(ROOT / "data/packages.yml", r"^quart:")
    assert code == 1
    assert f"  data/packages.yml:{entry}:1: quart: could not ask the index about it: " in out
    assert f"{index}/quart/json answered HTTP 404" in out


def test_a_framework_files_latest_release_counts_as_stating_the_version(
    capsys: pytest.CaptureFixture[str],
) -> None:
    projects = as_recorded(shipped())
    projects["flask"] = project("3.2.0", "2026-12-01")
    with fake_index(projects) as index:
        code, out = run(ROOT / "data", index, capsys)
    release = line_of(ROOT / "data/frameworks/flask.yml", r'^  version: "3.1.3"')
    assert code == 1
    assert f"data/frameworks/flask.yml:{release}" in out
    # The prose refers to {pkg:flask.version} (issue 20): no page states the old version,
    # and the sentences around the reference are listed to re-read.
    outlook = [line for line in out.splitlines() if "data/dimensions/future-outlook.yml:" in line]
    assert outlook and all("shows {pkg:flask.version}, now 3.2.0" in line for line in outlook)


def test_a_changelog_date_a_day_before_the_upload_is_accepted(
    capsys: pytest.CaptureFixture[str],
) -> None:
    projects = as_recorded(shipped())
    projects["flask"] = project("3.1.3", "2026-02-19")  # the text says 2026-02-18
    projects["celery"] = project("5.7.0", "2026-11-09")  # packages.yml says 2026-11-05
    with fake_index(projects) as index:
        code, out = run(ROOT / "data", index, capsys)
    assert code == 1
    assert (
        "celery: the data says Celery 5.7.0 (2026-11-05), PyPI's latest is 5.7.0 (2026-11-09)"
        in out
    )
    assert "flask: the data says" not in out


def write_data(root: Path, packages: str, text: str) -> Path:
    data = root / "data"
    (data / "dimensions").mkdir(parents=True)
    (data / "packages.yml").write_text(packages)
    (data / "dimensions/x.yml").write_text(f"frameworks:\n  flask:\n    text: |\n{text}")
    return data


OLD_EXTENSION = """\
flask-login:
  name: Flask-Login
  version: "0.6.3"
  released: 2023-10-30
  status: recommended
  checked: 2026-11-30
"""


def test_stale_packages_are_listed_and_a_recommended_one_must_state_its_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = write_data(tmp_path, OLD_EXTENSION, "      Use Flask-Login for\n      sessions.\n")
    with fake_index({"flask-login": project("0.6.3", "2023-10-30")}) as index:
        code, out = run(data, index, capsys)
    assert code == 1
    assert out.splitlines()[:5] == [
        "Recommended without its last release date (1):",
        "  data/packages.yml:1:1: flask-login: Flask-Login is recommended but has had no "
        "release since 2023-10-30, and the text never says so (in a paragraph that names "
        "Flask-Login, state its last release, e.g. '0.6.3, October 2023', with a source)",
        "No release in 18 months (1):",
        "  data/packages.yml:1:1: warning: flask-login: no release since 2023-10-30 (more than "
        "18 months) (recommended: the text must state its last release date)",
        f"1 packages checked against {index} on {TODAY}: 1 up to date, 0 out of date, "
        "0 not found, 1 without a recent release.",
    ]


@pytest.mark.parametrize("spelling", ["2023-10-30", "October 2023", "Oct\n      2023"])
def test_a_stated_release_date_satisfies_the_rule(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], spelling: str
) -> None:
    text = f"      Flask-Login (0.6.3, {spelling}[^x]) handles\n      sessions.\n"
    data = write_data(tmp_path, OLD_EXTENSION, text)
    with fake_index({"flask-login": project("0.6.3", "2023-10-30")}) as index:
        code, out = run(data, index, capsys)
    assert code == 0, out
    assert "(recommended; the text states its last release date)" in out


def test_a_broken_packages_file_is_reported_before_asking_the_index(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = write_data(tmp_path, OLD_EXTENSION.replace("recommended", "yes"), "      x\n")
    code = main(["--data", str(data), "--index-url", "http://127.0.0.1:9/none"])
    out = capsys.readouterr().out
    assert code == 2
    assert "data/packages.yml:5:11: flask-login.status:" in out


def test_the_script_runs_from_the_command_line(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    with fake_index(as_recorded(shipped())) as index:
        result = subprocess.run(
            [
                sys.executable,
                str(ROOT / "scripts/check-freshness"),
                "--data",
                str(tmp_path / "data"),
                "--index-url",
                index,
                "--today",
                TODAY,
            ],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 out of date" in result.stdout


# ------------------------------------------------------------------ PyPI's answer


def test_the_latest_release_date_is_its_first_upload_and_patches_to_old_lines_count() -> None:
    payload = project("2.0.0", "2026-01-10", {"1.9.9": "2026-06-01", "1.0.0": "2020-01-01"})
    payload["releases"]["2.0.0"].append(
        {"upload_time_iso_8601": "2026-01-12T00:00:00Z", "yanked": False}
    )
    payload["releases"]["3.0.0"] = [
        {"upload_time_iso_8601": "2026-09-01T00:00:00Z", "yanked": True}
    ]
    latest = parse_project(payload)
    assert (latest.version, str(latest.released), str(latest.last_upload)) == (
        "2.0.0",
        "2026-01-10",
        "2026-06-01",
    )


# ------------------------------------------------------------------ the shipped data


def test_recommended_packages_without_recent_releases_state_their_date() -> None:
    paragraphs = text_paragraphs(ROOT / "data", ROOT)
    problems = undated_recommendations(shipped(), paragraphs, "data/packages.yml")
    assert [str(p) for p in problems] == []


# Package-like names: every one the text uses must have an entry.
PACKAGE_NAME = re.compile(
    r"(?<![\w/-])(?:Flask-[A-Z][\w-]*|django-[a-z]+|pytest-[a-z]+|drf-[a-z]+"
    r"|fastapi-[a-z]+|Starlette-[A-Z][\w-]*)"
)
NOT_PACKAGES = {"django-admin"}  # a command


def test_every_package_the_text_names_is_listed() -> None:
    listed = {name for p in shipped() for name in (*p.names, p.id)}
    missing = []
    for paragraph in text_paragraphs(ROOT / "data", ROOT):
        for name in PACKAGE_NAME.findall(blank_code(paragraph.text)):
            name = name.rstrip("-")
            if name not in listed and name not in NOT_PACKAGES:
                missing.append(f"{paragraph.file}:{paragraph.line}: {name}")
    assert missing == [], "add these to data/packages.yml"


def test_every_listed_package_is_named_in_the_text() -> None:
    paragraphs = text_paragraphs(ROOT / "data", ROOT)
    assert [p.id for p in shipped() if not named_anywhere(p, paragraphs)] == []
