"""Structured data (schema.org JSON-LD) for pages, built from the dataset.

The theme's ``extrahead`` block writes what ``for_page`` returns into a
``<script type="application/ld+json">`` element. The article page gets an
``Article``, the FAQ page a ``FAQPage``: both are plain schema.org, promised to
no search engine for any rich result. Text fields hold plain text: the data's
Markdown is rendered and its tags dropped, and citation markers ``[^id]``
become ``citation`` entries instead of stray brackets.
"""

from __future__ import annotations

from collections.abc import Iterable
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin

from macros.data.model import Dataset, Framework, Question, Source
from macros.data.text_rules import citations, strip_citations
from macros.render.markdown import MarkdownFactory

CONTEXT = "https://schema.org"
ARTICLE_PAGE = "one-page.md"  # the whole comparison: every text and source
FAQ_PAGE = "faq.md"

_BLOCKS = frozenset(
    {"p", "li", "pre", "blockquote", "tr", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6"}
)


class _TextCollector(HTMLParser):
    """Text of an HTML fragment: one line per block, whitespace collapsed."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []

    def handle_data(self, data: str) -> None:
        self.current.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self.flush()

    def flush(self) -> None:
        line = " ".join("".join(self.current).split())
        if line:
            self.lines.append(line)
        self.current = []


def plain_text(text: str, site: MarkdownFactory | None = None) -> str:
    """Markdown from the data as plain text, without citation markers.

    Converted by the site's Markdown factory (MkDocs' built-in extensions without one).
    """
    html = (site or MarkdownFactory()).html(strip_citations(text))
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    collector.flush()
    return "\n".join(collector.lines)


def for_page(
    dataset: Dataset, src_uri: str, page_url: str, site: MarkdownFactory | None = None
) -> list[dict[str, Any]]:
    """JSON-LD objects for one page ("" URLs are relative to the site URL).

    ``site``: the site's Markdown factory, for the plain text of questions and answers.
    """
    url = urljoin(dataset.site.url, page_url)
    if src_uri == ARTICLE_PAGE:
        return [article(dataset, url)]
    if src_uri == FAQ_PAGE and dataset.questions:
        return [faq_page(dataset.questions, url, site or MarkdownFactory())]
    return []


def article(dataset: Dataset, url: str) -> dict[str, Any]:
    site = dataset.site
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "Article",
        "headline": site.title,
        "description": site.description,
        "url": url,
        "mainEntityOfPage": url,
        "isPartOf": {"@type": "WebSite", "name": site.title, "url": site.url},
        "about": [software(framework) for framework in dataset.frameworks],
    }
    reviewed = [dimension.last_reviewed for dimension in dataset.dimensions]
    if reviewed:  # ISO dates compare correctly as strings
        data["dateModified"] = max(reviewed)
    if site.licence:
        data["license"] = site.licence
    cited = [
        dataset.sources[source_id]
        for source_id in article_citations(dataset)
        if source_id in dataset.sources
    ]
    if cited:
        data["citation"] = [creative_work(source) for source in cited]
    return data


def software(framework: Framework) -> dict[str, Any]:
    return {
        "@type": "SoftwareApplication",
        "name": framework.name,
        "applicationCategory": "DeveloperApplication",
        "url": framework.homepage,
        "license": framework.licence,
    } | ({"softwareVersion": version} if (version := framework.latest_release.version) else {})


def creative_work(source: Source) -> dict[str, Any]:
    work: dict[str, Any] = {
        "@type": "CreativeWork",
        "name": source.title,
        "url": source.url,
        "publisher": {"@type": "Organization", "name": source.publisher},
    }
    if source.published:
        work["datePublished"] = source.published
    return work


def article_citations(dataset: Dataset) -> list[str]:
    """Source ids cited on the article page, in order of first citation.

    The article shows every framework, so every framework's texts count.
    """
    shown = {framework.id for framework in dataset.frameworks}
    texts: list[str] = [dataset.site.intro]
    for framework in dataset.frameworks:
        texts.append(framework.profile)
        releases = (framework.first_release, framework.latest_release, framework.lts_release)
        texts.extend(f"[^{release.source}]" for release in releases if release)
    for dimension in dataset.dimensions:
        texts.append(dimension.summary)
        for framework_id, take in dimension.takes.items():
            if framework_id in shown:
                texts += [take.verdict, take.text]
        texts.extend(
            value
            for row in dimension.table
            for framework_id, value in row.values.items()
            if framework_id in shown
        )
        texts.extend(question.a for question in dimension.faq)
    texts.append(dataset.site.verdict)
    return _unique(source_id for text in texts for _, source_id in citations(text))


def faq_page(questions: Iterable[Question], url: str, site: MarkdownFactory) -> dict[str, Any]:
    return {
        "@context": CONTEXT,
        "@type": "FAQPage",
        "url": url,
        "mainEntity": [
            {
                "@type": "Question",
                "name": plain_text(question.q, site),
                "url": f"{url}#{question.id}",
                "acceptedAnswer": {"@type": "Answer", "text": plain_text(question.a, site)},
            }
            for question in questions
        ],
    }


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
