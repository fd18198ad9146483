"""The strict, atomic build: a failed build leaves the last good site untouched.

The same commit builds to the same bytes: SOURCE_DATE_EPOCH defaults to the
last commit's time, and :func:`finish_site` adds ``_headers`` and
deterministic ``.gz`` files. MkDocs runs in a child process (``python -m
mkdocs``), so this module does not import it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from macros import messages
from macros.problems import Problem
from macros.publish.compress import precompress
from macros.publish.headers import SiteAuditError, blocked_message, code_of, header_files
from macros.publish.page_source import page_source, stylesheet_places
from macros.safety.site import run_site_audit


def commit_epoch(folder: Path) -> str | None:
    """Seconds since 1970 of the last commit, the default SOURCE_DATE_EPOCH."""
    try:
        result = subprocess.run(
            ["git", "-C", str(folder), "log", "-1", "--format=%ct"],
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:
        return None
    value = result.stdout.strip()
    return value if result.returncode == 0 and value.isdigit() else None


def finish_site(site_dir: Path, source: Path, project: Path | None = None) -> None:
    """Add what hosting needs to a fresh build: ``_headers`` and ``.gz`` files.

    First the site audit (every page against the project's allowlist: no
    unknown inline script, event handler, dangerous URL or foreign load); a
    finding fails the build before the site is swapped in, naming the page and,
    from ``project``, the file it comes from. ``_headers`` is rendered from
    ``source`` (the project's ``deploy/headers.toml``, when there is one) with
    script hashes from the allowlist. Each page is read once: the audit's
    reading also collects the inline code the headers need.
    """
    audit = run_site_audit(site_dir)  # layer 3 of issue 11: nothing unsafe is published
    if audit.findings:
        raise SiteAuditError(with_sources(audit.findings, site_dir, project), site_dir.name)
    if source.is_file():
        code = code_of(audit)
        if code.problems:  # the site still works, minus those bits: warn, don't fail the build
            problems = with_sources(code.problems, site_dir, project)
            print(f"WARNING: {blocked_message(replace(code, problems=problems))}", file=sys.stderr)
        text = header_files(site_dir, source, strict=False, audit=audit)["_headers"]
        (site_dir / "_headers").write_text(text, encoding="utf-8")
    precompress(site_dir)


def with_sources(
    findings: Iterable[Problem], site_dir: Path, project: Path | None
) -> tuple[Problem, ...]:
    """The findings, each naming the file its page comes from (when ``project`` is known)."""
    if project is None:
        return tuple(findings)
    prefix = f"{site_dir.name}/"
    findings = list(findings)
    loads = Counter(f.path for f in findings if f.code == "site-css-load")
    seen: Counter[str] = Counter()
    stylesheets: dict[str, list[str]] = {}  # each load of a stylesheet, placed in its source
    named = []
    for finding in findings:
        page = finding.path.removeprefix(prefix)
        source = page_source(page, project)
        if finding.code == "site-css-load" and source.endswith(".css"):
            # Served minified (one line): name the line the editor sees in the source too.
            places = stylesheets.setdefault(page, stylesheet_places(project / source))
            if len(places) == loads[finding.path]:
                source += f":{places[seen[finding.path]]}"
            seen[finding.path] += 1
        if source:
            said = messages.text("site-page-source", source=source)
            finding = replace(finding, message=f"{finding.message}; {said}")
        named.append(finding)
    return tuple(named)


def build_site(config: Path, site_dir: Path, extra_args: list[str] | None = None) -> int:
    """Build strictly into a temporary folder; replace site_dir only on success."""
    # MkDocs reads --site-dir from the config's folder: hand it absolute paths.
    config, site_dir = config.resolve(), site_dir.resolve()
    work = site_dir.parent / ".build"
    work.mkdir(parents=True, exist_ok=True)
    fresh = work / f"site-{os.getpid()}"
    old = work / f"old-{os.getpid()}"
    shutil.rmtree(fresh, ignore_errors=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if "SOURCE_DATE_EPOCH" not in env and (epoch := commit_epoch(config.parent)):
        env["SOURCE_DATE_EPOCH"] = epoch
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "--clean",
        "--config-file",
        str(config),
        "--site-dir",
        str(fresh),
        *(extra_args or []),
    ]
    result = subprocess.run(command, env=env, check=False)
    if result.returncode != 0:
        shutil.rmtree(fresh, ignore_errors=True)
        failed = messages.text("build-failed", site=site_dir.name)
        print(f"{failed} ({messages.hint('build-failed')}).", file=sys.stderr)
        return result.returncode
    try:
        finish_site(fresh, config.parent / "deploy" / "headers.toml", config.parent)
    except (OSError, ValueError) as exc:
        shutil.rmtree(fresh, ignore_errors=True)
        failed = messages.text("build-failed-after-mkdocs", error=exc)
        print(
            f"{failed}\n{messages.hint('build-failed-after-mkdocs', site=site_dir.name)}.",
            file=sys.stderr,
        )
        return 1
    if site_dir.exists():
        site_dir.rename(old)
    fresh.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
    return 0
