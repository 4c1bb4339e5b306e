"""Residents talk to the real Rasa server, which calls the real action server, over HTTP."""

from __future__ import annotations

import httpx
import pytest

from tests.e2e.conftest import article_of, is_arabic, new_sender
from tests.support.servers import RunningBot

pytestmark = pytest.mark.e2e


QUESTIONS = [
    ("fi", "rent_arrears", "En pysty maksamaan vuokraa"),
    ("en", "housing_allowance", "how do I apply for housing allowance from kela"),
    ("ar", "deposit", "صاحب البيت ما رجعلي التأمين"),
    ("fi", "deposit", "milloin saan vuokravakuuden takaisin"),
    ("en", "rent_arrears", "i didnt pay my rent for two months"),
    ("ar", "housing_allowance", "كيف اقدم على اعانة السكن"),
]


@pytest.mark.parametrize(("language", "topic", "question"), QUESTIONS)
def test_a_question_gets_the_topic_article_in_the_users_language(
    bot: RunningBot, language: str, topic: str, question: str
) -> None:
    messages = bot.say(new_sender(), question, language=language)
    article = article_of(messages)
    assert (article["topic"], article["lang"]) == (topic, language)
    text = next(m["text"] for m in messages if m.get("text"))
    assert is_arabic(text) == (language == "ar")


@pytest.mark.parametrize(
    ("language", "greeting", "marker"),
    [("fi", "moi", "asumis"), ("en", "hello", "housing"), ("ar", "مرحبا", "السكن")],
)
def test_the_bot_greets_in_the_conversation_language(
    bot: RunningBot, language: str, greeting: str, marker: str
) -> None:
    messages = bot.say(new_sender(), greeting, language=language)
    assert marker in messages[0]["text"].lower()


def test_the_language_set_at_the_start_holds_for_the_conversation(bot: RunningBot) -> None:
    sender = new_sender()
    bot.say(sender, "مرحبا", language="ar")
    follow_up = bot.say(sender, "ok")  # no metadata now, and "ok" is no language
    assert is_arabic(follow_up[0]["text"])


def test_the_ticket_list_needs_a_counsellor(bot: RunningBot) -> None:
    assert httpx.get(f"{bot.actions_url}/api/tickets", timeout=10).status_code == 401


def test_the_action_server_reports_its_database(bot: RunningBot) -> None:
    assert httpx.get(f"{bot.actions_url}/health", timeout=10).json()["database"] == "up"


def test_the_socketio_channel_carries_text_and_the_article_payload(bot: RunningBot) -> None:
    import threading

    import socketio

    received: list[dict] = []
    done = threading.Event()
    client = socketio.Client(reconnection=False)

    @client.on("bot_uttered")
    def on_bot_uttered(data: dict) -> None:
        received.append(data)
        if data.get("custom"):
            done.set()

    client.connect(bot.rasa_url, transports=["websocket"], socketio_path="socket.io")
    try:
        session = new_sender()
        client.emit("session_request", {"session_id": session})
        client.emit(
            "user_uttered",
            {
                "message": "En pysty maksamaan vuokraa",
                "session_id": session,
                "metadata": {"language": "fi"},
            },
        )
        assert done.wait(30), received
    finally:
        client.disconnect()
    assert any(m.get("text") for m in received)
    article = next(m["custom"] for m in received if m.get("custom"))
    assert (article["type"], article["topic"], article["lang"]) == ("article", "rent_arrears", "fi")


def test_messages_without_a_sender_never_share_a_conversation(bot: RunningBot) -> None:
    # Rasa would put both into the conversation "default": the second would answer the first's form.
    for text in ("haluan puhua neuvojan kanssa", "kyllä"):
        httpx.post(f"{bot.rasa_url}/webhooks/rest/webhook", json={"message": text}, timeout=60)
    assert [e for e in bot.tracker("default")["events"] if e["event"] == "user"] == []
