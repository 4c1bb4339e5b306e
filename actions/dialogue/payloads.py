"""The custom payloads that clients render and tests check (a stable, documented contract)."""

from __future__ import annotations

import json
from typing import Any

from actions.content import Article
from actions.db.models import Ticket
from actions.i18n.catalog import Translator, text_direction


def intent_button(
    title: str, intent: str, entities: dict[str, str] | None = None
) -> dict[str, str]:
    """A quick-reply button that sends an intent directly (Rasa's `/intent{...}` payload)."""
    suffix = json.dumps(entities, ensure_ascii=False) if entities else ""
    return {"title": title, "payload": f"/{intent}{suffix}"}


def yes_no_buttons(text: Translator) -> list[dict[str, str]]:
    # Translators: yes / no buttons under a question.
    return [
        intent_button(text.gettext("button.yes"), "affirm"),
        intent_button(text.gettext("button.no"), "deny"),
    ]


def language_payload(language: str) -> dict[str, str]:
    """The `language` payload, sent when a conversation's language is set or changes."""
    return {"type": "language", "lang": language, "dir": text_direction(language)}


def article_payload(article: Article, *, full_text: bool = False) -> dict[str, Any]:
    """The `article` payload; with `full_text` it carries the whole Markdown body too."""
    payload = {
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
    if full_text:
        payload["body"] = article.body
    return payload


def handoff_ended_payload(reason: str) -> dict[str, str]:
    """The `handoff` payload: the form ended and nothing was stored (declined, unclear, paused)."""
    return {"type": "handoff", "status": reason}


def ticket_payload(ticket: Ticket) -> dict[str, Any]:
    return {
        "type": "ticket",
        "reference": ticket.reference,
        "lang": ticket.language,
        "dir": text_direction(ticket.language),
        "urgency": ticket.urgency.value,
        "contact_by": ticket.contact_by.isoformat() if ticket.contact_by else None,
    }
