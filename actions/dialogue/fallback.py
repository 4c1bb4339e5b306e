"""When the bot is not sure what was meant: offer likely topics, then a counsellor."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.dialogue.advice import (
    OFFER_SLOT,
    answer_with_article,
    stay_in_topic,
    wants_a_person,
)
from actions.dialogue.base import EventList, LocalizedAction
from actions.dialogue.handoff_slots import FORM as HANDOFF_FORM
from actions.dialogue.history import TOPIC_SLOT
from actions.dialogue.payloads import intent_button
from actions.dialogue.smalltalk import greeting_or_goodbye, offer_accepted
from actions.i18n.catalog import Translator
from actions.language import looks_pasted
from actions.sections import clear_winner, rank_articles

MAX_SUGGESTIONS = 3
MIN_SUGGESTION_CONFIDENCE = 0.05
FALLBACK_ACTION = "action_default_fallback"
# Letters residents paste are Finnish, whatever language the conversation is in.
LETTER_LANGUAGE = "fi"


def previous_bot_action(tracker: Tracker) -> str | None:
    """The last action the bot ran before the current user message (not counting listening)."""
    seen_user_message = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            if seen_user_message:
                return None
            seen_user_message = True
        elif seen_user_message and event.get("event") == "action":
            name: str | None = event.get("name")
            if name not in ("action_listen", None):
                return name
    return None


class ActionNotUnderstood(LocalizedAction):
    """Rasa's fallback: suggest up to three topics as buttons; after a second miss, a person."""

    action_name = FALLBACK_ACTION

    def _likely_topics(self, tracker: Tracker, letter: str | None) -> list[str]:
        """The NLU's likely topics; for a pasted letter, the articles it shares most words with."""
        if letter:
            pasted = (tracker.latest_message or {}).get("text") or ""
            return rank_articles(self.context.content, pasted, letter)[:MAX_SUGGESTIONS]
        ranking: list[dict[str, Any]] = tracker.latest_message.get("intent_ranking") or []
        topics = self.context.content.topics()
        return [
            entry["name"]
            for entry in ranking
            if entry.get("name") in topics
            and entry.get("confidence", 0) >= MIN_SUGGESTION_CONFIDENCE
        ][:MAX_SUGGESTIONS]

    def _letter_language(self, tracker: Tracker) -> str | None:
        """The language of a letter pasted into the chat (letters are Finnish), or None."""
        pasted = (tracker.latest_message or {}).get("text") or ""
        if not looks_pasted(pasted):
            return None
        return self.context.languages.confident_language(pasted) or LETTER_LANGUAGE

    async def respond(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, text: Translator
    ) -> EventList:
        social = greeting_or_goodbye(tracker)
        if social is not None:
            return await social(self.context).respond(dispatcher, tracker, text)
        if wants_a_person(tracker) or offer_accepted(tracker):
            return [SlotSet(OFFER_SLOT, False), FollowupAction(HANDOFF_FORM)]
        letter = self._letter_language(tracker)
        pasted = (tracker.latest_message or {}).get("text") or ""
        letter_topic = clear_winner(self.context.content, pasted, letter) if letter else None
        if letter_topic and answer_with_article(dispatcher, self.context, letter_topic, text):
            return [SlotSet(TOPIC_SLOT, letter_topic)]
        section = stay_in_topic(tracker, self.context, text)
        if section is not None:  # an unclear follow-up stays in the current topic
            topic = tracker.get_slot(TOPIC_SLOT)
            answer_with_article(dispatcher, self.context, topic, text, section)
            return []
        return self.not_understood(dispatcher, tracker, text, letter)

    def not_understood(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        text: Translator,
        letter: str | None,
    ) -> EventList:
        # Translators: button that asks for a housing counsellor.
        counsellor = intent_button(text.gettext("handoff.button"), "human_handoff")
        if previous_bot_action(tracker) == FALLBACK_ACTION:
            # Translators: second message in a row not understood; a counsellor is offered next.
            dispatcher.utter_message(text=text.gettext("fallback.offer_counsellor"))
            return [FollowupAction(HANDOFF_FORM)]
        suggestions = [
            intent_button(article.title, topic)
            for topic in self._likely_topics(tracker, letter)
            if (article := self.context.content.get(topic, text.language)) is not None
        ]
        if suggestions:
            # Translators: the bot is unsure; topic buttons and a counsellor button follow.
            message = text.gettext("fallback.suggest_topics")
        else:
            # Translators: the bot did not understand; asks to rephrase and offers a person.
            message = text.gettext("fallback.not_understood")
        dispatcher.utter_message(text=message, buttons=[*suggestions, counsellor])
        return []
