"""The hand-off form's brain: what a typed message means at the question being asked.

Residents rarely press buttons. They answer two questions at once ("joo, soita 040 123 4567
aamulla"), change their mind ("antaa olla"), ask something else in the middle, or have nowhere to
sleep tonight. `decide` reads one message at one step and returns the form's next move; the
validation action turns that move into slot events and, where needed, an article answer.
Without consent nothing personal is stored and no ticket is made.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.dialogue.advice import answer_with_article
from actions.dialogue.base import EventList, LocalizedAction
from actions.dialogue.handoff_slots import (
    CONFIRM,
    CONSENT,
    DESCRIPTION,
    EXIT,
    FORM,
    INTERPRETER,
    LANGUAGE,
    METHOD,
    PAUSED,
    PERIOD,
    PERSONAL_SLOTS,
    REQUESTED_SLOT,
    RESUME,
    RETRIES,
    STEPS,
    TIME,
    VALUE,
)
from actions.dialogue.history import TOPIC_SLOT, ranking, topics_discussed
from actions.handoff.answers import Answer, read_answer
from actions.handoff.contact import ContactMethod
from actions.i18n.catalog import Translator
from actions.privacy.redaction import redact
from actions.topics import EMERGENCY_TOPIC

# A question is asked at most three times in a row (once and twice again); then the form ends.
MAX_RETRIES = 2
# A message is taken for a question on another topic only when the NLU is this sure of it.
DIGRESSION_CONFIDENCE = 0.55
# ... or this sure, when the message is plainly a question ("...?", "how long...").
QUESTION_CONFIDENCE = 0.3
DIGRESSION_MIN_WORDS = 3
# Short answers the form understands are never an emergency ("tänään illalla" at the time question).
SHORT_ANSWER_WORDS = 4
MAX_DESCRIPTION = 2000
# An answer to the time or language question this long also describes the situation.
DESCRIBES_WORDS = 8
MAX_FREE_ANSWER = 100
# The steps whose answer is a yes or a no, and those answered in the resident's own words.
YES_NO_STEPS = (CONSENT, CONFIRM, RESUME)
FREE_TEXT_STEPS = (TIME, LANGUAGE, DESCRIPTION)
SHORT_FREE_ANSWER_WORDS = 8
SHORT_QUESTION_WORDS = 12
# A stop word this close to the start overrides a yes ("ok, forget it", "joo ei kiitos").
EARLY_WORDS = 2


@dataclass(frozen=True)
class Turn:
    """One message at one step of the form, with what the NLU made of it."""

    step: str | None
    answer: Answer
    intent: str | None
    confidence: float
    slots: dict[str, Any]
    conversation_language: str
    counsellor_languages: tuple[str, ...]
    content_topics: frozenset[str]
    language_requested: bool = False
    ranked_first: str | None = None  # the NLU's top intent when it fell back as unsure
    ranked_confidence: float = 0.0  # and its confidence
    emergency_answered: bool = False  # the emergency answer was given earlier in the conversation

    @property
    def retries(self) -> int:
        return int(self.slots.get(RETRIES) or 0)

    @property
    def from_button(self) -> bool:
        return self.answer.text.startswith("/")

    @property
    def yes(self) -> bool:
        return self.answer.yes or (self.intent == "affirm" and self._short_or_button)

    @property
    def no(self) -> bool:
        return self.answer.no or (self.intent == "deny" and self._short_or_button)

    @property
    def _short_or_button(self) -> bool:
        return self.from_button or self.answer.word_count <= SHORT_ANSWER_WORDS

    @property
    def emergency(self) -> bool:
        """The resident says they have nowhere to stay (never a short answer the form reads)."""
        if self.emergency_answered or EMERGENCY_TOPIC not in (self.intent, self.ranked_first):
            return False
        a = self.answer
        return not (a.word_count <= SHORT_ANSWER_WORDS and (a.details or a.yes or a.no))

    @property
    def digression(self) -> str | None:
        """The topic of a question about something else, if the message is one."""
        a = self.answer
        needed = QUESTION_CONFIDENCE if a.question else DIGRESSION_CONFIDENCE
        topic, confidence = self.intent, self.confidence
        if topic not in self.content_topics and a.question:  # the NLU fell back as unsure
            topic, confidence = self.ranked_first, self.ranked_confidence
        if (
            topic not in self.content_topics
            or topic == EMERGENCY_TOPIC
            or confidence < needed
            or a.word_count < DIGRESSION_MIN_WORDS
            or a.contact
        ):
            return None
        return topic


@dataclass
class Move:
    """What the form does next: slot values, the next question (None: the form ends)."""

    updates: dict[str, Any]
    next_step: str | None
    topic: str | None = None  # an article to answer with first (a digression, an emergency)


# --- reading the answer at each step ---------------------------------------------------------


def _language_details(turn: Turn, anywhere: bool) -> dict[str, Any]:
    """The language for the contact and whether an interpreter is needed.

    `anywhere`: the message answers another question; only our three languages or a named
    interpreter count there, so that a word like "arabialainen" in passing changes nothing.
    """
    a, speaks = turn.answer, turn.counsellor_languages
    language = a.contact_language
    if anywhere and language not in speaks and language != turn.conversation_language:
        language = language if a.interpreter else None
    if a.interpreter is False:
        fallback = turn.conversation_language if turn.conversation_language in speaks else speaks[0]
        language = language if language in speaks else fallback
        return {LANGUAGE: language, INTERPRETER: ""}
    if language is None and (a.same_language or (a.interpreter and not anywhere)):
        language = turn.conversation_language
    if language is None:
        return {}
    needs_interpreter = bool(a.interpreter) or language not in speaks
    return {LANGUAGE: language, INTERPRETER: language if needs_interpreter else ""}


def _contact_details(turn: Turn) -> dict[str, Any]:
    """How and where to contact: a number or address typed means its method too."""
    a = turn.answer
    current = turn.slots.get(METHOD)
    if a.email and (a.method in (None, ContactMethod.EMAIL) or not a.phone):
        return {METHOD: ContactMethod.EMAIL.value, VALUE: a.email}
    if a.phone:
        method = a.method or (ContactMethod(current) if current else ContactMethod.PHONE)
        if method is ContactMethod.EMAIL:
            method = ContactMethod.PHONE
        if method is ContactMethod.SMS and not a.mobile:
            return {METHOD: method.value, VALUE: None}
        return {METHOD: method.value, VALUE: a.phone}
    if a.method:
        keeps_value = current and (ContactMethod(current) is ContactMethod.EMAIL) == (
            a.method is ContactMethod.EMAIL
        )
        return {METHOD: a.method.value} | ({} if keeps_value else {VALUE: None})
    return {}


def _time_details(turn: Turn) -> dict[str, Any]:
    if turn.answer.period:
        return {TIME: turn.answer.period, PERIOD: turn.answer.period}
    return {}


def details(turn: Turn) -> dict[str, Any]:
    """Everything the message says for the later questions."""
    return {**_contact_details(turn), **_time_details(turn), **_language_details(turn, True)}


def _free_text(answer: Answer, limit: int) -> str:
    return redact(answer.text).strip()[:limit]


def _also_described(turn: Turn) -> dict[str, Any]:
    """A long answer ("suomi, ja lyhyesti: sopimus loppuu...") is the description too."""
    about_housing = turn.intent in turn.content_topics
    if (
        turn.slots.get(DESCRIPTION) is None
        and turn.answer.word_count >= DESCRIBES_WORDS
        and about_housing
    ):
        return {DESCRIPTION: _free_text(turn.answer, MAX_DESCRIPTION)}
    return {}


def _fill(turn: Turn) -> dict[str, Any] | None:
    """The slot values the message gives at its step, or None when it does not answer it."""
    a, step, found = turn.answer, turn.step, details(turn)
    if step == CONSENT:
        agrees = turn.yes or ((a.contact or a.method) and not turn.no)
        agrees = agrees or turn.intent == "human_handoff"
        return {CONSENT: True, **found} if agrees else None
    if step in (METHOD, VALUE):
        return found if found.get(METHOD) or found.get(VALUE) else None
    if step == TIME:
        if found or (turn.digression and a.question):
            return {**found, **_also_described(turn)} if found else None
        return {TIME: _free_text(a, MAX_FREE_ANSWER), PERIOD: None}
    if step == LANGUAGE:
        found = {**found, **_language_details(turn, False)}
        if found or (turn.digression and a.question):
            return {**found, **_also_described(turn)} if found else None
        return {LANGUAGE: _free_text(a, MAX_FREE_ANSWER), INTERPRETER: None}
    if step == DESCRIPTION:
        if a.skip and a.word_count <= SHORT_ANSWER_WORDS:
            return {DESCRIPTION: ""}
        # A short question on a topic is a question; a longer account ending in one, a description.
        if turn.digression and a.question and a.word_count <= SHORT_QUESTION_WORDS:
            return None
        return {DESCRIPTION: _free_text(a, MAX_DESCRIPTION)}
    if step == CONFIRM:
        if found:
            return found
        if a.change:
            return {VALUE: None}
        return {CONFIRM: True} if turn.yes else None
    return None


def _wants_to_stop(turn: Turn) -> bool:
    """ "lopeta", "no thanks, I'll call them myself", "لا، مش عايز"; never a number typed.

    A stop word at the start wins ("ok, forget it", "hmm cancel, he called me"). At a yes/no
    question a leading yes wins over a stop word further on ("yes please, I don't want to
    wait"). At a question answered in free words a long message is an answer, unless it begins
    with the wish to stop ("kela stop my allowance..." is a description).
    """
    a = turn.answer
    early = a.cancel_at is not None and a.cancel_at <= EARLY_WORDS
    if a.contact or (a.answers_something and not early):
        return False
    if turn.step in FREE_TEXT_STEPS and a.word_count > SHORT_FREE_ANSWER_WORDS:
        return a.cancel_at == 0 or (turn.no and early)
    if early or a.only_no:
        return True
    if turn.step in YES_NO_STEPS:
        return not a.change and (
            (a.cancel_at is not None and not turn.yes) or (turn.no and not turn.yes)
        )
    return a.cancel_at is not None


# --- the moves ---------------------------------------------------------------------------


def next_step(values: dict[str, Any]) -> str | None:
    return next((step for step in STEPS if values.get(step) is None), None)


def _end(exit_reason: str, **extra: Any) -> Move:
    return Move({CONSENT: False, EXIT: exit_reason, RESUME: None}, None, **extra)


def _proceed(turn: Turn, updates: dict[str, Any]) -> Move:
    values = {**turn.slots, **({turn.step: None} if turn.step else {}), **updates}
    step = next_step(values)
    changed = any(
        value is not None and value != turn.slots.get(slot)
        for slot, value in updates.items()
        if slot != turn.step
    )
    if turn.step and step == turn.step and not changed:  # e.g. "SMS" to a landline number
        return _again(turn, updates)
    retries = turn.retries if step == turn.step else 0
    return Move({**updates, RESUME: None, PAUSED: None, RETRIES: retries}, step)


def _again(turn: Turn, updates: dict[str, Any] | None = None, topic: str | None = None) -> Move:
    """Ask the same question again, at most twice in a row; then end without storing."""
    if turn.retries >= MAX_RETRIES:
        return _end("unclear", topic=topic)
    step = turn.step
    assert step is not None
    cleared = {} if step == RESUME else {step: None}
    return Move({**cleared, **(updates or {}), RETRIES: turn.retries + 1}, step, topic=topic)


def _digress(turn: Turn, topic: str) -> Move:
    """Answer the other question, then ask whether to continue the request."""
    if turn.step == RESUME and turn.retries >= MAX_RETRIES:
        return _end("paused", topic=topic)
    step = turn.step
    assert step is not None
    paused = turn.slots.get(PAUSED) if step == RESUME else step
    retries = turn.retries + 1 if step == RESUME else 0
    cleared: dict[str, Any] = {} if step == RESUME else {step: None}
    return Move({**cleared, PAUSED: paused, RETRIES: retries, RESUME: None}, RESUME, topic=topic)


def _emergency(turn: Turn) -> Move:
    """The emergency answer at once; then the form goes on (the request becomes urgent)."""
    step = turn.slots.get(PAUSED) if turn.step == RESUME else turn.step
    resumed = replace(turn, step=step, slots={**turn.slots, RETRIES: 0})
    return _again(resumed, {PAUSED: None, RESUME: None}, topic=EMERGENCY_TOPIC)


def _resume(turn: Turn) -> Move:
    """A yes goes back to the question that was interrupted; an answer to it counts as one."""
    paused = turn.slots.get(PAUSED) or next_step(turn.slots)
    if turn.answer.details:
        return decide(replace(turn, step=paused, slots={**turn.slots, RETRIES: 0}))
    return Move({RESUME: None, PAUSED: None, RETRIES: 0}, paused)


def _without_method(turn: Turn) -> Turn:
    return replace(turn, answer=replace(turn.answer, method=None))


def decide(turn: Turn) -> Move:
    """The form's next move for one message at one step (`step` None: the form starts)."""
    if turn.step is None:  # "can someone call me?" asks for contact; only a number says how
        found = details(turn) if turn.answer.contact else details(_without_method(turn))
        return _proceed(turn, {**found, CONSENT: None})
    if turn.from_button and turn.intent == "forget_conversation":  # the widget's button
        return _end("forgotten")
    if turn.emergency and turn.step != DESCRIPTION:
        return _emergency(turn)
    if _wants_to_stop(turn):
        return _end("declined")
    if turn.step == RESUME and (turn.answer.details or turn.yes):
        return _resume(turn)
    updates = None if turn.step == RESUME else _fill(turn)
    if updates is None:
        topic = turn.digression
        if topic:
            return _digress(turn, topic)
        if turn.language_requested:
            return Move({turn.step: None} if turn.step != RESUME else {}, turn.step)
        return _again(turn)
    move = _proceed(turn, updates)
    if turn.emergency:  # the description says there is no roof tonight
        move.topic = EMERGENCY_TOPIC
    return move


# --- the validation action ---------------------------------------------------------------


def current_slots(tracker: Tracker) -> dict[str, Any]:
    return {slot: tracker.get_slot(slot) for slot in PERSONAL_SLOTS}


class ValidateHandoffForm(LocalizedAction):
    """Read each typed answer, fill what it gives, and choose the next question."""

    action_name = f"validate_{FORM}"

    def turn(self, tracker: Tracker, language: str) -> Turn:
        message = tracker.latest_message or {}
        intent = message.get("intent") or {}
        step = tracker.get_slot(REQUESTED_SLOT) if tracker.active_loop.get("name") else None
        name = intent.get("name")
        first = next(iter(ranking(message)), {})
        return Turn(
            step=step,
            answer=read_answer(message.get("text") or "", at_time_question=step == TIME),
            intent=name,
            confidence=float(intent.get("confidence") or 0),
            # The asked question's slot holds the raw message (from_text); it is read above.
            slots={**current_slots(tracker), **({step: None} if step else {})},
            conversation_language=language,
            counsellor_languages=self.context.counsellor_languages,
            content_topics=frozenset(self.context.content.topics()),
            language_requested=name == "change_language",
            ranked_first=first.get("name"),
            ranked_confidence=float(first.get("confidence") or 0),
            emergency_answered=EMERGENCY_TOPIC in topics_discussed(tracker),
        )

    async def respond(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, text: Translator
    ) -> EventList:
        move = decide(self.turn(tracker, text.language))
        events: EventList = []
        if move.topic and answer_with_article(dispatcher, self.context, move.topic, text):
            events.append(SlotSet(TOPIC_SLOT, move.topic))
        events += [SlotSet(slot, value) for slot, value in move.updates.items()]
        events.append(SlotSet(REQUESTED_SLOT, move.next_step))
        return events
