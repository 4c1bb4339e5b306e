"""Short replies: greeting, thanks, goodbye, "are you a bot?", off-topic, yes/no."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.dialogue.advice import OFFER_SLOT, answer_with_article, stay_in_topic
from actions.dialogue.base import EventList, LocalizedAction, SingleReplyAction
from actions.dialogue.handoff_slots import FORM as HANDOFF_FORM
from actions.dialogue.history import TOPIC_SLOT, ranking
from actions.handoff.answers import read_answer
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


def conversation_started(tracker: Tracker) -> bool:
    """Has the bot said anything yet in this conversation?"""
    return any(event.get("event") == "bot" for event in tracker.events)


class ActionGoodbye(SingleReplyAction):
    """Say goodbye; but a conversation cannot start with one ("moi" is hello and bye)."""

    action_name = "action_goodbye"
    # Translators: reply to goodbye; says the resident can come back.
    message_key = N_("goodbye.reply")

    async def respond(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, text: Translator
    ) -> EventList:
        if not conversation_started(tracker):
            dispatcher.utter_message(text=text.gettext(ActionGreet.message_key))
            return []
        return await super().respond(dispatcher, tracker, text)


SOCIAL_INTENTS = ("greet", "goodbye")
# "Moi", "moi moi", "Moikka!": a short message the NLU gives mostly to hello and bye together.
SOCIAL_WORDS = 3
SOCIAL_SHARE = 0.6
# Above this confidence the NLU's small-talk intent is believed, follow-up or not.
SURE = 0.8


def greeting_or_goodbye(tracker: Tracker) -> type[SingleReplyAction] | None:
    """For a message the NLU could not decide between hello and bye ("Moi", "Moikka").

    At the start of a conversation it is a greeting; later it is a goodbye.
    """
    message = tracker.latest_message or {}
    ranked = ranking(message)[:2]
    if len((message.get("text") or "").split()) > SOCIAL_WORDS or len(ranked) < 2:
        return None
    social = [entry for entry in ranked if entry["name"] in SOCIAL_INTENTS]
    if len(social) < 2 or sum(float(e.get("confidence") or 0) for e in social) < SOCIAL_SHARE:
        return None
    return ActionGoodbye if conversation_started(tracker) else ActionGreet


class StaysInTopicReply(SingleReplyAction):
    """A short reply for an intent the NLU often mistakes a follow-up for: a follow-up on the
    topic just answered ("pitääks mun ite ostaa uus uuni?") gets that topic's section instead."""

    async def respond(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, text: Translator
    ) -> EventList:
        unsure = float(((tracker.latest_message or {}).get("intent") or {}).get("confidence") or 0)
        section = stay_in_topic(tracker, self.context, text) if unsure < SURE else None
        if section is not None:
            topic = tracker.get_slot(TOPIC_SLOT)
            answer_with_article(dispatcher, self.context, topic, text, section)
            return []
        return await super().respond(dispatcher, tracker, text)


class ActionBotChallenge(StaysInTopicReply):
    """Say honestly that this is a bot, and how to reach a person."""

    action_name = "action_bot_challenge"
    # Translators: reply to "are you a bot?"; honest, and says how to reach a person.
    message_key = N_("bot.challenge")


class ActionOutOfScope(StaysInTopicReply):
    """Decline politely and list what the bot can help with."""

    action_name = "action_out_of_scope"
    # Translators: the question is outside housing; lists the topics the bot covers.
    message_key = N_("out_of_scope.reply")


def offer_accepted(tracker: Tracker) -> bool:
    """A typed yes ("اي والله ياريت") to the counsellor offer that the NLU did not catch."""
    if not tracker.get_slot(OFFER_SLOT):
        return False
    answer = read_answer((tracker.latest_message or {}).get("text") or "")
    return answer.yes and not answer.no and answer.cancel_at is None


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
