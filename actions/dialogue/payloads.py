"""The custom payloads that clients render and tests check (a stable, documented contract)."""

from __future__ import annotations

from typing import Any

from actions.content import Article
from actions.db.models import Ticket
from actions.i18n.catalog import text_direction


def article_payload(article: Article) -> dict[str, Any]:
    return {
        "type": "article",
        "topic": article.id,
        "lang": article.language,
        "dir": text_direction(article.language),
        "title": article.title,
        "summary": article.summary,
        "reviewed": article.reviewed.isoformat(),
        "sources": [{"title": s.title, "url": str(s.url)} for s in article.sources],
        "related": list(article.related),
    }


def ticket_payload(ticket: Ticket) -> dict[str, Any]:
    return {
        "type": "ticket",
        "reference": ticket.reference,
        "lang": ticket.language,
        "dir": text_direction(ticket.language),
        "urgency": ticket.urgency.value,
    }
