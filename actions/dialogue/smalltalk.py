"""Short replies: greeting, thanks, goodbye, "are you a bot?", off-topic, yes/no."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.dialogue.advice import OFFER_SLOT
from actions.dialogue.base import EventList, LocalizedAction, SingleReplyAction
from actions.dialogue.handoff_form import FORM as HANDOFF_FORM
from actions.i18n.catalog import N_, Translator


class ActionGreet(SingleReplyAction):
    """Greet and say what the bot can help with."""

    action_name = "action_greet"
    # Translators: first message of a conversation; says what the bot helps with.
    message_key = N_("greet.welcome")


class ActionThanks(SingleReplyAction):
    action_name = "action_thanks"
    # Translators: reply to "thank you"; invites a further question.
    message_key = N_("thanks.reply")


class ActionGoodbye(SingleReplyAction):
    """Say goodbye; but a conversation cannot start with one ("moi" is hello and bye)."""

    action_name = "action_goodbye"
    # Translators: reply to goodbye; says the resident can come back.
    message_key = N_("goodbye.reply")

    async def respond(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, text: Translator
    ) -> EventList:
        if not any(event.get("event") == "bot" for event in tracker.events):
            dispatcher.utter_message(text=text.gettext(ActionGreet.message_key))
            return []
        return await super().respond(dispatcher, tracker, text)


class ActionBotChallenge(SingleReplyAction):
    """Say honestly that this is a bot, and how to reach a person."""

    action_name = "action_bot_challenge"
    # Translators: reply to "are you a bot?"; honest, and says how to reach a person.
    message_key = N_("bot.challenge")


class ActionOutOfScope(SingleReplyAction):
    """Decline politely and list what the bot can help with."""

    action_name = "action_out_of_scope"
    # Translators: the question is outside housing; lists the topics the bot covers.
    message_key = N_("out_of_scope.reply")


class ActionYesNo(LocalizedAction):
    """A yes after a counsellor offer starts the hand-off form; otherwise acknowledge."""

    action_name = "action_yes_no"

    async def respond(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, text: Translator
    ) -> EventList:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if tracker.get_slot(OFFER_SLOT) and intent == "affirm":
            return [SlotSet(OFFER_SLOT, False), FollowupAction(HANDOFF_FORM)]
        # Translators: reply to a yes/no when nothing was asked; invites a question.
        dispatcher.utter_message(text=text.gettext("acknowledge.reply"))
        return [SlotSet(OFFER_SLOT, False)]
