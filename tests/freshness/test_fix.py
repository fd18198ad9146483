"""check-freshness --fix against a fake index: the data is updated in place, byte for
byte elsewhere, the site still validates, and the sentences to re-read are named."""

from __future__ import annotations

import difflib
import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from macros.cli import validate_main
from macros.data.yaml_reader import parse_yaml
from macros.freshness.fix import FixError, Update, updated_text
from macros.freshness.packages import Package, read_packages
from macros.freshness.pypi import Latest
from macros.freshness.report import main
from tests.harness.fake_web import html, pypi_project, pypi_routes, serve
from tests.harness.site import ROOT, free_port

TODAY = "2026-12-14"  # a week after the shipped data was last checked


def copy_site(tmp: Path) -> Path:
    """What `comparison validate` reads: the data, its config, pages and theme."""
    for name in ("data", "content", "overrides"):
        shutil.copytree(ROOT / name, tmp / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp / "mkdocs.yml")
    return tmp / "data"


def recorded(data: Path) -> dict[str, dict[str, object]]:
    """An index that agrees with every entry, as the copy records them."""
    packages, problems = read_packages(data / "packages.yml", data.parent)
    assert problems == []
    return {p.id: pypi_project(p.version, p.released.isoformat()) for p in packages}


def entry(data: Path, package: str) -> Package:
    packages, _ = read_packages(data / "packages.yml", data.parent)
    return next(p for p in packages if p.id == package)


def fix(data: Path, index: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["--data", str(data), "--index-url", index, "--today", TODAY, "--fix"])
    return code, capsys.readouterr().out


def test_newer_releases_are_written_in_place_and_the_site_still_validates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = copy_site(tmp_path)
    before = (data / "packages.yml").read_text()
    projects = recorded(data)
    uvicorn, pwdlib = entry(data, "uvicorn"), entry(data, "pwdlib")
    projects["uvicorn"] = pypi_project("1.0.0", "2026-12-01", {uvicorn.version: "2026-09-25"})
    projects["pwdlib"] = pypi_project("0.5.0", "2026-12-02", {pwdlib.version: "2026-08-12"})
    with serve(pypi_routes(projects)) as index:
        code, out = fix(data, f"{index.base}/pypi", capsys)
    assert code == 1, out
    after = (data / "packages.yml").read_text()
    changed = [
        line for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line[:1] in "+-"
    ]
    assert sorted(changed) == sorted(
        [
            f'-   version: "{uvicorn.version}"',
            '+   version: "1.0.0"',
            f"-   released: {uvicorn.released.isoformat()}",
            "+   released: 2026-12-01",
            f'-   version: "{pwdlib.version}"',
            '+   version: "0.5.0"',
            f"-   released: {pwdlib.released.isoformat()}",
            "+   released: 2026-12-02",
            f"-   checked: {uvicorn.checked.isoformat()}",
            f"-   checked: {pwdlib.checked.isoformat()}",
            f"+   checked: {TODAY}",
            f"+   checked: {TODAY}",
        ]
    )
    comments = [line for line in before.splitlines() if line.lstrip().startswith("#")]
    assert comments and comments == [
        line for line in after.splitlines() if line.lstrip().startswith("#")
    ]
    assert "Updated 2 entries of data/packages.yml" in out
    assert validate_main(["--data", str(data)]) == 0, capsys.readouterr().out


def test_the_review_list_names_each_sentence_with_its_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = copy_site(tmp_path)
    projects = recorded(data)
    uvicorn = entry(data, "uvicorn")
    projects["uvicorn"] = pypi_project("1.0.0", "2026-12-01", {uvicorn.version: "2026-09-25"})
    with serve(pypi_routes(projects)) as index:
        code, out = fix(data, f"{index.base}/pypi", capsys)
    assert code == 1
    lines = out.splitlines()
    heading = f"  Uvicorn {uvicorn.version} -> 1.0.0 (new major version 1.0.0):"
    assert heading in lines
    listed = []
    for line in lines[lines.index(heading) + 1 :]:
        if not line.startswith("    "):
            break
        listed.append(line)
    assert listed
    for line in listed:
        found = re.fullmatch(
            r"    (data/\S+\.yml):(\d+) \((\S+\.md)\): names Uvicorn: \"(.+)\"", line
        )
        assert found, line
        file, number, page, sentence = found.groups()
        if file.startswith("data/dimensions/"):
            assert page == Path(file).stem + ".md"
        # The sentence starts on the line named.
        text = (tmp_path / file).read_text().splitlines()[int(number) - 1]
        assert sentence.split()[0].strip("*") in text, line


def write_data(root: Path, packages: str, text: str) -> Path:
    data = root / "data"
    (data / "dimensions").mkdir(parents=True)
    (data / "packages.yml").write_text(packages)
    (data / "dimensions/serving.yml").write_text(f"frameworks:\n  fastapi:\n    text: |\n{text}")
    return data


PACKAGES = """\
# The header stays.
uvicorn:   # a comment on the key
  name: Uvicorn
  version: '0.54.0'    # and one on the value
  released: 2026-09-25
  status: recommended
  checked: 2026-11-30

waitress:
  name: Waitress
  version: "3.0.2"
  released: 2024-11-16
  status: recommended
  checked: 2025-01-10
"""

TEXT = """\
      Run it with Uvicorn 0.54.0 behind a proxy. Waitress serves WSGI
      only. Nothing else changes.
"""


def test_every_reason_for_a_review_and_comments_on_the_same_line_are_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = write_data(tmp_path, PACKAGES, TEXT)
    projects = {
        "uvicorn": pypi_project("0.55.0", "2026-11-28", {"0.54.0": "2026-09-25"}, ">=3.10"),
        "waitress": pypi_project("3.0.2", "2024-11-16"),
    }
    projects["uvicorn"]["releases"]["0.54.0"][0]["requires_python"] = ">=3.9"
    with serve(pypi_routes(projects)) as index:
        code, out = fix(data, f"{index.base}/pypi", capsys)
    assert code == 1
    assert out.split("Sentences to re-read (2):\n")[1].splitlines()[:4] == [
        "  Uvicorn 0.54.0 -> 0.55.0 (new major version 0.55.0; Python floor moved from 3.9 to "
        "3.10):",
        '    data/dimensions/serving.yml:4 (serving.md): states 0.54.0: "Run it with Uvicorn '
        '0.54.0 behind a proxy."',
        "  Waitress 3.0.2 (release date) (no release since 2024-11-16):",
        '    data/dimensions/serving.yml:4 (serving.md): names Waitress: "Waitress serves WSGI '
        'only."',
    ]
    assert (data / "packages.yml").read_text() == PACKAGES.replace("'0.54.0'", "'0.55.0'").replace(
        "2026-09-25", "2026-11-28"
    ).replace("checked: 2026-11-30", f"checked: {TODAY}").replace(
        "checked: 2025-01-10", f"checked: {TODAY}"
    )


def test_a_current_index_changes_nothing_and_exits_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = write_data(tmp_path, PACKAGES.split("\nwaitress:")[0], TEXT)
    with serve(pypi_routes({"uvicorn": pypi_project("0.54.0", "2026-09-25")})) as index:
        code, out = fix(data, f"{index.base}/pypi", capsys)
    assert code == 0, out
    assert (data / "packages.yml").read_text() == PACKAGES.split("\nwaitress:")[0]
    assert "Sentences to re-read" not in out


def test_an_unreachable_index_exits_2_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = write_data(tmp_path, PACKAGES, TEXT)
    code, out = fix(data, f"http://127.0.0.1:{free_port()}/pypi", capsys)
    assert code == 2
    assert "Could not check (2):" in out
    assert "uvicorn: could not ask the index about it: " in out
    assert (data / "packages.yml").read_text() == PACKAGES


def test_an_answer_that_is_not_the_json_api_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = write_data(tmp_path, PACKAGES, TEXT)
    portal = html("<p>a captive portal</p>")  # 200, but not JSON
    with serve({"/pypi/uvicorn/json": portal, "/pypi/waitress/json": portal}) as index:
        code, out = fix(data, f"{index.base}/pypi", capsys)
    assert code == 2, out
    assert "did not answer JSON" in out
    assert (data / "packages.yml").read_text() == PACKAGES


def test_the_fetch_function_can_be_injected(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = write_data(tmp_path, PACKAGES, TEXT)
    asked: list[tuple[str, str]] = []

    def fetch(index: str, package: Package) -> Latest:
        asked.append((index, package.id))
        raise TimeoutError("timed out")

    code = main(["--data", str(data), "--index-url", "fake:", "--fix"], fetch=fetch)
    assert code == 2
    assert sorted(asked) == [("fake:", "uvicorn"), ("fake:", "waitress")]
    assert "could not ask the index about it: timed out" in capsys.readouterr().out


def test_a_value_not_where_the_reader_put_it_is_refused() -> None:
    text = PACKAGES.replace("version: '0.54.0'", "version: >-\n    0.54.0")
    doc, problems = parse_yaml(text.encode(), "data/packages.yml")
    assert doc is not None and problems == []
    update = Update("uvicorn", "0.55.0", date(2026, 11, 28))
    with pytest.raises(FixError, match=r"uvicorn\.version: expected a value on one line"):
        updated_text(doc, text, [update], date(2026, 12, 7))
