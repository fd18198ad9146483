"""scripts/freshness-loop end to end, as the weekly workflow runs it, against a fake
package index and a fake copy of every cited site (no network, no push)."""

from __future__ import annotations

import html as html_escape
import os
import re
import shutil
import subprocess
import sys
import urllib.parse
from pathlib import Path

import yaml

from macros.freshness.packages import read_packages
from macros.freshness.pins import samples_pins
from tests.freshness.test_fix import copy_site, entry, recorded
from tests.harness.fake_web import Answer, html, pypi_project, pypi_routes, serve
from tests.harness.site import ROOT

TODAY = "2026-12-07"


def cited_pages(data: Path, gone: str, changed: str) -> dict[str, Answer]:
    """Every page data/sources.yml cites, under /<host>/<path>, saying what its source
    quotes; ``gone`` answers 404 and ``changed`` no longer says it."""
    sources = yaml.load((data / "sources.yml").read_text(), Loader=yaml.CSafeLoader)
    routes = {}
    for sid, source in sources.items():
        url = urllib.parse.urldefrag(source["url"])[0]
        path = "/" + url.removeprefix("https://")
        if sid == gone:
            continue
        said = "Nothing to see." if sid == changed else source["supports"]
        routes[path] = html(f"<p>{html_escape.escape(said)}</p>")
    return routes


def field_line(path: Path, source: str, field: str) -> int:
    """The line of ``field`` in the entry ``source`` of a sources file."""
    lines = path.read_text().splitlines()
    key = lines.index(f"{source}:")
    return next(n for n in range(key + 1, len(lines) + 1) if lines[n - 1].startswith(f"  {field}:"))


def pick(data: Path) -> tuple[str, str]:
    """A source whose page no other cites (to be gone), and one that quotes its page."""
    sources = yaml.load((data / "sources.yml").read_text(), Loader=yaml.CSafeLoader)
    pages = [urllib.parse.urldefrag(s["url"])[0] for s in sources.values()]
    alone = [
        sid for sid, s in sources.items() if pages.count(urllib.parse.urldefrag(s["url"])[0]) == 1
    ]
    quoting = [sid for sid in alone if sources[sid]["supports"].startswith("\u201c")]
    gone = next(sid for sid in alone if sid not in quoting[:1])
    return gone, quoting[0]


def test_the_loop_fixes_validates_and_writes_the_pull_request_text(tmp_path: Path) -> None:
    data = copy_site(tmp_path)
    (tmp_path / "samples").mkdir()
    shutil.copy(ROOT / "samples/pyproject.toml", tmp_path / "samples/pyproject.toml")
    projects = recorded(data)
    uvicorn, flask = entry(data, "uvicorn"), entry(data, "flask")
    projects["uvicorn"] = pypi_project("0.56.0", "2026-12-04", {uvicorn.version: "2026-11-28"})
    projects["flask"] = pypi_project("9.0.0", "2026-12-01", {flask.version: "2026-02-19"})
    gone, changed = pick(data)
    body, outputs = tmp_path / "out" / "body.md", tmp_path / "github-output"
    with (
        serve(pypi_routes(projects)) as index,
        serve(cited_pages(data, gone, changed)) as sites,
    ):
        result = subprocess.run(
            [
                sys.executable,
                str(ROOT / "scripts/freshness-loop"),
                "--data",
                str(data),
                "--body",
                str(body),
                "--index-url",
                f"{index.base}/pypi",
                "--today",
                TODAY,
                f"--sources-arg=--mirror=https://={sites.base}/",
                "--sources-arg=--no-cache",
            ],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
            env={**os.environ, "GITHUB_OUTPUT": str(outputs)},
        )
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    assert outputs.read_text() == "check-freshness=1\ncheck-sources=1\nvalidate=0\n"

    # The data: the new release is written in, nothing else changed.
    assert entry(data, "uvicorn").version == "0.56.0"
    packages, _ = read_packages(data / "packages.yml", tmp_path)
    shipped, _ = read_packages(ROOT / "data/packages.yml", ROOT)
    was = {s.id: s.version for s in shipped}
    assert [p.id for p in packages if p.version != was[p.id]] == ["flask", "uvicorn"]
    # The samples run against Flask 9.0.0 from now on: its pin followed.
    assert samples_pins(tmp_path / "samples/pyproject.toml")["flask"] == "9.0.0"
    pinned = (ROOT / "samples/pyproject.toml").read_text()
    assert (tmp_path / "samples/pyproject.toml").read_text() == pinned.replace(
        f'"flask[async]=={flask.version}"', '"flask[async]==9.0.0"'
    )

    text = body.read_text()
    assert f"- Uvicorn {uvicorn.version} ({uvicorn.released}) -> 0.56.0 (2026-12-04)" in text
    assert (
        f"- samples/pyproject.toml, samples group: flask=={flask.version} -> flask==9.0.0 "
        "(samples/uv.lock regenerated with `make lock`)"
    ) in text
    reread = text.split("## Sentences to re-read")[1].split("## Sources")[0]
    assert re.search(
        r"\n  data/dimensions/deployment\.yml:\d+ \(deployment\.md\): names Uvicorn: ", reread
    )
    gone_line = field_line(data / "sources.yml", gone, "url")
    assert f"data/sources.yml:{gone_line}:8: {gone}.url: the page answers HTTP 404" in text
    changed_line = field_line(data / "sources.yml", changed, "supports")
    missing = rf"data/sources.yml:{changed_line}:\d+: {changed}.supports: the page no longer says"
    assert re.search(missing, text), text
    assert "- `comparison check-freshness`: exit 1" in text
    assert "- `comparison check-sources`: exit 1" in text
    assert "- `comparison validate`: exit 0" in text
    assert "re-checked every Monday" in text


def test_an_unreachable_index_stops_the_loop_with_2(tmp_path: Path) -> None:
    data = copy_site(tmp_path)
    before = (data / "packages.yml").read_bytes()
    body = tmp_path / "body.md"
    with serve({}) as nowhere:  # every answer a 404 page: neither an index nor the sites
        pass
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts/freshness-loop"),
            "--data",
            str(data),
            "--body",
            str(body),
            "--index-url",
            f"{nowhere.base}/pypi",
            f"--sources-arg=--mirror=https://={nowhere.base}/",
            "--sources-arg=--no-cache",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 2, result.stdout + result.stderr
    assert (data / "packages.yml").read_bytes() == before
    assert "- `comparison check-freshness`: exit 2" in body.read_text()
