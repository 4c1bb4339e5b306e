"""Typed conversations (tests/conversations/): load them, play them through the real servers,
check every expectation, and score them per language.

Used by `make converse` (evaluation/converse.py, the whole corpus) and by `make test`
(tests/e2e/test_typed_conversations.py, the conversations marked `fast`). The format is in
tests/conversations/README.md.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import yaml
from lingua import Language, LanguageDetectorBuilder
from sqlalchemy import create_engine, text

from actions.i18n.catalog import Translator
from tests.support.servers import RunningBot

CORPUS = Path(__file__).resolve().parents[1] / "conversations"
LANGUAGES = ("fi", "en", "ar")
# After this many times in a row the same hand-off question counts as repeated too often.
MAX_ASKS_IN_A_ROW = 3
EMERGENCY_TOPIC = "homeless_emergency"
TICKET_FIELDS = (
    "language",
    "contact_method",
    "contact_value",
    "preferred_time",
    "interpreter",
    "urgency",
    "topic",
)
_DETECTOR = LanguageDetectorBuilder.from_languages(Language.FINNISH, Language.ENGLISH).build()


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


@dataclass(frozen=True)
class Turn:
    user: str
    expect: dict[str, Any]


@dataclass(frozen=True)
class Conversation:
    id: str
    corpus_language: str  # the folder: the language the resident mostly writes in
    language: str | None  # metadata.language sent by the client
    turns: tuple[Turn, ...]
    orientation: str | None = None
    fast: bool = False
    note: str = ""
    outcome: str | None = None
    ticket: dict[str, Any] = field(default_factory=dict)


def load_corpus(root: Path = CORPUS) -> list[Conversation]:
    conversations = []
    for path in sorted(root.glob("*/*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        conversations.append(
            Conversation(
                id=data["id"],
                corpus_language=path.parent.name,
                language=data.get("language"),
                orientation=data.get("orientation"),
                fast=bool(data.get("fast")),
                note=data.get("note", ""),
                outcome=data.get("outcome"),
                ticket=data.get("ticket") or {},
                turns=tuple(Turn(str(t["user"]), t.get("expect") or {}) for t in data["turns"]),
            )
        )
    return conversations


# --- what one turn looked like ----------------------------------------------------------------


def is_arabic(value: str) -> bool:
    letters = [ch for ch in value if ch.isalpha()]
    return bool(letters) and sum("\u0600" <= ch <= "\u06ff" for ch in letters) > len(letters) / 2


def reply_language(texts: list[str]) -> str | None:
    joined = " ".join(texts)
    if not joined.strip():
        return None
    if is_arabic(joined):
        return "ar"
    detected = _DETECTOR.detect_language_of(joined)
    return {Language.FINNISH: "fi", Language.ENGLISH: "en"}.get(detected) if detected else None


@dataclass
class Observed:
    """What the bot did in one turn, as a client and the tracker show it."""

    messages: list[dict[str, Any]]
    language: str | None
    topics: list[str]
    asking: str | None  # the hand-off question waiting for an answer, if the form is active
    actions: list[str]

    @property
    def texts(self) -> list[str]:
        return [m["text"] for m in self.messages if m.get("text")]

    def has_payload(self, kind: str) -> bool:
        return any((m.get("custom") or {}).get("type") == kind for m in self.messages)

    @property
    def emergency(self) -> bool:
        return EMERGENCY_TOPIC in self.topics

    @property
    def emergency_contacts_first(self) -> bool:
        """The emergency answer is in the reply and its first message opens with 112."""
        return self.emergency and bool(self.texts) and "112" in self.texts[0][:300]

    def says(self, key: str) -> bool:
        """The reply includes a catalog message (in any of our languages)."""
        return any(Translator(lang).gettext(key) in self.texts for lang in LANGUAGES)


def _turn_actions(tracker: dict[str, Any]) -> list[str]:
    actions: list[str] = []
    for event in reversed(tracker.get("events") or []):
        if event.get("event") == "user":
            break
        if event.get("event") == "action" and event.get("name") != "action_listen":
            actions.append(event["name"])
    return actions[::-1]


def observe(messages: list[dict[str, Any]], tracker: dict[str, Any]) -> Observed:
    slots = tracker.get("slots") or {}
    active = (tracker.get("active_loop") or {}).get("name")
    topics = [c["topic"] for m in messages if (c := m.get("custom") or {}).get("type") == "article"]
    return Observed(
        messages=messages,
        language=reply_language([m["text"] for m in messages if m.get("text")]),
        topics=topics,
        asking=slots.get("requested_slot") if active == "handoff_form" else None,
        actions=_turn_actions(tracker),
    )


# --- checking ---------------------------------------------------------------------------------


@dataclass
class TurnResult:
    user: str
    expect: dict[str, Any]
    observed: Observed
    expected_language: str
    failures: list[str]

    @property
    def topic_expected(self) -> bool:
        return "topic" in self.expect

    @property
    def topic_right(self) -> bool:
        also = set(_as_list(self.expect.get("also_topic")))
        first = set(_as_list(self.expect.get("topic"))) & set(self.observed.topics)
        return bool(first) and also <= set(self.observed.topics)

    @property
    def language_right(self) -> bool:
        return self.observed.language in (None, self.expected_language)

    @property
    def emergency_expected(self) -> bool:
        return self.expect.get("emergency") is True or EMERGENCY_TOPIC in _as_list(
            self.expect.get("topic")
        )

    @property
    def false_alarm(self) -> bool:
        return self.observed.emergency and not self.emergency_expected


def check_turn(expect: dict[str, Any], seen: Observed, language: str) -> list[str]:
    """Every expectation of the turn that did not hold, in words."""
    failures = []
    if "topic" in expect and not set(_as_list(expect["topic"])) & set(seen.topics):
        failures.append(f"topic {expect['topic']} expected, got {seen.topics or 'none'}")
    missing = set(_as_list(expect.get("also_topic"))) - set(seen.topics)
    if missing:
        failures.append(f"second question's topic {sorted(missing)} expected, got {seen.topics}")
    if "ask" in expect and seen.asking not in _as_list(expect["ask"]):
        failures.append(f"question {expect['ask']} expected, got {seen.asking or 'none'}")
    if expect.get("greeting") and not seen.says("greet.welcome"):
        failures.append(f"a greeting expected, got actions {seen.actions}")
    if expect.get("goodbye") and not seen.says("goodbye.reply"):
        failures.append(f"a goodbye expected, got actions {seen.actions}")
    if expect.get("ticket") and not seen.has_payload("ticket"):
        failures.append("a ticket confirmation expected")
    if expect.get("handoff_ended") and not seen.has_payload("handoff"):
        failures.append("the hand-off should have ended")
    wants_emergency = expect.get("emergency") is True or EMERGENCY_TOPIC in _as_list(
        expect.get("topic")
    )
    if wants_emergency and not seen.emergency_contacts_first:
        failures.append("the emergency answer (112 first) expected")
    if seen.emergency and not wants_emergency:
        failures.append("the emergency answer where none was expected")
    if seen.language not in (None, language):
        failures.append(f"reply in {seen.language}, {language} expected")
    return failures


@dataclass
class ConversationResult:
    conversation: Conversation
    sender: str
    turns: list[TurnResult]
    tickets: list[dict[str, Any]]
    failures: list[str]

    @property
    def passed(self) -> bool:
        return not self.failures and not any(t.failures for t in self.turns)

    def all_failures(self) -> list[str]:
        lines = [
            f"turn {i + 1} {t.user!r}: {f}" for i, t in enumerate(self.turns) for f in t.failures
        ]
        return lines + self.failures

    @property
    def ticket_right(self) -> bool:
        return self.conversation.outcome == "ticket" and not [
            f for f in self.failures if f.startswith("ticket")
        ]

    @property
    def stored_nothing(self) -> bool:
        return not self.tickets

    @property
    def repeated_prompt(self) -> bool:
        return any(f.startswith("question") and "asked" in f for f in self.failures)


def _ticket_field(row: dict[str, Any], name: str) -> Any:
    if name == "interpreter":
        return row.get("interpreter_language") or "none"
    if name == "preferred_time":
        return row.get("preferred_period") or ("given" if row.get("preferred_time") else None)
    if name == "topic":
        topics = row.get("topics") or []
        return json.loads(topics) if isinstance(topics, str) else topics
    return row.get(name)


def check_ticket(conversation: Conversation, tickets: list[dict[str, Any]]) -> list[str]:
    failures = []
    if len(tickets) > 1:
        failures.append(f"ticket: {len(tickets)} tickets stored, at most one allowed")
    if conversation.outcome == "no_ticket" and tickets:
        failures.append("ticket stored although the resident did not agree to one")
    if conversation.outcome != "ticket":
        return failures
    if not tickets:
        return [*failures, "ticket: none stored"]
    row = tickets[-1]
    for name, wanted in conversation.ticket.items():
        got = _ticket_field(row, name)
        if name == "preferred_time" and wanted == "given":
            ok = got is not None
        elif name == "topic":
            ok = bool(set(_as_list(wanted)) & set(got))
        else:
            ok = str(got).lower() == str(wanted).lower()
        if not ok:
            failures.append(f"ticket {name}: {wanted!r} expected, stored {got!r}")
    return failures


def repeated_questions(asked: list[str | None]) -> list[str]:
    """A hand-off question asked more than three times in a row (the question, two re-asks)."""
    failures, run, previous = [], 0, None
    for question in asked:
        run = run + 1 if question is not None and question == previous else 1
        previous = question
        if question is not None and run == MAX_ASKS_IN_A_ROW + 1:
            failures.append(f"question {question} asked {run} times in a row")
    return failures


# --- playing ----------------------------------------------------------------------------------


def tickets_of(database_url: str, sender: str) -> list[dict[str, Any]]:
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                text("SELECT * FROM tickets WHERE conversation_id = :c ORDER BY id"), {"c": sender}
            ).mappings()
            return [dict(row) for row in rows]
    finally:
        engine.dispose()


def _send(bot: RunningBot, sender: str, message: str, metadata: dict[str, str]) -> list[Any]:
    body = {"sender": sender, "message": message, "metadata": metadata}
    response = httpx.post(f"{bot.rasa_url}/webhooks/rest/webhook", json=body, timeout=120)
    response.raise_for_status()
    messages: list[Any] = response.json()
    return messages


def play(bot: RunningBot, conversation: Conversation) -> ConversationResult:
    """Hold the conversation as the web widget would, and check it turn by turn."""
    sender = f"corpus-{conversation.id}-{uuid.uuid4().hex[:6]}"
    client_language = conversation.language  # the widget follows the bot's language payloads
    expected = conversation.language or conversation.corpus_language
    results, asked = [], []
    for turn in conversation.turns:
        metadata = {"language": client_language} if client_language else {}
        if conversation.orientation:
            metadata["companion_language"] = conversation.orientation
        messages = _send(bot, sender, turn.user, metadata)
        for message in messages:
            custom = message.get("custom") or {}
            if custom.get("type") == "language":
                client_language = custom["lang"]
        expected = turn.expect.get("language", expected)
        seen = observe(messages, bot.tracker(sender))
        asked.append(seen.asking)
        results.append(
            TurnResult(
                turn.user, turn.expect, seen, expected, check_turn(turn.expect, seen, expected)
            )
        )
    tickets = tickets_of(bot.database_url, sender)
    failures = check_ticket(conversation, tickets) + repeated_questions(asked)
    return ConversationResult(conversation, sender, results, tickets, failures)


# --- scoring ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    name: str
    minimum: float | None = None  # a share that must be reached
    maximum: int | None = None  # a count that must not be exceeded


TARGETS = (
    Target("consented hand-offs ending in a correct ticket", minimum=0.95),
    Target("declined hand-offs storing nothing", minimum=1.0),
    Target("conversations with a question repeated more than twice", maximum=0),
    Target("replies in the right language", minimum=0.98),
    Target("turns with the right topic", minimum=0.90),
)


@dataclass
class Share:
    hits: int = 0
    total: int = 0

    def add(self, hit: bool) -> None:
        self.hits += int(hit)
        self.total += 1

    @property
    def value(self) -> float:
        return self.hits / self.total if self.total else 1.0

    def __str__(self) -> str:
        return f"{self.value:.2f} ({self.hits}/{self.total})"


@dataclass
class LanguageScore:
    conversations: int = 0
    passed: int = 0
    tickets: Share = field(default_factory=Share)
    declined: Share = field(default_factory=Share)
    repeated: int = 0
    language: Share = field(default_factory=Share)
    topic: Share = field(default_factory=Share)
    expectations: Share = field(default_factory=Share)
    false_alarms: int = 0
    emergencies: Share = field(default_factory=Share)

    def value(self, target: Target) -> float:
        return {
            TARGETS[0].name: self.tickets.value,
            TARGETS[1].name: self.declined.value,
            TARGETS[2].name: float(self.repeated),
            TARGETS[3].name: self.language.value,
            TARGETS[4].name: self.topic.value,
        }[target.name]

    def meets(self, target: Target) -> bool:
        value = self.value(target)
        if target.minimum is not None:
            return value >= target.minimum
        return target.maximum is None or value <= target.maximum


def score(results: Iterable[ConversationResult]) -> dict[str, LanguageScore]:
    scores = {lang: LanguageScore() for lang in LANGUAGES}
    for result in results:
        s = scores[result.conversation.corpus_language]
        s.conversations += 1
        s.passed += int(result.passed)
        if result.conversation.outcome == "ticket":
            s.tickets.add(result.ticket_right)
        if result.conversation.outcome == "no_ticket":
            s.declined.add(result.stored_nothing)
        s.repeated += int(result.repeated_prompt)
        for turn in result.turns:
            s.language.add(turn.language_right)
            if turn.topic_expected:
                s.topic.add(turn.topic_right)
            s.expectations.add(not turn.failures)
            s.false_alarms += int(turn.false_alarm)
            if turn.emergency_expected:
                s.emergencies.add(turn.observed.emergency_contacts_first)
    return scores
