"""Checks that hostile data never reaches a reader (issue 11).

Framework-free (no MkDocs imports). Three layers, each usable on its own:

- :mod:`macros.safety.characters`: invisible and unsafe characters in data
  files and one-line fields, named and located;
- :mod:`macros.safety.fragment` (layer 2): the HTML that one data field
  produces, read with a real HTML parser against :mod:`macros.safety.policy`;
- :mod:`macros.safety.site` (layer 3): every HTML file of a built site,
  against the inline-script allowlist the project owns
  (``macros/safety/inline_scripts.toml``, read by :mod:`macros.safety.allowlist`),
  worded by the catalogue (``macros/messages.py``).

Layer 1, the input grammar, lives with the data layer's text rules.

Their findings are :class:`macros.problems.Problem`, worded by the catalogue.
"""
