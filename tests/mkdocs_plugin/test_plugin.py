"""Plugin conventions (Material's plugins follow them): every event method does nothing when
the plugin is disabled (`enabled: false` under the plugin in mkdocs.yml), and messages go
through MkDocs' plugin logger."""

from __future__ import annotations

import ast
import inspect

from mkdocs.config import load_config
from mkdocs.plugins import PrefixedLogger
from mkdocs.structure.files import Files

from macros.mkdocs_plugin import plugin
from tests.harness.site import FIXTURES


def test_every_event_method_is_guarded_by_enabled() -> None:
    tree = ast.parse(inspect.getsource(plugin))
    events = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef) and node.name.startswith("on_")
    ]
    assert len(events) >= 10
    unguarded = []
    for event in events:
        body = event.body[1:] if isinstance(event.body[0], ast.Expr) else event.body
        first = ast.unparse(body[0]).splitlines()[0]
        if first != "if not self.config.enabled:":
            unguarded.append(event.name)
    assert unguarded == []


def test_a_disabled_plugin_adds_nothing() -> None:
    config = load_config(str(FIXTURES / "minimal" / "mkdocs.yml"))
    comparison = config.plugins["comparison"]
    assert isinstance(comparison, plugin.ComparisonPlugin)
    comparison.config["enabled"] = False
    # MkDocs keeps a plugin with on_startup across configs: compare with what it held.
    command, pages = comparison.command, comparison.pages
    comparison.on_startup(command="gh-deploy", dirty=False)
    assert comparison.command == command  # not even the command is taken
    assert comparison.on_config(config) is config and comparison.pages is pages
    files = Files([])
    assert comparison.on_files(files, config=config) is files and list(files) == []


def test_messages_go_through_the_plugin_logger() -> None:
    assert isinstance(plugin.log, PrefixedLogger)
    assert plugin.log.logger.name == "mkdocs.plugins.comparison"
