"""scripts/lint: checks on the data beyond the schema, one check per module.

Each check (macros/lint/checks/<name>.py) has a name, a description and the
messages it can report; the registry lists them; the runner runs each one and
reports a check that crashes instead of stopping; ``--fix`` rewrites what is
safe to rewrite (never comments, never the text of a value).
"""
