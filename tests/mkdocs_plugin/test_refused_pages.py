"""The preview never serves a file of content/ that the checks refuse (issue 21): while it
shows the error page, a page with a script or an SVG with one is left out, as the build
refuses them, and every other hand-written file is still served."""

from __future__ import annotations

import shutil
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.structure.files import get_files

from macros.mkdocs_plugin.plugin import ComparisonPlugin
from tests.harness.site import FIXTURES


def test_the_preview_leaves_out_refused_content_files(tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", root)
    (root / "content" / "evil.md").write_text("# Evil\n\n<script>alert(1)</script>\n")
    (root / "content" / "evil.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    )
    (root / "content" / "fine.md").write_text("# Fine\n")
    config = load_config(str(root / "mkdocs.yml"))
    comparison = config.plugins["comparison"]
    assert isinstance(comparison, ComparisonPlugin)
    comparison.config["fast_preview"] = False  # no process-wide patches of MkDocs in a test
    comparison.on_startup(command="serve", dirty=False)
    try:
        config = comparison.on_config(config)
        assert {p.path for p in comparison.problems} == {"content/evil.md", "content/evil.svg"}
        files = config.plugins.on_files(get_files(config), config=config)
    finally:  # MkDocs keeps this instance for later configs: leave it as a build's
        comparison.on_startup(command="build", dirty=False)
    served = {f.src_uri for f in files if f.src_dir == config.docs_dir}
    assert served == {"fine.md", "templates-guide.md"}
