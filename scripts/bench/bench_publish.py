#!/usr/bin/env python3
"""Load-test the shipped nginx config on loopback with wrk; prints req/s and errors.

Builds the site (or takes --site), starts nginx with deploy/nginx.conf on
127.0.0.1 at a free port, runs one bounded wrk run over every page (gzip
accepted, as browsers do), and stops nginx by its PID. The goal is zero
errors; it reports and exits 0 either way (1 only if it could not run).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from harness.nginx import command as nginx_command
from harness.nginx import write_config as nginx_config
from harness.site import free_port, stop, wait_for_port
from macros.publish.build import build_site

ROOT = Path(__file__).resolve().parent.parent.parent

MAX_SECONDS = 60  # a benchmark is bounded in time whatever is asked
MAX_CONNECTIONS = 256


def page_paths(site: Path) -> list[str]:
    folders = sorted(p.parent.relative_to(site).as_posix() for p in site.rglob("index.html"))
    return ["/" if folder == "." else f"/{folder}/" for folder in folders]


def wrk_script(paths: list[str]) -> str:
    """Lua for wrk: cycle through the pages, accepting gzip."""
    quoted = ", ".join(f'"{path}"' for path in paths)
    return f"""\
local paths = {{{quoted}}}
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i], {{["Accept-Encoding"] = "gzip"}})
end
"""


def parse_wrk(output: str) -> dict[str, float]:
    """Requests/sec and error counts from wrk's report (absent counters are 0)."""
    figures = {"requests_per_second": 0.0, "requests": 0.0, "non_2xx_3xx": 0.0}
    if match := re.search(r"Requests/sec:\s+([\d.]+)", output):
        figures["requests_per_second"] = float(match.group(1))
    if match := re.search(r"(\d+) requests in", output):
        figures["requests"] = float(match.group(1))
    if match := re.search(r"Non-2xx or 3xx responses: (\d+)", output):
        figures["non_2xx_3xx"] = float(match.group(1))
    if match := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    ):
        for name, value in zip(
            ("connect", "read", "write", "timeout"), match.groups(), strict=True
        ):
            figures[f"socket_{name}"] = float(value)
    return figures


def latency_lines(output: str) -> list[str]:
    """wrk's latency average and percentiles, as it prints them."""
    return [
        line.strip()
        for line in output.splitlines()
        if re.match(r"\s+(Latency\s|50%|90%|99%)", line)
    ]


def run(
    site: Path,
    seconds: int,
    connections: int,
    threads: int,
    workers: int,
    nginx_binary: str,
    wrk_binary: str,
    scratch: Path,
) -> int:
    prefix = scratch / "nginx"
    port = free_port()
    main = nginx_config(prefix, site, port, workers=workers, access_log=False)
    process = subprocess.Popen(
        nginx_command(nginx_binary, prefix, main),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        try:
            wait_for_port(port, process)
        except (RuntimeError, TimeoutError):
            log = prefix / "logs" / "error.log"
            print(
                f"nginx did not start:\n{log.read_text(errors='replace') if log.exists() else ''}"
            )
            return 1
        paths = page_paths(site)
        script = scratch / "pages.lua"
        script.write_text(wrk_script(paths), encoding="utf-8")
        command = [
            wrk_binary,
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "5s",
            "--latency",
            "-s",
            str(script),
            f"http://127.0.0.1:{port}",
        ]
        print(
            f"wrk: {seconds} s, {connections} connections, {threads} threads, "
            f"{len(paths)} pages, gzip; nginx: {workers} worker(s), deploy/nginx.conf"
        )
        result = subprocess.run(
            command, capture_output=True, text=True, check=False, timeout=seconds + 30
        )
    finally:
        stop(process)
    if result.returncode != 0:
        print(f"wrk failed ({result.returncode}):\n{result.stderr}")
        return 1
    figures = parse_wrk(result.stdout)
    errors = sum(v for k, v in figures.items() if k.startswith("socket_") or k == "non_2xx_3xx")
    for line in latency_lines(result.stdout):
        print(f"latency: {line}")
    print(f"requests: {figures['requests']:.0f}")
    print(f"requests/sec: {figures['requests_per_second']:.0f}")
    print(f"errors: {errors:.0f} (socket errors and non-2xx/3xx responses)")
    print("goal: zero errors: " + ("met" if errors == 0 else "NOT MET"))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/bench_publish.py", description=__doc__)
    parser.add_argument(
        "--site",
        type=Path,
        default=None,
        help="a built site to serve (default: build mkdocs.yml afresh)",
    )
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=1, help="nginx worker processes")
    args = parser.parse_args(argv)
    nginx_binary, wrk_binary = shutil.which("nginx"), shutil.which("wrk")
    if not nginx_binary or not wrk_binary:
        print("bench_publish: SKIPPED: needs nginx and wrk (apt-get install nginx wrk)")
        return 0
    seconds = max(1, min(args.seconds, MAX_SECONDS))
    connections = max(1, min(args.connections, MAX_CONNECTIONS))
    threads = max(1, min(args.threads, connections))
    with tempfile.TemporaryDirectory(prefix="bench-publish-") as name:
        scratch = Path(name)
        scratch.chmod(0o755)  # root's nginx reads as an unprivileged worker
        site = args.site
        if site is None:
            site = scratch / "site"
            if build_site(ROOT / "mkdocs.yml", site) != 0:
                print("bench_publish: the site did not build")
                return 1
        return run(
            site.resolve(),
            seconds,
            connections,
            threads,
            args.workers,
            nginx_binary,
            wrk_binary,
            scratch,
        )


if __name__ == "__main__":
    sys.exit(main())
