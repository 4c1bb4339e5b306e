"""The base of all our actions: resolve the conversation language, then answer in it."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.dialogue.companion import companion_language, companion_payload
from actions.dialogue.context import DialogueContext
from actions.dialogue.handoff_slots import LANGUAGE
from actions.dialogue.history import FALLBACK_INTENT, question_answered
from actions.dialogue.payloads import language_payload
from actions.i18n.catalog import Translator
from actions.language import supported_language
from actions.language_names import named_languages

LANGUAGE_SLOT = "language"
CHANGE_LANGUAGE_INTENT = "change_language"
# Set in the parse result by the NLU tokenizer (bot/addons/normalizing_tokenizer.py).
ARABIZI_KEY = "arabizi"
EventList = list[dict[str, Any]]


def requested_language(tracker: Tracker) -> str | None:
    """The language the resident asked for ("puhu suomea", "بدي احكي انجليزي"), if any."""
    message = tracker.latest_message or {}
    if (message.get("intent") or {}).get("name") != CHANGE_LANGUAGE_INTENT:
        return None
    if question_answered(tracker) == LANGUAGE:
        return None  # "arabia" answers the hand-off's question about the contact language
    named = [next(tracker.get_latest_entity_values("language"), None)]
    named += named_languages(message.get("text") or "")
    return next((code for code in map(supported_language, named) if code), None)


def conversation_language(tracker: Tracker, context: DialogueContext) -> str:
    """Decide the language of this turn's answer.

    Order: an explicit request ("puhu suomea"), a message confidently in another of our
    languages, the language already set (from client metadata at session start), the default.
    In an orientation session (a second language shown beside the first) only a request
    changes it: the facilitator types in their own language.
    """
    requested = requested_language(tracker)
    if requested:
        return requested
    message = tracker.latest_message or {}
    current = supported_language(tracker.get_slot(LANGUAGE_SLOT)) or supported_language(
        (message.get("metadata") or {}).get("language")
    )
    text = message.get("text") or ""
    if text.startswith("/") or companion_language(tracker, current or ""):
        return current or context.default_language
    detected = context.languages.switch_to(
        text,
        current,
        arabizi=message.get(ARABIZI_KEY) is True,
        understood=(message.get("intent") or {}).get("name") != FALLBACK_INTENT,
    )
    return detected or current or context.default_language


class LocalizedAction(Action):  # type: ignore[misc]
    """Subclasses implement `respond`; the language slot is kept in step automatically."""

    action_name = ""

    def __init__(self, context: DialogueContext) -> None:
        self.context = context

    def name(self) -> str:
        return self.action_name

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> EventList:
        language = conversation_language(tracker, self.context)
        events = await self.respond(dispatcher, tracker, Translator(language))
        companion = companion_language(tracker, language)
        if companion:
            mirror = CollectingDispatcher()
            await self.mirror(mirror, tracker, Translator(companion), dispatcher.messages)
            if mirror.messages:
                dispatcher.utter_message(json_message=companion_payload(companion, mirror.messages))
        if tracker.get_slot(LANGUAGE_SLOT) != language:
            # Clients lay out the answer (direction, interface language) before rendering it.
            dispatcher.utter_message(json_message=language_payload(language))
            dispatcher.messages.insert(0, dispatcher.messages.pop())
            events = [SlotSet(LANGUAGE_SLOT, language), *events]
        return events

    async def respond(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, text: Translator
    ) -> EventList:
        raise NotImplementedError

    async def mirror(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        text: Translator,
        answer: list[dict[str, Any]],
    ) -> None:
        """Render this turn's `answer` again in `text.language` for an orientation session.

        The default re-runs `respond`, which suits every action whose answer has no side
        effects; actions that store or delete data override this and only render.
        """
        await self.respond(dispatcher, tracker, text)


class SingleReplyAction(LocalizedAction):
    """Reply with one catalog message (and optional buttons), in the conversation's language."""

    message_key = ""

    def buttons(self, tracker: Tracker, text: Translator) -> list[dict[str, str]]:
        return []

    async def respond(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, text: Translator
    ) -> EventList:
        dispatcher.utter_message(
            text=text.gettext(self.message_key), buttons=self.buttons(tracker, text)
        )
        return []
