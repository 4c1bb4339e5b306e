"""The action server restarts while residents finish hand-offs: no ticket lost or duplicated.

While it is down a resident gets `service_unavailable` in their language; the message is kept
(bot/addons/resilient_channels.py) and run again once the server is back, which creates the
ticket; the resident's next message brings the confirmation.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest
import redis
import yaml

from tests.e2e.conftest import new_sender
from tests.production.conftest import ProductionStack, customs
from tests.support.conversations import ASK_FOR_A_PERSON, answers_up_to_the_read_back
from tests.support.redis_keys import REDIS_URL
from tests.support.servers import RunningBot

pytestmark = [pytest.mark.postgres, pytest.mark.e2e]

ROOT = Path(__file__).resolve().parents[2]
THANKS = {"fi": "kiitos", "en": "thank you", "ar": "شكرا"}
CONFIRM = "/affirm"  # "Yes, send" under the read-back
RETRY_WAIT_SECONDS = 60


def system_text(language: str, key: str) -> str:
    text: str = yaml.safe_load((ROOT / "content" / language / "system.yml").read_text())[key]
    return text


def up_to_the_read_back(bot: RunningBot, language: str) -> str:
    sender = new_sender()
    bot.say(sender, ASK_FOR_A_PERSON[language], language=language)
    for answer in answers_up_to_the_read_back(language):
        bot.say(sender, answer)
    return sender


def wait_for_tickets(production: ProductionStack, senders: list[str]) -> None:
    deadline = time.monotonic() + RETRY_WAIT_SECONDS
    while time.monotonic() < deadline:
        if all(production.tickets(sender) for sender in senders):
            return
        time.sleep(1)
    missing = [s for s in senders if not production.tickets(s)]
    raise AssertionError(f"no ticket for {missing} {RETRY_WAIT_SECONDS}s after the restart")


def test_system_messages_exist_in_every_language() -> None:
    keys = {
        lang: set(yaml.safe_load((ROOT / "content" / lang / "system.yml").read_text()))
        for lang in ("fi", "en", "ar")
    }
    assert keys["fi"] == keys["en"] == keys["ar"] == {"service_unavailable", "service_restored"}


def test_tickets_survive_an_action_server_restart(production: ProductionStack) -> None:
    bot = production.bot(1)  # the replica that stays up in test_replicas
    languages = ["fi", "en", "ar"]
    in_flight = {up_to_the_read_back(bot, lang): lang for lang in languages}
    while_down = {up_to_the_read_back(bot, lang): lang for lang in languages}
    first_replies: dict[str, list[dict[str, Any]]] = {}

    # 1. The server is killed while these confirmations (the form's last answer) are in flight.
    def confirm(sender: str) -> None:
        first_replies[sender] = bot.say(sender, CONFIRM)

    threads = [threading.Thread(target=confirm, args=(s,)) for s in in_flight]
    for thread in threads:
        thread.start()
    time.sleep(0.3)
    production.actions.kill()
    for thread in threads:
        thread.join()

    # 2. While it is down: a clear answer in the resident's language, and no ticket yet.
    for sender, lang in while_down.items():
        reply = bot.say(sender, CONFIRM)
        first_replies[sender] = reply
        assert reply[0]["text"] == system_text(lang, "service_unavailable")
        assert customs(reply, "service_unavailable") == [
            {"type": "service_unavailable", "lang": lang, "dir": "rtl" if lang == "ar" else "ltr"}
        ]
        assert production.tickets(sender) == []
    for sender in in_flight:  # never silence: a ticket, or the same notice
        reply = first_replies[sender]
        assert customs(reply, "ticket") or customs(reply, "service_unavailable"), reply

    # 3. Back up on the same port: every kept submit creates its ticket, exactly once.
    production.actions.start().wait_until_up()
    everyone = {**in_flight, **while_down}
    wait_for_tickets(production, list(everyone))
    time.sleep(3)  # a duplicate would have appeared by now
    references = {sender: production.tickets(sender) for sender in everyone}
    assert all(len(tickets) == 1 for tickets in references.values()), references

    # 4. The next message brings the confirmation with that ticket's reference.
    for sender, lang in everyone.items():
        later = bot.say(sender, THANKS[lang])
        confirmed = customs(first_replies[sender], "ticket") + customs(later, "ticket")
        assert [t["reference"] for t in confirmed] == references[sender]
        if sender in while_down:
            assert later[0]["text"] == system_text(lang, "service_restored")

    client = redis.Redis.from_url(REDIS_URL)
    assert list(client.scan_iter(match=f"{production.redis_prefix}:pending:*")) == []
    client.close()
