"""Finish and publish a built site: atomic build, precompression, headers."""
