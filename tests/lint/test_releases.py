"""The releases check (macros.lint.checks.releases): one latest release in two files."""

from __future__ import annotations

from pathlib import Path

from macros.lint.checks.releases import CHECK
from tests.lint.content_data import problems


def test_the_real_profiles_agree_with_packages_yml(data_copy: Path) -> None:
    assert problems(data_copy, CHECK) == []


def test_a_version_other_than_the_packages_entry_is_an_error_at_the_profile(
    data_copy: Path,
) -> None:
    profile = data_copy / "frameworks/flask.yml"
    lines = profile.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index("latest_release:\n")
    index = next(i for i in range(start, len(lines)) if lines[i].startswith("  version: "))
    recorded = lines[index].split(": ", 1)[1].strip().strip('"')
    lines[index] = '  version: "9.9.9"\n'
    profile.write_text("".join(lines), encoding="utf-8")
    packages = (data_copy / "packages.yml").read_text(encoding="utf-8").splitlines()
    entry = packages.index("flask:") + 1
    assert problems(data_copy, CHECK) == [
        f"data/frameworks/flask.yml:{index + 1}:12: warning: latest_release.version: the latest "
        f"release's version is 9.9.9, but data/packages.yml:{entry} records {recorded} (write "
        "the release data/packages.yml records (scripts/check-freshness keeps that one "
        "current), or correct the entry there if this one is newer)"
    ]
