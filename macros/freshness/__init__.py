"""Are the package facts in data/packages.yml still true? (comparison check-freshness)

For each package, PyPI's JSON API (``<index>/<name>/json``) gives the latest
release and its date (:mod:`.pypi`). Every entry whose recorded version or date
no longer matches is a claim out of date: the report names
``data/packages.yml:line`` and each place in the data that states that version
(:mod:`.report`). Packages with no release in the last 18 months are listed too.
The offline half (a recommended package that old must state its last release
date in the text, :mod:`.packages`) needs no network and runs in the tests.

No MkDocs imports: this is a data tool.
"""
