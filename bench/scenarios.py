"""Conversations the simulated residents hold: five turns each, as residents really talk.

Our bot's scripts use messages and button payloads the end-to-end tests (tests/e2e/) show it
understands, in Finnish, English and Arabic: a greeting, a housing question, the "Read more"
button, thanks and goodbye, and hand-offs the resident declines (nothing is stored then).
The reference (`rasa init`'s mood bot) gets conversations in its own domain with the same
number of turns. A check on a reply is about correctness, not speed: it catches a replica
that did not see the previous turn (e.g. "Read more" must return the article just given).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

Messages = list[dict[str, object]]
Check = Callable[[Messages], bool]


@dataclass(frozen=True)
class Turn:
    """One message of the resident; `check` says whether the reply is the expected one."""

    message: str
    check: Check | None = None
    expects_reply: bool = True


@dataclass(frozen=True)
class Scenario:
    """A whole conversation; the language goes in `metadata` of its first message."""

    name: str
    language: str
    turns: tuple[Turn, ...]


def _customs(messages: Messages) -> list[dict[str, object]]:
    return [m["custom"] for m in messages if isinstance(m.get("custom"), dict)]  # type: ignore[misc]


def _buttons(messages: Messages) -> set[str]:
    payloads: set[str] = set()
    for message in messages:
        for button in message.get("buttons") or []:  # type: ignore[attr-defined]
            payloads.add(str(button.get("payload")))
    return payloads


def _text(messages: Messages) -> str:
    return "\n".join(str(m.get("text") or "") for m in messages)


def article(topic: str, language: str, full: bool = False) -> Check:
    """The reply carries the article `topic` in `language` (with its body for "Read more")."""

    def check(messages: Messages) -> bool:
        return any(
            c.get("type") == "article"
            and c.get("topic") == topic
            and c.get("lang") == language
            and (not full or bool(c.get("body")))
            for c in _customs(messages)
        )

    return check


def buttons(*payloads: str) -> Check:
    """The reply offers at least these button payloads."""

    def check(messages: Messages) -> bool:
        return set(payloads) <= _buttons(messages)

    return check


def contains(fragment: str) -> Check:
    """Some text of the reply contains `fragment` (case-insensitive)."""

    def check(messages: Messages) -> bool:
        return fragment.lower() in _text(messages).lower()

    return check


def arabic(messages: Messages) -> bool:
    """Mostly Arabic letters: the conversation stayed in Arabic."""
    letters = [ch for ch in _text(messages) if ch.isalpha()]
    return bool(letters) and sum("\u0600" <= ch <= "\u06ff" for ch in letters) > len(letters) / 2


DECLINED = contains("asumisneuvo@lahti.fi")  # a declined hand-off gives the service's contacts
CONSENT = buttons("/affirm", "/deny")

OURS: tuple[Scenario, ...] = (
    Scenario(
        "fi-rent-arrears",
        "fi",
        (
            Turn("moi", contains("asumis")),
            Turn("En pysty maksamaan vuokraa tässä kuussa", article("rent_arrears", "fi")),
            Turn("/read_more", article("rent_arrears", "fi", full=True)),
            Turn("kiitos paljon"),
            Turn("heippa"),
        ),
    ),
    Scenario(
        "en-housing-allowance",
        "en",
        (
            Turn("hello", contains("housing")),
            Turn(
                "How do I apply for housing allowance from Kela?",
                article("housing_allowance", "en"),
            ),
            Turn("/read_more", article("housing_allowance", "en", full=True)),
            Turn("thanks a lot"),
            Turn("bye"),
        ),
    ),
    Scenario(
        "ar-deposit",
        "ar",
        (
            Turn("مرحبا", arabic),
            Turn("صاحب البيت ما رجعلي التأمين", article("deposit", "ar")),
            Turn("/read_more", article("deposit", "ar", full=True)),
            Turn("شكرا جزيلا", arabic),
            Turn("مع السلامة", arabic),
        ),
    ),
    Scenario(
        "fi-handoff-declined",
        "fi",
        (
            Turn("hei", contains("asumis")),
            Turn("haluan puhua ihmisen kanssa", CONSENT),
            Turn("/deny", DECLINED),
            Turn("kiitos"),
            Turn("näkemiin"),
        ),
    ),
    Scenario(
        "en-eviction-offer-declined",
        "en",
        (
            Turn("hi", contains("housing")),
            Turn(
                "My landlord wants to evict me and I got papers from the court",
                article("eviction", "en"),
            ),
            Turn("/affirm", CONSENT),
            Turn("/deny", DECLINED),
            Turn("bye"),
        ),
    ),
    Scenario(
        "ar-rent-arrears-then-person",
        "ar",
        (
            Turn("السلام عليكم", arabic),
            Turn("لا أستطيع دفع إيجار هذا الشهر", article("rent_arrears", "ar")),
            Turn("/read_more", article("rent_arrears", "ar", full=True)),
            Turn("أريد التحدث مع شخص", CONSENT),
            Turn("/deny", DECLINED),
        ),
    ),
    Scenario(
        "en-rent-arrears",
        "en",
        (
            Turn("good morning", contains("housing")),
            Turn("I can't pay my rent this month", article("rent_arrears", "en")),
            Turn("/read_more", article("rent_arrears", "en", full=True)),
            Turn("are you a bot"),
            Turn("thank you, bye"),
        ),
    ),
    Scenario(
        "fi-repairs",
        "fi",
        (
            Turn("moikka", contains("asumis")),
            Turn("Kylpyhuoneessa on hometta ja hana vuotaa", article("repairs", "fi")),
            Turn("/read_more", article("repairs", "fi", full=True)),
            Turn("kiitos avusta"),
            Turn("hei hei"),
        ),
    ),
    Scenario(
        "ar-budgeting",
        "ar",
        (
            Turn("مرحبا", arabic),
            Turn("دائمًا ينتهي مالي قبل نهاية الشهر، كيف أعمل ميزانية؟", article("budgeting", "ar")),
            Turn("/read_more", article("budgeting", "ar", full=True)),
            Turn("شكرا لك على المساعدة", arabic),
            Turn("إلى اللقاء", arabic),
        ),
    ),
)

REFERENCE: tuple[Scenario, ...] = (
    Scenario(
        "en-sad-helped",
        "en",
        (
            Turn("hello"),
            Turn("I am feeling very sad"),
            Turn("yes"),
            Turn("are you a bot?"),
            Turn("goodbye"),
        ),
    ),
    Scenario(
        "en-great",
        "en",
        (
            Turn("hey"),
            Turn("I am great"),
            Turn("am I talking to a bot?"),
            Turn("good morning"),
            Turn("bye"),
        ),
    ),
    Scenario(
        "en-unhappy-not-helped",
        "en",
        (
            Turn("good morning"),
            Turn("I am unhappy"),
            Turn("no"),
            Turn("are you a human?"),
            Turn("see you later"),
        ),
    ),
)
