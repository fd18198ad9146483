"""Every code sample is run by exactly one harness, found by the sample's id.

Each problem is one line that names the place to fix: the sample's file, line
and field (or the harness's function), what is wrong and what to do.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

from tests.content.samples import PYTHON, SHELL, Sample

RUNNABLE = PYTHON | SHELL  # every sample in these languages runs or is a fragment
HARNESS_FILE = "tests/content/sample_checks.py"


class HarnessLike(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def check(self) -> Callable[[Sample, Path], None]: ...


def _harness_name(item: HarnessLike) -> str:
    return f"the harness {item.check.__name__} ({HARNESS_FILE})"


def coverage_problems(
    samples: Sequence[Sample], harnesses: Sequence[HarnessLike], unused_harnesses: bool = True
) -> list[str]:
    """Every sample runs under exactly one harness or says it is a fragment, ids are unique,
    and (with ``unused_harnesses``) every harness finds its sample."""
    problems = []
    by_id: dict[str, list[Sample]] = {}
    for sample in samples:
        if sample.id:
            by_id.setdefault(sample.id, []).append(sample)
    for sample in samples:
        if sample.id_problem:
            problems.append(f"{sample.file}: {sample.field}: {sample.id_problem}")
        others = [s for s in by_id.get(sample.id, []) if s is not sample]
        if others:
            problems.append(
                f"{sample.where}: the sample id '{sample.id}' is also the id of "
                + ", ".join(f"{s.file}:{s.line}: {s.field}" for s in others)
                + ": give each sample its own id"
            )
            continue
        found = [h for h in harnesses if sample.id and h.id == sample.id]
        if not sample.lang:
            problems.append(
                f"{sample.where}: the fence names no language: write ```python, "
                "```bash, ```html... so the sample is highlighted and checked"
            )
        elif sample.lang not in RUNNABLE and not found:
            continue  # HTML, YAML, templates: shown, not run
        if len(found) > 1:
            names = ", ".join(h.check.__name__ for h in found)
            problems.append(
                f"{sample.where}: {len(found)} harnesses run this sample ({names}): "
                f"keep one in {HARNESS_FILE}"
            )
        elif found and sample.is_fragment:
            problems.append(
                f"{sample.where}: marked '# Fragment:' but {_harness_name(found[0])} runs it; "
                "remove the marker or the harness"
            )
        elif not found and not sample.is_fragment:
            problems.append(f"{sample.where}: {_no_harness(sample)}")
    for item in harnesses if unused_harnesses else ():
        if item.id not in by_id:
            problems.append(
                f"{_harness_name(item)}: no sample has the id '{item.id}': write "
                f"'# sample: {item.id}' after the '|' of the text that holds its sample, "
                "or remove the harness"
            )
    return problems


def _no_harness(sample: Sample) -> str:
    fragment = (
        "or make the sample's first line '# Fragment: <what it leaves out>' if it cannot run "
        "on its own"
    )
    if sample.id:
        return (
            f"no harness runs this sample: add one for '{sample.id}' in {HARNESS_FILE} "
            f'(@harness("{sample.id}")), {fragment}'
        )
    if not sample.field:  # a hand-written page: its samples have no id
        return f"no harness can run a sample of a hand-written page: {fragment}"
    return (
        "no harness runs this sample: give it an id (after the '|' of its text, "
        "'# sample: <id>', or '# samples: <id>, <id>' for several) and add a harness for "
        f"that id in {HARNESS_FILE}, {fragment}"
    )
