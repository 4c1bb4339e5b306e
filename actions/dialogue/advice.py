"""Answer a housing question with the curated article for the recognised topic."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.content import Article
from actions.dialogue.base import EventList, LocalizedAction
from actions.dialogue.payloads import article_payload, intent_button, yes_no_buttons
from actions.i18n import formatting
from actions.i18n.catalog import Translator

TOPIC_SLOT = "topic"
OFFER_SLOT = "handoff_offered"
MAX_RELATED_BUTTONS = 2
# After these answers the bot offers a counsellor straight away (the article comes first).
OFFER_COUNSELLOR_AFTER = {"eviction", "rent_arrears", "homeless_emergency"}


def _review_note(article: Article, text: Translator) -> str:
    # Translators: shown under every answer; {date} is the article's review date.
    return text.gettext("article.reviewed", date=formatting.day(article.reviewed, text.language))


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
        # Translators: button under an answer that shows the whole article.
        buttons = [intent_button(text.gettext("article.read_more"), "read_more")]
        for related_id in article.related[:MAX_RELATED_BUTTONS]:
            related = self.context.content.get(related_id, text.language)
            if related is not None:
                buttons.append(intent_button(related.title, related_id))
        dispatcher.utter_message(
            text=f"{article.lead}\n\n{_review_note(article, text)}",
            buttons=buttons,
            json_message=article_payload(article),
        )
        offer = topic in OFFER_COUNSELLOR_AFTER
        if offer:
            # Translators: offered after eviction, rent arrears and emergency answers.
            dispatcher.utter_message(
                text=text.gettext("handoff.offer"), buttons=yes_no_buttons(text)
            )
        return [SlotSet(TOPIC_SLOT, topic), SlotSet(OFFER_SLOT, offer)]


class ActionReadMore(LocalizedAction):
    """Send the full text of the article last answered, in the current language."""

    action_name = "action_read_more"

    async def respond(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, text: Translator
    ) -> EventList:
        topic = tracker.get_slot(TOPIC_SLOT)
        article = self.context.content.get(topic, text.language) if topic else None
        if article is None:
            # Translators: "read more" was asked before any topic was discussed.
            dispatcher.utter_message(text=text.gettext("article.nothing_to_expand"))
            return []
        dispatcher.utter_message(
            text=f"{article.details}\n\n{_review_note(article, text)}",
            json_message=article_payload(article, full_text=True),
        )
        return []
