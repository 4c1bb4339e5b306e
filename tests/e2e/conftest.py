"""One real Rasa server and one real action server for all end-to-end tests."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from actions.db.migrate import upgrade_to_head
from tests.support.servers import RunningBot, running_bot


@pytest.fixture(scope="session")
def bot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningBot]:
    workdir = tmp_path_factory.mktemp("e2e")
    database_url = f"sqlite:///{workdir / 'e2e.db'}"
    upgrade_to_head(database_url)
    with running_bot(workdir, database_url) as running:
        yield running


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
