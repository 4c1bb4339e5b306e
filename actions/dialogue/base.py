"""The base of all our actions: resolve the conversation language, then answer in it."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.dialogue.companion import companion_language, companion_payload
from actions.dialogue.context import DialogueContext
from actions.dialogue.payloads import language_payload
from actions.i18n.catalog import Translator
from actions.language import same_script, supported_language

LANGUAGE_SLOT = "language"
CHANGE_LANGUAGE_INTENT = "change_language"
FALLBACK_INTENT = "nlu_fallback"
# Set in the parse result by the NLU tokenizer (bot/addons/normalizing_tokenizer.py).
ARABIZI_KEY = "arabizi"
EventList = list[dict[str, Any]]


def conversation_language(tracker: Tracker, context: DialogueContext) -> str:
    """Decide the language of this turn's answer.

    Order: an explicit request ("puhu suomea"), a message confidently in another of our
    languages, the language already set (from client metadata at session start), the default.
    """
    message = tracker.latest_message or {}
    if (message.get("intent") or {}).get("name") == CHANGE_LANGUAGE_INTENT:
        requested = supported_language(next(tracker.get_latest_entity_values("language"), None))
        if requested:
            return requested
    current = supported_language(tracker.get_slot(LANGUAGE_SLOT)) or supported_language(
        (message.get("metadata") or {}).get("language")
    )
    text = message.get("text") or ""
    arabizi = message.get(ARABIZI_KEY) is True
    detected = None if text.startswith("/") else context.languages.confident_language(text, arabizi)
    understood = (message.get("intent") or {}).get("name") != FALLBACK_INTENT
    if detected and current and not understood and same_script(detected, current):
        # Nonsense is "confidently" Finnish or English to a detector; only a change of script
        # (Arabic <-> Latin) is trusted when the message itself was not understood.
        detected = None
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
