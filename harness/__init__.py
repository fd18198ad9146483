"""The harness that tests and benchmarks share: builds, loopback servers, Chromium, nginx.

Never imported by macros/ (the site's code); tests/harness/ adds the pytest side.
"""
