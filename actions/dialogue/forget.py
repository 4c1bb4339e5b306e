"""Forget the conversation: delete this resident's tickets here; Rasa's store drops the tracker."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from starlette.concurrency import run_in_threadpool

from actions.dialogue.base import EventList, LocalizedAction
from actions.i18n.catalog import Translator
from actions.privacy.purge import forget_conversation


class ActionForgetConversation(LocalizedAction):
    """Delete the tickets of this conversation; the forgetting tracker store deletes the rest."""

    action_name = "action_forget_conversation"

    async def respond(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, text: Translator
    ) -> EventList:
        await run_in_threadpool(forget_conversation, self.context.sessions, tracker.sender_id)
        # Translators: the conversation and any request made in it were deleted.
        dispatcher.utter_message(text=text.gettext("forget.done"))
        return []

    async def mirror(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        text: Translator,
        answer: list[dict[str, Any]],
    ) -> None:
        dispatcher.utter_message(text=text.gettext("forget.done"))
