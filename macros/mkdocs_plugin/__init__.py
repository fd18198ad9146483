"""The MkDocs adapter: the only module that imports MkDocs."""
