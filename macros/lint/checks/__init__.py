"""One lint check per module; macros.lint.registry lists them in report order."""
