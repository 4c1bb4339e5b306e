"""Answer a housing question with the curated article for the recognised topic.

The first question on a topic gets the article's short chat answer. A follow-up on the topic
just answered ("entä jos vuokranantaja ei vastaa?") gets the section of the article that is
about it, not the same summary again; an unsure prediction of another topic stays in the current
one when the current topic is among the likely ones.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.content import Article
from actions.dialogue.base import EventList, LocalizedAction
from actions.dialogue.context import DialogueContext
from actions.dialogue.handoff_slots import FORM
from actions.dialogue.history import TOPIC_SLOT, intents_ranked
from actions.dialogue.payloads import article_payload, intent_button, yes_no_buttons
from actions.dialogue.second_question import second_topic
from actions.handoff.answers import asks_for_a_person, sounds_like_a_follow_up
from actions.i18n import formatting
from actions.i18n.catalog import Translator
from actions.language import looks_pasted
from actions.sections import Section, best_section, clear_section
from actions.topics import NEVER_OVERRIDDEN, OFFER_COUNSELLOR_AFTER

OFFER_SLOT = "handoff_offered"
MAX_RELATED_BUTTONS = 2
# A prediction of another topic below this confidence stays in the current topic when the
# current topic is among the NLU's `LIKELY` first guesses.
STAY_BELOW_CONFIDENCE = 0.6
FOLLOW_UP_BELOW_CONFIDENCE = 0.8
LIKELY = 3
# A topic question that ranks the hand-off second at least this high also asks for a person.
HANDOFF_INTENT = "human_handoff"
ALSO_ASKED = 0.2


def _review_note(article: Article, text: Translator) -> str:
    # Translators: shown under every answer; {date} is the article's review date.
    return text.gettext("article.reviewed", date=formatting.day(article.reviewed, text.language))


def _buttons(context: DialogueContext, article: Article, text: Translator) -> list[dict[str, str]]:
    # Translators: button under an answer that shows the whole article.
    buttons = [intent_button(text.gettext("article.read_more"), "read_more")]
    for related_id in article.related[:MAX_RELATED_BUTTONS]:
        related = context.content.get(related_id, text.language)
        if related is not None:
            buttons.append(intent_button(related.title, related_id))
    return buttons


def answer_with_article(
    dispatcher: CollectingDispatcher,
    context: DialogueContext,
    topic: str,
    text: Translator,
    section: Section | None = None,
) -> bool:
    """Send the article's short answer (or one `section`) and its `article` payload.

    False when the topic has no article in this language.
    """
    article = context.content.get(topic, text.language)
    if article is None:
        # Translators: a topic was recognised but has no article yet; offers a counsellor.
        dispatcher.utter_message(text=text.gettext("advice.no_article"))
        return False
    payload = article_payload(article)
    if section is not None:
        payload["section"] = section.heading
    dispatcher.utter_message(
        text=f"{section.markdown if section else article.lead}\n\n{_review_note(article, text)}",
        buttons=_buttons(context, article, text),
        json_message=payload,
    )
    return True


def follow_up_section(
    context: DialogueContext, topic: str, question: str, text: Translator, *, sure: bool
) -> Section | None:
    """The section of `topic`'s article about `question`.

    `sure`: the question is known to be about this topic, so the best section is taken even on
    a weak match; otherwise only a clear match counts.
    """
    article = context.content.get(topic, text.language)
    found = best_section(article, question, minimum=0.0 if sure else None) if article else None
    return found[0] if found else None


def wants_a_person(tracker: Tracker) -> bool:
    """The message also asks for a counsellor: in so many words ("can i speak with someone?"),
    or the NLU ranks the hand-off among its first two guesses, not far below."""
    message = tracker.latest_message or {}
    ranking = message.get("intent_ranking") or []
    return asks_for_a_person(message.get("text") or "") or any(
        entry.get("name") == HANDOFF_INTENT and float(entry.get("confidence") or 0) >= ALSO_ASKED
        for entry in ranking[:2]
    )


def stay_in_topic(tracker: Tracker, context: DialogueContext, text: Translator) -> Section | None:
    """For a message the NLU is unsure of: the section of the current topic's article it is
    about. Any word in common will do when the NLU still ranks the current topic among its
    first guesses; otherwise the match must be clear."""
    topic = tracker.get_slot(TOPIC_SLOT)
    message = tracker.latest_message or {}
    question = message.get("text") or ""
    if not topic or question.startswith("/") or looks_pasted(question):
        return None
    likely = topic in _ranked(message) or sounds_like_a_follow_up(question)
    return follow_up_section(context, topic, question, text, sure=likely)


def _ranked(message: dict[str, Any]) -> list[str]:
    return intents_ranked(message)[:LIKELY]


def answered_topic(tracker: Tracker) -> str:
    """The topic to answer: the NLU's, unless it is unsure and the current topic is likely.

    Unsure means below `STAY_BELOW_CONFIDENCE`, or below `FOLLOW_UP_BELOW_CONFIDENCE` when the
    message sounds like a follow-up ("and if he still doesn't pay?", "وهل المؤجر يكدر...").
    """
    message = tracker.latest_message or {}
    intent = message.get("intent") or {}
    topic: str = intent.get("name", "")
    current = tracker.get_slot(TOPIC_SLOT)
    if not current or topic == current or topic in NEVER_OVERRIDDEN:
        return topic
    confidence = float(intent.get("confidence") or 0)
    follow_up = sounds_like_a_follow_up(message.get("text") or "")
    unsure = confidence < (FOLLOW_UP_BELOW_CONFIDENCE if follow_up else STAY_BELOW_CONFIDENCE)
    return str(current) if unsure and current in _ranked(message) else topic


class ActionAnswerTopic(LocalizedAction):
    """Answer the recognised topic; a follow-up on the same topic from its best section."""

    action_name = "action_answer_topic"

    def _section(
        self, topic: str, question: str, text: Translator, *, follow_up: bool
    ) -> Section | None:
        """The section to answer with: a follow-up's best one, or one a first question is
        plainly about (never instead of the urgent answers, which say what to do today)."""
        if question.startswith("/"):
            return None
        if follow_up:
            return follow_up_section(self.context, topic, question, text, sure=True)
        article = self.context.content.get(topic, text.language)
        if article is None or topic in OFFER_COUNSELLOR_AFTER:
            return None
        return clear_section(article, question)

    def _answer_second_question(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, topic: str, text: Translator
    ) -> None:
        """ "How do I pay the rent? And what is the deposit?": the deposit is answered too."""
        message = tracker.latest_message or {}
        second = second_topic(self.context.content, message, topic, text.language)
        article = self.context.content.get(second, text.language) if second else None
        if second is None or article is None:
            return
        # Translators: introduces the answer to a second question asked in the same message.
        dispatcher.utter_message(text=text.gettext("advice.second_question", title=article.title))
        answer_with_article(dispatcher, self.context, second, text)

    async def respond(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, text: Translator
    ) -> EventList:
        topic = answered_topic(tracker)
        # The emergency answer always opens with 112: never a section of it instead.
        follow_up = topic == tracker.get_slot(TOPIC_SLOT) and topic not in NEVER_OVERRIDDEN
        question = (tracker.latest_message or {}).get("text") or ""
        section = self._section(topic, question, text, follow_up=follow_up)
        if not answer_with_article(dispatcher, self.context, topic, text, section):
            return []
        if not question.startswith("/"):
            self._answer_second_question(dispatcher, tracker, topic, text)
        if follow_up:
            return []
        if wants_a_person(tracker):  # "I want to talk to a counsellor, I have rent arrears"
            return [SlotSet(TOPIC_SLOT, topic), SlotSet(OFFER_SLOT, False), FollowupAction(FORM)]
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
        # The whole article ends with where to go next: related topics or a person.
        buttons = [
            intent_button(related.title, related.id)
            for related in filter(
                None, (self.context.content.get(r, text.language) for r in article.related)
            )
        ][:MAX_RELATED_BUTTONS]
        buttons.append(intent_button(text.gettext("handoff.button"), HANDOFF_INTENT))
        # Translators: after the whole article; buttons follow (related topics, a counsellor).
        dispatcher.utter_message(text=text.gettext("article.next_step"), buttons=buttons)
        return []
