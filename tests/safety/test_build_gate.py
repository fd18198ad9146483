"""Layer 3 runs in every atomic build (make build) and fails it before the swap."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest

from macros import messages
from macros.publish.build import build_site
from macros.publish.headers import SiteAuditError, header_files
from macros.safety.site import csp_hash
from tests.harness.site import FIXTURES, ROOT


def digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.slow
def test_an_inline_script_on_a_hand_written_page_fails_the_build(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """Raw HTML in content/ is refused before MkDocs runs (macros.render.content_pages),
    so the script comes from a theme override here, past every check before the audit."""
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", project)
    (project / "content" / "notes.md").write_text("# Notes\n\nText.\n", encoding="utf-8")
    (project / "overrides").mkdir()
    (project / "overrides" / "main.html").write_text(
        '{% extends "base.html" %}\n{% block content %}{{ super() }}'
        '{% if page.file.src_uri == "notes.md" %}<script>alert(document.cookie)</script>'
        "{% endif %}{% endblock %}\n",
        encoding="utf-8",
    )
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  font: false\n", "  font: false\n  custom_dir: overrides\n"))
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>last good build</p>")
    before = digest(site)
    assert build_site(project / "mkdocs.yml", site) == 1
    # Where MkDocs puts the script depends on the theme's template: not pinned here.
    err = re.sub(r"index\.html:\d+:\d+:", "index.html:L:C:", capfd.readouterr().err)
    script = "alert(document.cookie)"
    report = (
        "Build failed after MkDocs: the built site failed the safety audit (1 finding):\n"
        "  site/notes/index.html:L:C: <script>: inline script not on the "
        f"allowlist ({csp_hash(script)}; starts {script!r}); the page comes from "
        f"content/notes.md ({messages.hint('site-inline-script')})\n"
        "Fix each one in the file its page comes from, then build again.\n"
        "site/ is unchanged: nothing is published until a build passes."
    )
    assert report in err
    assert digest(site) == before


def test_the_csp_never_hashes_a_script_the_allowlist_does_not_hold(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>x</p><script>alert(1)</script>")
    with pytest.raises(SiteAuditError, match="inline script not on the allowlist"):
        header_files(site, ROOT / "deploy" / "headers.toml", strict=False)


@pytest.mark.slow
def test_a_failed_mkdocs_build_says_so_last_and_leaves_the_site(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", project)
    (project / "data" / "site.yml").write_text("title: [unclosed\n", encoding="utf-8")
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>last good build</p>")
    before = digest(site)
    assert build_site(project / "mkdocs.yml", site) != 0
    err = capfd.readouterr().err
    assert err.endswith("Build failed: site/ is unchanged (the messages above say what to fix).\n")
    assert digest(site) == before


@pytest.mark.slow
def test_relative_paths_build_where_they_point(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """MkDocs reads --site-dir from the config's folder; a relative one once built elsewhere
    and ended in a traceback instead of a site."""
    shutil.copytree(FIXTURES / "minimal", tmp_path / "project")
    monkeypatch.chdir(tmp_path)
    assert build_site(Path("project/mkdocs.yml"), Path("out")) == 0
    assert (tmp_path / "out" / "index.html").is_file()
    assert not (tmp_path / "project" / "project").exists()
