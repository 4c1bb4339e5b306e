"""Greeting, thanks, goodbye and not-understood replies: short interface text from the catalog."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.dialogue.base import EventList, LocalizedAction
from actions.i18n.catalog import Translator


class ActionGreet(LocalizedAction):
    """Greet and say what the bot can help with."""

    action_name = "action_greet"

    async def respond(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, text: Translator
    ) -> EventList:
        # Translators: first message of a conversation; says what the bot helps with.
        dispatcher.utter_message(text=text.gettext("greet.welcome"))
        return []


class ActionThanks(LocalizedAction):
    """Answer a thank-you."""

    action_name = "action_thanks"

    async def respond(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, text: Translator
    ) -> EventList:
        # Translators: reply to "thank you"; invites a further question.
        dispatcher.utter_message(text=text.gettext("thanks.reply"))
        return []


class ActionGoodbye(LocalizedAction):
    """Say goodbye and where help is if the worry comes back."""

    action_name = "action_goodbye"

    async def respond(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, text: Translator
    ) -> EventList:
        # Translators: reply to goodbye.
        dispatcher.utter_message(text=text.gettext("goodbye.reply"))
        return []


class ActionNotUnderstood(LocalizedAction):
    """Say the question was not understood and offer a counsellor (Rasa's fallback action)."""

    action_name = "action_default_fallback"

    async def respond(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, text: Translator
    ) -> EventList:
        # Translators: the bot did not understand; asks to rephrase and offers a person.
        dispatcher.utter_message(text=text.gettext("fallback.not_understood"))
        return []
