from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as opt


class ComparisonConfig(base.Config):
    enabled = opt.Type(bool, default=True)
    # Resolved against the folder that holds mkdocs.yml, never the working directory.
    data_dir = opt.Type(str, default="data")
    # Folders searched before macros/templates, so a site can override one template.
    template_dirs = opt.ListOfItems(opt.Type(str), default=[])
    # Compiled templates, keyed by their source's checksum (safe to delete).
    cache_dir = opt.Type(str, default=".cache/comparison")
    # `mkdocs serve`: watch with inotify, convert only changed pages (mkdocs_plugin/patches.py).
    # false gives MkDocs' own behaviour (0.5 s polling), for comparison in
    # scripts/bench/bench_preview.py.
    fast_preview = opt.Type(bool, default=True)

    # Above this many frameworks the build says how many pages it will make
    # (a page per pair: they grow with the square).
    max_frameworks = opt.Type(int, default=12)
