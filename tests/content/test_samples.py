"""Every code sample in the data runs and does what its text says (issue 13).

Each sample runs under its harness in tests/content/sample_checks.py, against
the releases pinned in samples/pyproject.toml's ``samples`` group; a sample marked
``# Fragment: ...`` on its first line is only compiled.

The samples' stacks live in their own environment (samples/.venv, Python 3.12+,
issue 23): ``make samples`` runs this file there, and ``make test`` runs it in both
environments. In the site tool's environment the tests that need a stack are
skipped with one reason; the rest (the rules, the pins) run in both.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import pytest

from macros.freshness.packages import read_packages
from macros.freshness.pins import samples_pins
from tests.content import sample_checks, sample_coverage
from tests.content.harness import compile_sample
from tests.content.sample_checks import all_samples, coverage_problems, harness_for, in_worker
from tests.content.sample_coverage import RUNNABLE
from tests.content.samples import PYTHON, SHELL, Sample, find_samples
from tests.harness.site import ROOT

SAMPLES = all_samples()
SAMPLES_PYPROJECT = ROOT / "samples" / "pyproject.toml"
# The samples' stacks are importable only in their own environment (make samples).
# Run where the stacks are installed (samples/.venv, `make samples`); the tool's own
# environment leaves these out at collection (tests/content/conftest.py), not as skips.
in_samples_env = pytest.mark.samples_env


@pytest.fixture(scope="module", autouse=True)
def harness_thread() -> Iterator[None]:
    yield
    sample_checks.stop_worker()


def test_the_data_has_python_and_shell_samples() -> None:
    langs = {s.lang for s in SAMPLES}
    assert {"python", "bash"} <= langs
    assert len(SAMPLES) >= 20


def test_every_sample_has_a_harness_or_says_it_is_a_fragment() -> None:
    assert coverage_problems(SAMPLES) == []


@in_samples_env
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: f"{s.file}:{s.line}")
def test_sample_runs(sample: Sample, tmp_path: Path) -> None:
    found = harness_for(sample)
    if found:
        in_worker(found.check, sample, tmp_path)
    elif not sample.is_fragment and (not sample.lang or sample.lang in RUNNABLE):
        pytest.fail(coverage_problems([sample], unused_harnesses=False)[0])
    elif sample.lang in PYTHON:
        compile_sample(sample)
    elif sample.lang in SHELL:
        syntax = subprocess.run(["bash", "-n"], input=sample.code, text=True, capture_output=True)
        assert syntax.returncode == 0, f"{sample.where}: {syntax.stderr}"
    # Anything else (HTML, YAML, templates) is shown, not run.


# The rules themselves, on samples written here.


def write_dimension(root: Path, code: str, comment: str = "") -> None:
    body = "\n".join(f"      {line}" if line else "" for line in code.splitlines())
    text = f"frameworks:\n  flask:\n    text: |{comment}\n      Intro.\n\n"
    text += f"      ```python\n{body}\n      ```\n"
    (root / "data/dimensions").mkdir(parents=True)
    (root / "data/dimensions/new.yml").write_text(text)
    (root / "content").mkdir()


def test_a_new_sample_without_harness_or_marker_is_named_by_file_and_line(
    tmp_path: Path,
) -> None:
    write_dimension(tmp_path, "print('hello')")
    samples = find_samples(tmp_path)
    assert [(s.file, s.line, s.field) for s in samples] == [
        ("data/dimensions/new.yml", 7, "frameworks.flask.text")
    ]
    assert coverage_problems(samples, unused_harnesses=False) == [
        "data/dimensions/new.yml:7: frameworks.flask.text sample 1 (python): no harness runs "
        "this sample: give it an id (after the '|' of its text, '# sample: <id>', or "
        "'# samples: <id>, <id>' for several) and add a harness for that id in "
        "tests/content/sample_checks.py, or make the sample's first line "
        "'# Fragment: <what it leaves out>' if it cannot run on its own"
    ]


def test_a_fence_without_a_language_is_reported_and_html_is_only_shown(tmp_path: Path) -> None:
    write_dimension(tmp_path, "x = 1")
    path = tmp_path / "data/dimensions/new.yml"
    path.write_text(
        path.read_text()
        .replace("```python", "```")
        .replace("Intro.", "```html\n      <p>{{ x }}</p>\n      ```")
    )
    unlabeled, html = sorted(find_samples(tmp_path), key=lambda s: s.lang)
    assert (unlabeled.lang, html.lang) == ("", "html")
    assert coverage_problems([html], unused_harnesses=False) == []
    assert coverage_problems([unlabeled], unused_harnesses=False)[0].startswith(
        "data/dimensions/new.yml:9: frameworks.flask.text sample 2 (): the fence names no language"
    )


def test_a_fragment_is_compiled_and_a_syntax_error_points_at_the_yaml_line(
    tmp_path: Path,
) -> None:
    write_dimension(tmp_path, "# Fragment: inside a view\nrows = 1 +* 2\n")
    (sample,) = find_samples(tmp_path)
    assert sample.is_fragment
    assert coverage_problems([sample], unused_harnesses=False) == []
    with pytest.raises(SyntaxError) as error:
        compile_sample(sample)
    assert (error.value.filename, error.value.lineno) == ("data/dimensions/new.yml", 8)


@dataclass(frozen=True)
class FakeHarness:
    id: str
    check: sample_checks.Check


def greets(sample: Sample, tmp: Path) -> None:
    """A harness for the samples written here."""


def also_greets(sample: Sample, tmp: Path) -> None:
    """A second harness for the same id."""


def test_a_sample_keeps_its_harness_when_its_code_changes(tmp_path: Path) -> None:
    """Regression: harnesses found their sample by a line of its code, so editing that line
    detached the sample (and the editor had to change the harness's Python)."""
    write_dimension(tmp_path, "print('hello')", "  # sample: hello")
    (before,) = find_samples(tmp_path)
    path = tmp_path / "data/dimensions/new.yml"
    path.write_text(path.read_text().replace("print('hello')", "name = 'you'\n      print(name)"))
    (after,) = find_samples(tmp_path)
    assert (before.id, after.id) == ("hello", "hello") and before.code != after.code
    harnesses = [FakeHarness("hello", greets)]
    assert sample_coverage.coverage_problems([after], harnesses) == []


def test_a_sample_without_harness_and_a_harness_without_sample_are_named(
    tmp_path: Path,
) -> None:
    write_dimension(tmp_path, "print('hello')", "  # sample: hello")
    samples = find_samples(tmp_path)
    assert sample_coverage.coverage_problems(samples, [FakeHarness("goodbye", greets)]) == [
        "data/dimensions/new.yml:7: frameworks.flask.text sample 'hello' (python): no harness "
        "runs this sample: add one for 'hello' in tests/content/sample_checks.py "
        "(@harness(\"hello\")), or make the sample's first line '# Fragment: <what it leaves "
        "out>' if it cannot run on its own",
        "the harness greets (tests/content/sample_checks.py): no sample has the id 'goodbye': "
        "write '# sample: goodbye' after the '|' of the text that holds its sample, or remove "
        "the harness",
    ]


def test_two_samples_with_one_id_and_two_harnesses_for_one_sample(tmp_path: Path) -> None:
    write_dimension(tmp_path, "print('hello')", "  # sample: hello")
    path = tmp_path / "data/dimensions/new.yml"
    text = path.read_text()
    path.write_text(text + text.replace("frameworks:\n  flask:", "  django:"))
    samples = find_samples(tmp_path)
    harnesses = [FakeHarness("hello", greets)]
    assert sample_coverage.coverage_problems(samples, harnesses) == [
        "data/dimensions/new.yml:7: frameworks.flask.text sample 'hello' (python): the sample "
        "id 'hello' is also the id of data/dimensions/new.yml:14: frameworks.django.text: give "
        "each sample its own id",
        "data/dimensions/new.yml:14: frameworks.django.text sample 'hello' (python): the sample "
        "id 'hello' is also the id of data/dimensions/new.yml:7: frameworks.flask.text: give "
        "each sample its own id",
    ]
    harnesses.append(FakeHarness("hello", also_greets))
    assert sample_coverage.coverage_problems(samples[:1], harnesses) == [
        "data/dimensions/new.yml:7: frameworks.flask.text sample 'hello' (python): 2 harnesses "
        "run this sample (greets, also_greets): keep one in tests/content/sample_checks.py"
    ]


@pytest.mark.parametrize(
    ("comment", "problem"),
    [
        (
            "  # samples: hello, again",
            "the comment on line 3 names 2 sample ids but 'text' holds 1 samples: name every "
            "sample, in order ('# samples: first-id, second-id')",
        ),
        (
            "  # sample: Hello_1",
            "'Hello_1' on line 3 is not a sample id: use lower-case letters, digits and single "
            "hyphens, separated by commas",
        ),
    ],
)
def test_a_comment_that_does_not_fit_its_samples(
    tmp_path: Path, comment: str, problem: str
) -> None:
    write_dimension(tmp_path, "print('hello')", comment)
    samples = find_samples(tmp_path)
    assert [s.id for s in samples] == [""]  # no id is guessed
    assert sample_coverage.coverage_problems(samples, [])[0] == (
        f"data/dimensions/new.yml: frameworks.flask.text: {problem}"
    )


def test_every_shipped_sample_has_an_id() -> None:
    assert all(sample.id for sample in SAMPLES), [s.where for s in SAMPLES if not s.id]


@in_samples_env
def test_the_drf_harness_catches_the_viewset_without_permission_classes(tmp_path: Path) -> None:
    """Regression (issue 13): the shipped viewset set no permission_classes, so an
    anonymous list request reached get_queryset and failed with a TypeError."""
    shipped = sample_checks.sample_by_id("drf-workout-viewset")
    old = shipped.code.replace("    permission_classes = [IsAuthenticated]\n", "")
    assert old != shipped.code

    def check_old_viewset() -> None:
        with sample_checks.django_ready(tmp_path):
            module = sample_checks.run_module(
                Sample(shipped.file, shipped.field, 0, shipped.line, "python", old),
                "workouts.old_api",
                {"__package__": "workouts"},
            )
            with pytest.raises((AssertionError, TypeError)):
                sample_checks.check_workout_viewset(module.router)

    in_worker(check_old_viewset)


def test_the_samples_group_pins_exact_releases() -> None:
    import tomllib

    group = tomllib.loads(SAMPLES_PYPROJECT.read_text())["dependency-groups"]["samples"]
    assert group and all("==" in requirement for requirement in group)
    assert len(samples_pins(SAMPLES_PYPROJECT)) == len(group), "name==version, one per line"


def test_samples_run_against_the_releases_the_site_describes() -> None:
    packages, problems = read_packages(ROOT / "data/packages.yml", ROOT)
    assert problems == []
    described = {p.id: p.version for p in packages}
    pins = samples_pins(SAMPLES_PYPROJECT)
    assert {"django", "djangorestframework", "flask"} <= pins.keys() & described.keys()
    differ = {
        n: f"{v} (data/packages.yml: {described[n]})"
        for n, v in pins.items()
        if described.get(n, v) != v
    }
    assert differ == {}, "pin the samples group at the versions data/packages.yml states"


@in_samples_env
def test_the_samples_environment_holds_the_pinned_releases() -> None:
    pins = samples_pins(SAMPLES_PYPROJECT)
    installed = {name: metadata.version(name) for name in pins}
    assert installed == pins, "run `make samples` to install samples/uv.lock"
