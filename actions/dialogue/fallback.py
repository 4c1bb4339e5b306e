"""When the bot is not sure what was meant: offer likely topics, then a counsellor."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import FollowupAction
from rasa_sdk.executor import CollectingDispatcher

from actions.dialogue.base import EventList, LocalizedAction
from actions.dialogue.handoff_form import FORM as HANDOFF_FORM
from actions.dialogue.payloads import intent_button
from actions.i18n.catalog import Translator

MAX_SUGGESTIONS = 3
MIN_SUGGESTION_CONFIDENCE = 0.05
FALLBACK_ACTION = "action_default_fallback"


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

    def _likely_topics(self, tracker: Tracker) -> list[str]:
        ranking: list[dict[str, Any]] = tracker.latest_message.get("intent_ranking") or []
        topics = self.context.content.topics()
        return [
            entry["name"]
            for entry in ranking
            if entry.get("name") in topics
            and entry.get("confidence", 0) >= MIN_SUGGESTION_CONFIDENCE
        ][:MAX_SUGGESTIONS]

    async def respond(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, text: Translator
    ) -> EventList:
        # Translators: button that asks for a housing counsellor.
        counsellor = intent_button(text.gettext("handoff.button"), "human_handoff")
        if previous_bot_action(tracker) == FALLBACK_ACTION:
            # Translators: second message in a row not understood; a counsellor is offered next.
            dispatcher.utter_message(text=text.gettext("fallback.offer_counsellor"))
            return [FollowupAction(HANDOFF_FORM)]
        suggestions = [
            intent_button(article.title, topic)
            for topic in self._likely_topics(tracker)
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
