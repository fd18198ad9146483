"""Are the site's facts still true? Package releases, and the pages it cites.

For each package, PyPI's JSON API (``<index>/<name>/json``) gives the latest
release and its date (:mod:`.pypi`). Every entry whose recorded version or date
no longer matches is a claim out of date: the report names
``data/packages.yml:line`` and each place in the data that states that version
(:mod:`.report`). Packages with no release in the last 18 months are listed too.
The offline half (a recommended package that old must state its last release
date in the text, :mod:`.packages`) needs no network and runs in the tests.
``--fix`` writes the index's answers into packages.yml in place (:mod:`.fix`) and
lists the sentences to re-read with their pages (:mod:`.review`).

``comparison check-sources`` fetches every page data/sources.yml cites
(:mod:`.web`) and looks for each quotation its ``supports`` makes
(:mod:`.pagetext`, :mod:`.sources`). ``comparison freshness-loop`` runs both,
with validation, for the weekly workflow (:mod:`.loop`, :mod:`.pins`).

No MkDocs imports: this is a data tool.
"""
