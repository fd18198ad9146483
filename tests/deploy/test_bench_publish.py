"""scripts/bench/bench_publish.py reads wrk's report right (the run itself is `make bench`)."""

from __future__ import annotations

import importlib.util
from types import ModuleType

from tests.harness.site import ROOT


def load_bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "bench_publish", ROOT / "scripts" / "bench" / "bench_publish.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


WRK_WITH_ERRORS = """\
Running 20s test @ http://127.0.0.1:40000
  2 threads and 64 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     2.58ms   11.15ms 204.62ms   97.66%
    Req/Sec    30.10k     3.20k   38.00k    71.00%
  Latency Distribution
     50%  763.00us
     75%    1.20ms
     90%    3.29ms
     99%   51.41ms
  1202955 requests in 20.10s, 2.10GB read
  Socket errors: connect 0, read 3, write 0, timeout 2
  Non-2xx or 3xx responses: 7
Requests/sec:  59849.50
Transfer/sec:    107.00MB
"""


def test_parse_wrk_counts_every_kind_of_error() -> None:
    figures = load_bench().parse_wrk(WRK_WITH_ERRORS)
    assert figures == {
        "requests_per_second": 59849.5,
        "requests": 1202955.0,
        "non_2xx_3xx": 7.0,
        "socket_connect": 0.0,
        "socket_read": 3.0,
        "socket_write": 0.0,
        "socket_timeout": 2.0,
    }


def test_parse_wrk_without_error_lines_means_zero_errors() -> None:
    clean = "\n".join(
        line
        for line in WRK_WITH_ERRORS.splitlines()
        if "errors" not in line and "Non-2xx" not in line
    )
    figures = load_bench().parse_wrk(clean)
    assert figures["non_2xx_3xx"] == 0 and "socket_read" not in figures


def test_wrk_script_cycles_through_every_page() -> None:
    script = load_bench().wrk_script(["/", "/faq/"])
    assert 'local paths = {"/", "/faq/"}' in script
    assert '["Accept-Encoding"] = "gzip"' in script
