"""Answer a housing question with the curated article for the recognised topic."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.dialogue.base import EventList, LocalizedAction
from actions.dialogue.payloads import article_payload
from actions.i18n.catalog import Translator

TOPIC_SLOT = "topic"


class ActionAnswerTopic(LocalizedAction):
    """Send the article's short chat answer plus its `article` payload; the intent is the topic."""

    action_name = "action_answer_topic"

    async def respond(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, text: Translator
    ) -> EventList:
        topic = (tracker.latest_message.get("intent") or {}).get("name", "")
        article = self.context.content.get(topic, text.language)
        if article is None:
            # Translators: a topic was recognised but has no article yet; offers a counsellor.
            dispatcher.utter_message(text=text.gettext("advice.no_article"))
            return []
        dispatcher.utter_message(text=article.lead, json_message=article_payload(article))
        return [SlotSet(TOPIC_SLOT, topic)]
