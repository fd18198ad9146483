#!/usr/bin/env python3
"""Generate a synthetic comparison project: N frameworks x M dimensions.

Text lengths follow the real data (a 150-250 word text per framework and
dimension, some with code, a 40-70 word summary, two table rows and one
question per dimension), so build benchmarks measure realistic pages.
Deterministic for a given seed.

Usage: scripts/bench/synthetic.py DEST --frameworks 40 --dimensions 12
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent.parent
WORDS = [
    "request",
    "response",
    "server",
    "worker",
    "cache",
    "database",
    "query",
    "model",
    "view",
    "route",
    "template",
    "session",
    "token",
    "deploy",
    "scale",
    "latency",
    "throughput",
    "async",
    "thread",
    "process",
    "queue",
    "task",
    "admin",
    "form",
    "field",
    "migration",
    "schema",
    "index",
    "replica",
    "proxy",
    "header",
    "cookie",
    "middleware",
    "extension",
    "plugin",
    "package",
    "release",
    "version",
    "support",
    "team",
    "project",
    "service",
    "client",
]


def sentence(rng: random.Random, sources: list[str]) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 18))]
    text = " ".join(words).capitalize()
    if rng.random() < 0.25:
        text += f"[^{rng.choice(sources)}]"
    return text + "."


def paragraph(rng: random.Random, sources: list[str], sentences: int) -> str:
    return " ".join(sentence(rng, sources) for _ in range(sentences))


def text(rng: random.Random, sources: list[str]) -> str:
    parts = [paragraph(rng, sources, rng.randint(3, 5)) for _ in range(3)]
    if rng.random() < 0.4:
        parts.insert(
            1,
            '```python\n@app.get("/items/<int:item_id>")\n'
            'def item(item_id):\n    return {"id": item_id}\n```',
        )
    return "\n\n".join(parts) + "\n"


def generate(dest: Path, frameworks: int, dimensions: int, seed: int = 0) -> Path:
    """Write the project into dest (replaced); returns its mkdocs.yml."""
    rng = random.Random(seed)
    shutil.rmtree(dest, ignore_errors=True)
    data = dest / "data"
    (data / "frameworks").mkdir(parents=True)
    (data / "dimensions").mkdir()
    shutil.copytree(ROOT / "content" / "assets", dest / "content" / "assets") if (
        ROOT / "content" / "assets"
    ).exists() else (dest / "content").mkdir()
    sources = [f"source-{i}" for i in range(30)]
    ids = [f"fw-{i:02d}" for i in range(frameworks)]

    def dump(path: Path, value: object) -> None:
        path.write_text(
            yaml.safe_dump(value, sort_keys=False, allow_unicode=True), encoding="utf-8"
        )

    dump(
        data / "sources.yml",
        {
            s: {
                "title": f"Reference {s}",
                "url": f"https://example.org/{s}",
                "publisher": "Example",
                "checked": "2026-11-24",
                "supports": f"Reference {s} states the synthetic facts that cite it.",
            }
            for s in sources
        },
    )
    dump(
        data / "site.yml",
        {
            "title": "Synthetic comparison",
            "description": "Generated data for benchmarks.",
            "url": "https://example.org/",
            "licence": "CC BY 4.0",
            "featured": ids[:2],
            "intro": paragraph(rng, sources, 5) + "\n",
            "verdict": paragraph(rng, sources, 4) + "\n",
        },
    )
    release = {"version": "1.0", "date": "2020-01-01", "source": sources[0]}
    for i, fid in enumerate(ids):
        dump(
            data / "frameworks" / f"{fid}.yml",
            {
                "name": f"Framework {i:02d}",
                "tagline": f"Synthetic framework number {i}.",
                "order": i,
                "first_release": release,
                "latest_release": release,
                "licence": "BSD-3-Clause",
                "governance": "A community project",
                "homepage": f"https://example.org/{fid}/",
                "docs": f"https://example.org/{fid}/docs/",
                "repository": f"https://example.org/{fid}/src/",
                "python": "3.10 and later",
                "profile": paragraph(rng, sources, 4) + "\n",
            },
        )
    for d in range(dimensions):
        did = f"dimension-{d:02d}"
        dump(
            data / "dimensions" / f"{did}.yml",
            {
                "title": f"Dimension {d:02d}",
                "order": d * 10,
                "summary": paragraph(rng, sources, 3) + "\n",
                "last_reviewed": "2026-11-24",
                "frameworks": {
                    fid: {"verdict": sentence(rng, sources), "text": text(rng, sources)}
                    for fid in ids
                },
                "table": [
                    {
                        "id": f"{did}-row-{r}",
                        "label": f"Feature {d:02d}.{r}",
                        "values": {
                            fid: " ".join(rng.choice(WORDS) for _ in range(4)) for fid in ids
                        },
                    }
                    for r in range(2)
                ],
                "faq": [
                    {
                        "id": f"{did}-question",
                        "q": f"What about dimension {d:02d}?",
                        "a": paragraph(rng, sources, 3) + "\n",
                    }
                ],
            },
        )
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.CSafeLoader)
    config["theme"]["custom_dir"] = str(ROOT / "overrides")
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return dest / "mkdocs.yml"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dest", type=Path)
    parser.add_argument("--frameworks", type=int, default=10)
    parser.add_argument("--dimensions", type=int, default=12)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    print(generate(args.dest, args.frameworks, args.dimensions, args.seed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
