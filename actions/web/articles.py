"""Public, read-only articles for the web client (the full text behind a chat answer)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request

from actions.content import ContentLibrary
from actions.dialogue.payloads import article_payload
from actions.language import supported_language

router = APIRouter(prefix="/articles", tags=["content"])


@router.get("/{language}/{topic}")
def read_article(language: str, topic: str, request: Request) -> dict[str, Any]:
    """Return one article with its full Markdown body, sources and review date."""
    library: ContentLibrary = request.app.state.content
    code = supported_language(language)
    article = library.get(topic, code) if code else None
    if article is None:
        raise HTTPException(404, f"no article {topic!r} in language {language!r}")
    return article_payload(article, full_text=True)
