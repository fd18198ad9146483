"""The comparison site's data core: load, validate, model and render YAML data.

Nothing in this package imports MkDocs except ``macros.mkdocs_plugin``, the thin
adapter that plugs the core into a build. Tests, scripts and any later engine
share the core.
"""
