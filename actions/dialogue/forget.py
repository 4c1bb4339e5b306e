"""Forget the conversation: delete this resident's tickets here; Rasa's store drops the tracker."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from starlette.concurrency import run_in_threadpool

from actions.dialogue.base import EventList, LocalizedAction
from actions.dialogue.context import DialogueContext
from actions.handoff.answers import names_the_conversation
from actions.i18n.catalog import Translator
from actions.privacy.purge import forget_conversation

# Set in the turn that really forgets: the tracker store then deletes the conversation
# (bot/addons/forgetting_tracker_store.py reads the same name).
FORGET_SLOT = "conversation_forgotten"


def really_asked_to_forget(tracker: Tracker) -> bool:
    """The widget's button, or a typed request that names the conversation ("delete my data").

    A typed "no, forget it" means "never mind" and must never delete anything.
    """
    text = (tracker.latest_message or {}).get("text") or ""
    return text.startswith("/") or names_the_conversation(text)


async def forget_everything(
    context: DialogueContext, dispatcher: CollectingDispatcher, tracker: Tracker, text: Translator
) -> None:
    """Delete the conversation's tickets and say so; the tracker store deletes the tracker when
    it sees this turn (bot/addons/forgetting_tracker_store.py)."""
    await run_in_threadpool(forget_conversation, context.sessions, tracker.sender_id)
    # Translators: the conversation and any request made in it were deleted.
    dispatcher.utter_message(text=text.gettext("forget.done"))


class ActionForgetConversation(LocalizedAction):
    """Delete the tickets of this conversation; the forgetting tracker store deletes the rest."""

    action_name = "action_forget_conversation"

    async def respond(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, text: Translator
    ) -> EventList:
        if not really_asked_to_forget(tracker):
            # Translators: reply to a yes/no when nothing was asked; invites a question.
            dispatcher.utter_message(text=text.gettext("acknowledge.reply"))
            return []
        await forget_everything(self.context, dispatcher, tracker, text)
        return [SlotSet(FORGET_SLOT, True)]

    async def mirror(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        text: Translator,
        answer: list[dict[str, Any]],
    ) -> None:
        key = "forget.done" if really_asked_to_forget(tracker) else "acknowledge.reply"
        dispatcher.utter_message(text=text.gettext(key))
