"""Two Rasa replicas share one conversation: PostgreSQL tracker store, Redis lock store.

Real `rasa run` processes on bot/endpoints.production.yml with --auth-token, the real action
server, the PostgreSQL and Redis servers of this machine, all over HTTP.
"""

from __future__ import annotations

import json
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest

from tests.e2e.conftest import new_sender
from tests.e2e.test_topics_and_language import QUESTIONS
from tests.production.conftest import ProductionStack, customs

pytestmark = [pytest.mark.postgres, pytest.mark.e2e]

TOPICS = [
    "rent_payment",
    "deposit",
    "repairs",
    "living_together",
    "budgeting",
    "finding_home",
    "housing_allowance",
    "ending_lease",
]
STAGGER_SECONDS = 0.4  # messages overlap in flight, but reach the servers in this order


def test_rasa_api_needs_the_token(production: ProductionStack) -> None:
    bot = production.bot(0)
    sender = new_sender()
    bot.say(sender, QUESTIONS["deposit"]["en"], language="en")
    url = f"{bot.rasa_url}/conversations/{sender}/tracker"
    assert httpx.get(url, timeout=30).status_code == 401
    assert httpx.get(url, params={"token": "wrong"}, timeout=30).status_code == 401
    assert bot.tracker(sender)["sender_id"] == sender


def test_concurrent_messages_through_two_replicas_are_answered_in_order_and_stored_once(
    production: ProductionStack,
) -> None:
    sender = new_sender()
    messages = [QUESTIONS[topic]["en"] for topic in TOPICS]

    def send(index: int) -> list[dict[str, Any]]:
        time.sleep(index * STAGGER_SECONDS)
        return production.bot(index % 2).say(sender, messages[index], language="en")

    with ThreadPoolExecutor(len(messages)) as pool:
        replies = list(pool.map(send, range(len(messages))))

    # Each message answered, by the replica it was sent to, with its own article.
    assert [[a["topic"] for a in customs(r, "article")] for r in replies] == [[t] for t in TOPICS]

    events = [(kind, json.loads(data)) for kind, data in production.stored_events(sender)]
    user_texts = [event["text"] for kind, event in events if kind == "user"]
    assert user_texts == messages  # every message once, in the order sent

    # Turns never interleave: each user message is followed by its own answer.
    answered: list[str] = []
    for kind, event in events:
        if kind == "user":
            answered.append("")
        elif kind == "bot" and (event.get("data") or {}).get("custom", {}).get("topic"):
            assert answered[-1] == "", "two answers in one turn"
            answered[-1] = event["data"]["custom"]["topic"]
    assert answered == TOPICS

    # No event stored twice, and the other replica's API sees the same conversation.
    stamps = [(kind, event.get("timestamp")) for kind, event in events]
    assert len(stamps) == len(set(stamps))
    api_texts = [
        e["text"] for e in production.bot(1).tracker(sender)["events"] if e["event"] == "user"
    ]
    assert api_texts == messages


def test_a_killed_replica_leaves_the_conversation_to_the_other(
    production: ProductionStack,
) -> None:
    first, second = production.bot(0), production.bot(1)
    sender = new_sender()
    first.say(sender, "I want to talk to a person", language="en")
    first.say(sender, "/affirm")
    asked_number = first.say(sender, "sms")
    assert asked_number

    production.replicas[0].kill()  # SIGKILL in the middle of the hand-off form

    when = second.say(sender, "040 123 4567")
    assert len({b["payload"] for m in when for b in m.get("buttons") or []}) >= 3
    for answer in (
        "mornings",
        "in English",
        "my landlord wants to evict me, the court date is 15 December",
    ):
        second.say(sender, answer)
    done = second.say(sender, "/affirm")

    [ticket] = customs(done, "ticket")
    assert production.tickets(sender) == [ticket["reference"]]
    user_texts = [e["text"] for e in second.tracker(sender)["events"] if e["event"] == "user"]
    assert user_texts[:4] == ["I want to talk to a person", "/affirm", "sms", "040 123 4567"]
