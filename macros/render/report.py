"""Links that let a reader report an error: a prefilled new issue, or an e-mail.

The issue goes to the site's repository (``repo_url`` in data/site.yml); its
title and body come from the template ``report_issue.md.j2``, so the report
arrives with the page's address and the questions a correction needs. Each
part of a link is percent-encoded here, never by hand in a template: an
address such as ``fix+site@example.org`` must reach the mail program intact.
"""

from __future__ import annotations

from urllib.parse import quote, urljoin

# GitLab reads its new-issue form from other parameter names than GitHub,
# Gitea and Forgejo, and under /-/.
_GITLAB = ("/-/issues/new", "issue[title]", "issue[description]")
_OTHERS = ("/issues/new", "title", "body")


def page_url(site_url: str, src_uri: str) -> str:
    """The published address of a page: 'architecture.md' -> '<site>/architecture/'."""
    path = src_uri.removesuffix(".md")
    path = "" if path == "index" else path.removesuffix("/index") + "/"
    return urljoin(site_url, path)


def issue_url(repo_url: str, title: str, body: str) -> str:
    """A new-issue page of ``repo_url`` with the title and body filled in."""
    host = repo_url.split("/")[2].lower()
    path, title_key, body_key = _GITLAB if "gitlab" in host else _OTHERS
    query = f"{quote(title_key)}={quote(title, safe='')}&{quote(body_key)}={quote(body, safe='')}"
    return f"{repo_url.rstrip('/')}{path}?{query}"


def mailto(email: str, subject: str, body: str = "") -> str:
    """A mailto: link, with the address and each field percent-encoded (RFC 6068)."""
    link = f"mailto:{quote(email, safe='@')}?subject={quote(subject, safe='')}"
    return f"{link}&body={quote(body, safe='')}" if body else link


GLOBALS = {"page_url": page_url, "issue_url": issue_url, "mailto": mailto}
