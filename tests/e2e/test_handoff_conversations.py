"""Hand-off conversations through the real Rasa server and the real action server."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import create_engine, text

from tests.e2e.conftest import first_text, is_arabic, new_sender
from tests.support.conversations import (
    ASK_FOR_A_PERSON,
    DESCRIPTIONS,
    answers_up_to_the_read_back,
)
from tests.support.servers import RunningBot

pytestmark = pytest.mark.e2e


def tickets_of(bot: RunningBot, sender: str) -> list[tuple]:
    engine = create_engine(bot.database_url)
    with engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT reference, language, contact_method, contact_value, urgency, description "
                "FROM tickets WHERE conversation_id = :c"
            ),
            {"c": sender},
        ).all()
    engine.dispose()
    return [tuple(row) for row in rows]


def buttons_of(messages: list[dict]) -> list[str]:
    return [b["payload"] for m in messages for b in m.get("buttons") or []]


@pytest.mark.parametrize("language", ["fi", "en", "ar"])
def test_a_consented_handoff_creates_a_correct_ticket(bot: RunningBot, language: str) -> None:
    sender = new_sender()
    consent_question = bot.say(sender, ASK_FOR_A_PERSON[language], language=language)
    assert {"/affirm", "/deny"} <= set(buttons_of(consent_question))
    assert is_arabic(first_text(consent_question)) == (language == "ar")
    assert {"phone", "sms", "email"} <= set(buttons_of(bot.say(sender, "/affirm")))
    for answer in answers_up_to_the_read_back(language)[1:]:
        read_back = bot.say(sender, answer)
    assert "4567" in first_text(read_back)  # the contact is read back before anything is sent
    done = bot.say(sender, "/affirm")

    ticket = next(m["custom"] for m in done if m.get("custom", {}).get("type") == "ticket")
    [(reference, stored_language, method, contact, urgency, description)] = tickets_of(bot, sender)
    assert ticket["reference"] == reference and reference in first_text(done)
    assert (stored_language, method, contact) == (language, "sms", "+358401234567")
    assert urgency == "high" and description == DESCRIPTIONS[language]


@pytest.mark.parametrize("language", ["fi", "en", "ar"])
def test_a_declined_handoff_stores_nothing_personal(bot: RunningBot, language: str) -> None:
    sender = new_sender()
    bot.say(sender, ASK_FOR_A_PERSON[language], language=language)
    declined = bot.say(sender, "/deny")
    assert "asumisneuvo@lahti.fi" in first_text(declined)
    assert tickets_of(bot, sender) == []


@pytest.mark.parametrize(
    ("language", "hint"), [("fi", "040 123 4567"), ("en", "mobile"), ("ar", "040 123 4567")]
)
def test_an_invalid_phone_number_is_asked_again(bot: RunningBot, language: str, hint: str) -> None:
    sender = new_sender()
    bot.say(sender, ASK_FOR_A_PERSON[language], language=language)
    bot.say(sender, "/affirm")
    bot.say(sender, "sms")
    again = bot.say(sender, "12345")
    assert hint in " ".join(m.get("text", "") for m in again)
    when = bot.say(sender, "+358 50 123 4567")
    assert len(buttons_of(when)) >= 3  # the next question: when contact suits best


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("fi", "Mulla ei ole paikkaa missä nukkua tänä yönä"),
        ("en", "I have nowhere to sleep tonight"),
        ("ar", "ليس لدي مكان أنام فيه الليلة"),
    ],
)
def test_homeless_emergency_gets_contacts_in_the_first_reply(
    bot: RunningBot, language: str, message: str
) -> None:
    replies = bot.say(new_sender(), message, language=language)
    first = first_text(replies)
    assert "112" in first
    assert first.index("112") < (first.index("?") if "?" in first else len(first))


def test_eviction_answers_offer_a_counsellor_and_yes_starts_the_form(bot: RunningBot) -> None:
    sender = new_sender()
    answer = bot.say(sender, "My landlord wants to evict me and I got papers from the court", "en")
    assert "/affirm" in buttons_of(answer)
    consent_question = bot.say(sender, "/affirm")
    assert "counsellor" in first_text(consent_question).lower()
    assert {"/affirm", "/deny"} <= set(buttons_of(consent_question))


def test_forgetting_deletes_the_ticket_and_the_stored_conversation(bot: RunningBot) -> None:
    sender = new_sender()
    bot.say(sender, ASK_FOR_A_PERSON["en"], language="en")
    for answer in [*answers_up_to_the_read_back("en", method="email"), "/affirm"]:
        bot.say(sender, answer)
    assert len(tickets_of(bot, sender)) == 1

    reply = bot.say(sender, "please delete my data and forget this conversation")
    assert "deleted" in first_text(reply)
    assert tickets_of(bot, sender) == []
    tracker = httpx.get(f"{bot.rasa_url}/conversations/{sender}/tracker", timeout=30).json()
    texts = [e.get("text") or "" for e in tracker["events"]]
    assert not any("resident@example.com" in t or "evict" in t for t in texts)


def test_two_misunderstood_messages_in_a_row_lead_to_a_counsellor(bot: RunningBot) -> None:
    sender = new_sender()
    first = bot.say(sender, "zzqx vlorp gnafk", language="en")
    assert "/human_handoff" in buttons_of(first)  # a counsellor is always one tap away
    second = bot.say(sender, "qwv brrzt plonk")
    assert {"/affirm", "/deny"} <= set(buttons_of(second))  # the hand-off's consent question
    assert "counsellor" in " ".join(m.get("text", "") for m in second).lower()
