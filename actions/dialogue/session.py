"""Session start: take the conversation language from the client's metadata."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.dialogue.base import LANGUAGE_SLOT, EventList
from actions.dialogue.context import DialogueContext
from actions.language import supported_language

SESSION_METADATA_SLOT = "session_started_metadata"


class ActionSessionStart(Action):  # type: ignore[misc]
    """Start a session with the language the client asked for (REST/socket.io `metadata`)."""

    def __init__(self, context: DialogueContext) -> None:
        self.context = context

    def name(self) -> str:
        return "action_session_start"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> EventList:
        metadata = tracker.get_slot(SESSION_METADATA_SLOT) or {}
        language = supported_language(metadata.get("language")) or supported_language(
            tracker.get_slot(LANGUAGE_SLOT)
        )
        events: EventList = [SessionStarted()]
        if language:
            events.append(SlotSet(LANGUAGE_SLOT, language))
        events.append(ActionExecuted("action_listen"))
        return events
