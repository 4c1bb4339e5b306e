"""Helpers of the end-to-end tests; the `bot` fixture (real Rasa + action server) is in tests/."""

from __future__ import annotations

import uuid


def new_sender() -> str:
    return f"e2e-{uuid.uuid4().hex[:10]}"


def article_of(messages: list[dict]) -> dict:
    articles = [m["custom"] for m in messages if m.get("custom", {}).get("type") == "article"]
    assert len(articles) == 1, messages
    return articles[0]


def first_text(messages: list[dict]) -> str:
    return next(m["text"] for m in messages if m.get("text"))


def is_arabic(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return sum("\u0600" <= ch <= "\u06ff" for ch in letters) > len(letters) / 2
