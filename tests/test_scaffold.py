"""scripts/new-dimension and scripts/new-framework: valid files, flagged placeholders."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from macros.data.loader import load_dataset
from macros.data.placeholders import placeholder_problems
from macros.data.schema_refs import load_schema, resolve
from macros.data.yaml_reader import parse_yaml, read_yaml
from tests.harness.site import FIXTURES, ROOT, mkdocs_build, run_script


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "minimal", tmp_path / "project")
    return tmp_path / "project"


def build(project: Path, *, strict: bool = False) -> subprocess.CompletedProcess[str]:
    return mkdocs_build(project / "mkdocs.yml", project / "out", strict=strict)


def descriptions(schema_name: str) -> list[str]:
    schema, base = resolve(load_schema(schema_name), schema_name)
    return [resolve(sub, base)[0]["description"] for sub in schema["properties"].values()]


def fill_in(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for old, new in (
        ("TODO: fill in", "Filled in"),
        ("TODO: write this text.", "Written."),
        ("1970-01-01", "2026-11-24"),
        ("0.0.0", "1.0"),
        ("https://example.org/TODO:", "https://example.org/gamma/"),
        ("todo-caching-", "caching-"),
        ("todo-gamma-source", "alpha-log"),
    ):
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def test_new_dimension_has_every_field_an_entry_per_framework_and_comments(project: Path) -> None:
    result = run_script("new-dimension", "--data", str(project / "data"), "caching")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "Created data/dimensions/caching.yml. Replace every 'TODO:' (and every 0.0.0, "
        "1970-01-01, todo- id or status todo); scripts/lint lists what is left.\n"
    )
    path = project / "data/dimensions/caching.yml"
    text = path.read_text(encoding="utf-8")
    doc, problems = parse_yaml(text.encode(), "caching.yml")
    assert doc is not None and problems == []
    schema = load_schema("dimension.schema.json")
    assert list(doc.value) == list(schema["properties"])  # every field, in schema order
    assert list(doc.value["frameworks"]) == ["alpha", "beta"]
    assert list(doc.value["table"][0]["values"]) == ["alpha", "beta"]
    assert doc.value["order"] == 30  # after the last dimension (20), leaving a gap
    # Regression (issue 14): the ids were 'caching-row' and 'caching-question', which no check
    # flagged; now they are placeholders a strict build refuses.
    assert doc.value["table"][0]["id"] == "todo-caching-row"
    assert doc.value["faq"][0]["id"] == "todo-caching-question"
    flagged = {p.message for p in placeholder_problems(doc)}
    assert "placeholder id 'todo-caching-row'" in flagged
    assert "placeholder id 'todo-caching-question'" in flagged
    # A status is a choice the editor makes: the scaffold never picks a plausible one.
    assert doc.value["table"][0]["status"] == {"alpha": "todo", "beta": "todo"}
    assert "placeholder status 'todo'" in flagged
    comments = " ".join(
        line.strip(" #") for line in text.splitlines() if line.lstrip().startswith("#")
    )
    for description in descriptions("dimension.schema.json"):
        assert description in comments


def test_new_framework_has_every_field_and_is_added_where_it_must_be_covered(
    project: Path,
) -> None:
    result = run_script("new-framework", "--data", str(project / "data"), "gamma")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "Created data/frameworks/gamma.yml. Replace every 'TODO:' (and every 0.0.0, "
        "1970-01-01, todo- id or status todo); scripts/lint lists what is left.\n"
        "What is left to do:\n"
        "  1. data/frameworks/gamma.yml: replace every placeholder ('TODO:', 0.0.0, "
        "1970-01-01, todo- ids).\n"
        "  2. data/sources.yml: 'todo-gamma-source' is a placeholder for gamma's releases, "
        "placed where a source named 'gamma-...' sorts: fill it in there (renaming it keeps "
        "the order), or cite real sources in data/frameworks/gamma.yml and delete it.\n"
        "  3. data/dimensions/ (2 files): write gamma's verdict (one line, in its own terms: "
        "pair pages show it beside one other framework) and text (100 words or more, each fact "
        "with its [^source-id]), and its cell in each of the 2 table rows.\n"
        "  4. table statuses (1 row): gamma's status is written as 'todo'; set it to "
        "built-in, partial, official-extension, third-party or not-available, or delete the "
        "line if no single status fits its cell:\n"
        "       data/dimensions/architecture.yml: 'architecture'\n"
        "  5. data/site.yml: decide whether gamma is one of the two 'featured' frameworks (the "
        "home page and the whole-comparison page show only those), and whether the title, "
        "question, short_picks and rules_of_thumb should name it.\n"
        "scripts/validate lists every placeholder left with its file:line; make build refuses "
        'to publish while one is left. EDITING.md, "Checklist: a new framework", has the '
        "whole list.\n"
    )
    doc, problems = read_yaml(project / "data/frameworks/gamma.yml", "gamma.yml")
    assert doc is not None and problems == []
    assert list(doc.value) == list(load_schema("framework.schema.json")["properties"])
    # Regression (issue 14): every source was a real id ('disqus-8-billion') no check flagged.
    assert doc.value["first_release"] == {
        "version": "0.0.0",
        "date": "1970-01-01",
        "source": "todo-gamma-source",
    }
    # Every value to write has a placeholder at its place: verdict, text, each cell.
    for name in ("architecture", "templates"):
        dimension, _ = read_yaml(project / f"data/dimensions/{name}.yml", name)
        assert dimension is not None and "unknown" not in dimension.value
        take = dimension.value["frameworks"]["gamma"]
        assert take["verdict"].startswith("TODO: ") and take["text"].startswith("TODO: ")
        assert all(row["values"]["gamma"].startswith("TODO: ") for row in dimension.value["table"])
    architecture = (project / "data/dimensions/architecture.yml").read_text()
    assert (
        "    status:\n"
        "      gamma: todo  # built-in, partial, official-extension, third-party or "
        "not-available\n"
        "      alpha: third-party\n"
    ) in architecture
    dataset, problems = load_dataset(project / "data", project)
    assert dataset is not None, [str(p) for p in problems]  # valid: the preview shows it at once
    assert {p.severity.value for p in problems} == {"warning"}
    messages = {(p.path, p.message) for p in problems}
    assert ("data/sources.yml", "placeholder id 'todo-gamma-source'") in messages
    assert ("data/frameworks/gamma.yml", "placeholder id 'todo-gamma-source'") in messages
    assert [str(p) for p in sorted(problems) if p.path.startswith("data/dimensions/arch")] == [
        "data/dimensions/architecture.yml:8:15: warning: frameworks.gamma.verdict: placeholder "
        "text 'TODO: one line on gamma for this topic, in its ow…' (write the real text, then "
        "remove the marker; a strict build refuses to publish placeholders)",
        "data/dimensions/architecture.yml:10:7: warning: frameworks.gamma.text: placeholder "
        "text 'TODO: what gamma offers for this topic, how it wo…' (write the real text, then "
        "remove the marker; a strict build refuses to publish placeholders)",
        "data/dimensions/architecture.yml:24:15: warning: table[0].values.gamma: placeholder "
        "text 'TODO: gamma's cell for this row' (write the real text, then remove the marker; "
        "a strict build refuses to publish placeholders)",
        "data/dimensions/architecture.yml:29:14: warning: table[0].status.gamma: placeholder "
        "status 'todo' (write how gamma provides this row's feature: built-in, "
        "partial, official-extension, third-party or not-available, or delete the line if no "
        "single status fits its cell; a strict build refuses to publish placeholders)",
    ]
    # The preview's model shows no status for the placeholder (nor invents one).
    row = next(r for d in dataset.dimensions for r in d.table if r.id == "architecture")
    assert row.status == {"alpha": "third-party", "beta": "built-in"}


def test_new_framework_joins_the_decision_helper_with_placeholders(tmp_path: Path) -> None:
    """Regression (issue 14): the helper listed a new framework with 0 points and no problem;
    issue 24: the weight was then written as `0  # TODO` and a build published it as 0."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    before = (data / "decision.yml").read_text()

    result = run_script("new-framework", "--data", str(data), "zz-test-framework")
    assert result.returncode == 0, result.stderr
    assert "  3. data/decision.yml: in each criterion, replace zz-test-framework's weight " in (
        result.stdout
    )
    decision, problems = read_yaml(data / "decision.yml", "data/decision.yml")
    assert decision is not None and problems == []
    for criterion in decision.value["criteria"]:
        assert criterion["weights"]["zz-test-framework"] == "todo"
        assert criterion["reasons"]["zz-test-framework"] == (
            "TODO: why zz-test-framework scores as it does; then set its weight"
        )
    assert decision.value["choose"]["zz-test-framework"] == [
        "TODO: a situation that favours zz-test-framework"
    ]
    # Text insertions: every line that was there is still there, comments included.
    after = (data / "decision.yml").read_text().splitlines()
    assert [line for line in after if "zz-test-framework" not in line] == before.splitlines()
    assert "      zz-test-framework: todo  # 0 (no help) to 3 (a strong fit)" in after

    dataset, problems = load_dataset(data, tmp_path)
    assert dataset is not None, [str(p) for p in problems]
    assert dataset.decision is not None  # the preview counts the placeholder as no weight
    assert all("zz-test-framework" not in c.weights for c in dataset.decision.criteria)
    found = [p for p in problems if p.path == "data/decision.yml"]
    criteria = len(decision.value["criteria"])
    assert len(found) == 2 * criteria + 1  # each weight and reason, and choose
    weights = [str(p) for p in found if p.message == "placeholder weight 'todo'"]
    assert len(weights) == criteria
    line = after.index("      zz-test-framework: todo  # 0 (no help) to 3 (a strong fit)") + 1
    assert weights[0] == (
        f"data/decision.yml:{line}:26: warning: criteria[0].weights.zz-test-framework: "
        "placeholder weight 'todo' (write how strongly this criterion favours "
        "zz-test-framework: 0 (no help) to 3 (a strong fit), and say why in its reason; a "
        "strict build refuses to publish placeholders)"
    )


def test_a_framework_left_out_is_an_error_of_validate_not_only_of_lint(project: Path) -> None:
    """Regression (issue 14): lint reported 43 coverage errors while make build passed."""
    shutil.copyfile(project / "data/frameworks/beta.yml", project / "data/frameworks/gamma.yml")
    result = run_script("validate", "--data", str(project / "data"))
    assert result.returncode == 1
    assert (
        "data/dimensions/architecture.yml:6:1: frameworks: framework 'gamma' has no entry (add "
        "'gamma:' under frameworks, or list it under 'unknown:' if this dimension does not "
        "cover it yet)"
    ) in result.stdout
    built = build(project)  # the build (and so make build and the preview) stops on it too
    assert built.returncode == 1
    assert "framework 'gamma' has no entry" in built.stdout + built.stderr


@pytest.mark.slow
def test_scaffolds_build_but_a_strict_build_refuses_every_placeholder(project: Path) -> None:
    assert run_script("new-dimension", "--data", str(project / "data"), "caching").returncode == 0
    assert run_script("new-framework", "--data", str(project / "data"), "gamma").returncode == 0
    dataset, problems = load_dataset(project / "data", project)
    assert dataset is not None
    assert {p.severity.value for p in problems} == {"warning"}

    preview = build(project)
    assert preview.returncode == 0, preview.stderr
    assert (project / "out/index.html").read_text().count('id="caching"') == 1

    strict = build(project, strict=True)
    assert strict.returncode == 1
    assert (
        "WARNING -  comparison: data/dimensions/caching.yml:9:9: warning: title: placeholder text "
        "'TODO: fill in' (write the real text, then remove the marker; a strict build "
        "refuses to publish placeholders)"
    ) in strict.stderr
    assert (
        "WARNING -  comparison: data/dimensions/templates.yml:8:15: warning: "
        "frameworks.gamma.verdict: "
        "placeholder text 'TODO: one line on gamma for this topic, in its ow…' (write the real "
        "text, then remove the marker; a strict build refuses to publish placeholders)"
    ) in strict.stderr
    # 56: the 32 placeholders of both scaffolds (in_one_line is one; same_task's title,
    # intro and two code texts are four), 5 todo- ids (two in the dimension, three release
    # sources), the placeholder source new-framework adds to sources.yml (its id and 5
    # fields), 4 placeholder statuses (alpha, beta and gamma in the new dimension's row,
    # gamma in architecture's) and gamma's verdict, text and cell in each of the 3 dimensions.
    assert "Aborted with 56 warnings in strict mode!" in strict.stdout + strict.stderr

    fill_in(project / "data/dimensions/caching.yml")
    fill_in(project / "data/frameworks/gamma.yml")
    sources = project / "data/sources.yml"  # the placeholder source, no longer cited
    text = sources.read_text()
    start = text.index("# A placeholder written by scripts/new-framework")
    end = text.index("\n\n", start) + 2 if "\n\n" in text[start:] else len(text)
    sources.write_text(text[:start] + text[end:])
    strict = build(project, strict=True)
    assert strict.returncode == 1  # gamma's entries are placeholders, and no status is chosen
    assert "Aborted with 13 warnings in strict mode!" in strict.stdout + strict.stderr
    assert strict.stderr.count("warning: frameworks.gamma.") == 6
    assert strict.stderr.count("warning: table[0].values.gamma: placeholder text") == 3
    assert strict.stderr.count(": placeholder status 'todo' (write how ") == 4
    for name in ("architecture", "templates", "caching"):
        review(project / f"data/dimensions/{name}.yml", "gamma")
    assert build(project, strict=True).returncode == 0


def review(path: Path, framework: str) -> None:
    """What an editor does on reviewing a dimension for a new framework."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(\w+): todo(?=  #|\n)[^\n]*", r"\1: not-available", text)
    text = re.sub(rf'verdict: "TODO: one line on {framework}[^"]*"', "verdict: Reviewed.", text)
    text = re.sub(rf" *TODO: what {framework} offers[^\n]*\n *stops,[^\n]*\n", "      Rev.\n", text)
    text = text.replace(f"TODO: {framework}'s cell for this row", "Reviewed")
    path.write_text(text, encoding="utf-8")


def test_refuses_to_overwrite(project: Path) -> None:
    path = project / "data/dimensions/architecture.yml"
    before = path.read_bytes()
    result = run_script("new-dimension", "--data", str(project / "data"), "architecture")
    assert result.returncode == 1
    assert result.stderr == (
        "scripts/new-dimension: data/dimensions/architecture.yml already "
        "exists: edit it, or choose another id (nothing was written)\n"
    )
    assert path.read_bytes() == before


@pytest.mark.parametrize("bad_id", ["Gamma", "gamma_2", "-gamma", "gamma--2", "2gamma", "../x"])
def test_rejects_an_invalid_id(project: Path, bad_id: str) -> None:
    result = run_script("new-framework", "--data", str(project / "data"), "--", bad_id)
    assert result.returncode == 1
    assert result.stderr == (
        f"scripts/new-framework: '{bad_id}' is not a valid id: use "
        "lower-case letters, digits and single hyphens, starting with a "
        "letter (e.g. 'real-time')\n"
    )
    assert sorted(p.name for p in (project / "data/frameworks").iterdir()) == [
        "alpha.yml",
        "beta.yml",
    ]


def test_placeholder_warnings_name_the_spot_and_skip_code() -> None:
    text = (
        b"title: Caching\n"
        b"summary: |\n"
        b"  Intro. TODO: say more\n"
        b"  ```python\n"
        b"  cache.clear()  # TODO: not a placeholder in code\n"
        b"  ```\n"
        b"last_reviewed: 1970-01-01\n"
    )
    doc, _ = parse_yaml(text, "data/dimensions/caching.yml")
    assert doc is not None
    assert [str(p) for p in placeholder_problems(doc)] == [
        "data/dimensions/caching.yml:3:10: warning: summary: placeholder text 'TODO: say more' "
        "(write the real text, then remove the marker; a strict build refuses to publish "
        "placeholders)",
        "data/dimensions/caching.yml:7:16: warning: last_reviewed: placeholder value "
        "'1970-01-01' (fill in the real value; a strict build refuses to publish placeholders)",
    ]


def test_the_placeholder_status_is_flagged_only_as_a_table_rows_status() -> None:
    text = (
        b"title: todo\n"
        b"table:\n"
        b"  - id: admin\n"
        b"    label: Admin\n"
        b"    values: {alpha: todo}\n"
        b"    status:\n"
        b"      alpha: todo\n"
        b"      beta: built-in\n"
    )
    doc, _ = parse_yaml(text, "data/dimensions/admin.yml")
    assert doc is not None
    assert [str(p) for p in placeholder_problems(doc)] == [
        "data/dimensions/admin.yml:7:14: warning: table[0].status.alpha: placeholder status "
        "'todo' (write how alpha provides this row's feature: built-in, partial, "
        "official-extension, third-party or not-available, or delete the line if no single "
        "status fits its cell; a strict build refuses to publish placeholders)",
    ]
