"""A project as the checks see it: its folders and Markdown settings, from mkdocs.yml.

The MkDocs plugin takes these from MkDocs' own parsed configuration. Outside
MkDocs (``comparison validate``, ``lint``, ``stage``, ``editor-schemas``)
mkdocs.yml is read here, once, as plain YAML: the comparison plugin's options
(data and template folders, cache), the docs folder, ``use_directory_urls``
and the Markdown extensions (:func:`macros.render.markdown.site_factory`).
"""

from __future__ import annotations

import argparse
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from macros.paths import data_paths
from macros.render.markdown import MarkdownFactory, site_factory

PLUGIN = "comparison"
DEFAULT_MAX_AGE = 365  # days before a review or a source check is reported as old


class ConfigError(ValueError):
    """mkdocs.yml cannot be read as plain YAML settings."""


@dataclass(frozen=True)
class Project:
    """What the checks read: the folders, the site's Markdown settings and the date."""

    data_dir: Path
    root: Path  # messages show paths relative to it
    markdown: MarkdownFactory  # the site's extensions and their configs
    docs_dir: Path | None = None  # hand-written pages (content/), for links to them
    template_dirs: tuple[Path, ...] = ()  # searched before macros/templates
    cache_dir: Path | None = None  # field-audit verdicts and compiled templates
    directory_urls: bool = True
    today: dt.date | None = None  # ages count from this day (default: today)
    max_age_days: int = DEFAULT_MAX_AGE


def read_config(path: Path) -> dict[str, Any]:
    """mkdocs.yml as plain YAML (MkDocs' own tags are not needed here); raises ConfigError."""
    try:
        config = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: cannot be read as plain YAML: {exc}") from exc
    if not isinstance(config, dict):
        raise ConfigError(f"{path}: is not a mapping of settings")
    return config


def plugin_options(config: dict[str, Any]) -> dict[str, Any] | None:
    """The comparison plugin's options in mkdocs.yml; None when it is not enabled there."""
    plugins = config.get("plugins") or []
    entries = list(plugins.items()) if isinstance(plugins, dict) else plugins
    for entry in entries:
        if isinstance(entry, str):
            name, options = entry, {}
        elif isinstance(entry, tuple):
            name, options = entry
        else:
            name, options = next(iter(entry.items()))
        if name == PLUGIN:
            found = dict(options or {})
            return None if found.get("enabled") is False else found
    return None


def project_from_config(
    config_path: Path,
    config: dict[str, Any] | None = None,
    *,
    data_dir: Path | None = None,
    root: Path | None = None,
    docs_dir: Path | None = None,
    today: dt.date | None = None,
    max_age_days: int = DEFAULT_MAX_AGE,
) -> Project:
    """The project of ``config_path`` (mkdocs.yml, read unless ``config`` is given).

    Without an mkdocs.yml there (a data folder checked on its own) the settings
    are MkDocs' defaults and the hand-written pages are ``content/`` beside the
    data. ``data_dir``, ``root`` and ``docs_dir`` override what mkdocs.yml says.
    """
    folder = config_path.parent
    if config is None:
        config = read_config(config_path) if config_path.is_file() else {}
    options = plugin_options(config) or {}
    data = (data_dir or folder / options.get("data_dir", "data")).resolve()
    default_docs = folder / config["docs_dir"] if "docs_dir" in config else None
    if default_docs is None:
        default_docs = folder / "docs" if config else data.parent / "content"
    cache = options.get("cache_dir", ".cache/comparison")
    return Project(
        data_dir=data,
        root=(root or folder).resolve(),
        markdown=site_factory(config),
        docs_dir=(docs_dir or default_docs).resolve(),
        template_dirs=tuple(folder / d for d in options.get("template_dirs", [])),
        cache_dir=folder / cache,
        directory_urls=bool(config.get("use_directory_urls", True)),
        today=today,
        max_age_days=max_age_days,
    )


def project_from_arguments(
    parser: argparse.ArgumentParser, args: argparse.Namespace, **settings: Any
) -> Project:
    """The project a command line names (``--data``, ``--root``, ``--docs``), with the
    mkdocs.yml beside its data read once; one that cannot be read ends the command
    with the parser's usage error. ``settings``: the rest of project_from_config's."""
    data_dir, root = data_paths(args)
    try:
        return project_from_config(
            root / "mkdocs.yml",
            data_dir=data_dir,
            root=root,
            docs_dir=args.docs.resolve() if args.docs else None,
            **settings,
        )
    except ConfigError as exc:
        parser.error(str(exc))
