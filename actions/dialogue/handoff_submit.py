"""After the hand-off form: store the consented ticket, or give the service's own contacts."""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError
from starlette.concurrency import run_in_threadpool

from actions.dialogue.advice import OFFER_SLOT
from actions.dialogue.base import EventList, LocalizedAction
from actions.dialogue.forget import FORGET_SLOT, forget_everything
from actions.dialogue.handoff_slots import (
    CONSENT,
    DESCRIPTION,
    EXIT,
    FORM,
    INTERPRETER,
    LANGUAGE,
    METHOD,
    PERIOD,
    TIME,
    VALUE,
    clear_personal_slots,
)
from actions.dialogue.history import topics_mentioned, transcript, user_texts
from actions.dialogue.payloads import handoff_ended_payload, ticket_payload
from actions.extraction.facts import Facts, extract_facts
from actions.handoff.urgency import derive_urgency
from actions.i18n import formatting
from actions.i18n.catalog import N_, Translator
from actions.i18n.formatting import SERVICE_TIME_ZONE
from actions.services.tickets import TicketRequest, create_ticket
from actions.settings import SUPPORTED_LANGUAGES

logger = logging.getLogger(__name__)
# Why the form ended without a request (handoff_form.py) -> what the resident is told.
# Translators: the hand-off ended without storing anything; each gives the direct contacts.
FORGOTTEN = "forgotten"
ENDED_KEYS = {
    "declined": N_("handoff.declined"),
    "unclear": N_("handoff.gave_up"),
    "paused": N_("handoff.paused"),
}


def submission_key(tracker: Tracker) -> str | None:
    """Identify this run of the hand-off form: the time it was activated.

    Rasa retries a turn whose action call failed (bot/addons/resilient_channels.py); the key lets
    `create_ticket` return the ticket a first, interrupted submit already stored.
    """
    for event in reversed(tracker.events):
        if event.get("event") == "active_loop" and event.get("name") == FORM:
            timestamp = event.get("timestamp")
            return None if timestamp is None else f"{FORM}@{timestamp!r}"
    return None


def facts_of(texts: list[str], today: Any) -> Facts:
    """Deadlines and amounts from every message, read with each language's rules (mixed chats)."""
    facts = Facts()
    for text in texts:
        for language in SUPPORTED_LANGUAGES:
            facts = facts.merge(extract_facts(text, language, today))
    return facts


def ticket_confirmation(
    text: Translator, reference: str, urgency: str, contact_by: datetime | None
) -> str:
    """The resident's confirmation: the reference and when to expect contact."""
    when = formatting.moment(contact_by, text.language) if contact_by else ""
    if urgency == "emergency":
        # Translators: urgent ticket; {reference}, {contact_by}; repeats the emergency numbers.
        return text.gettext("handoff.created_urgent", reference=reference, contact_by=when)
    # Translators: ticket made; {reference} is its code, {contact_by} when to expect a call.
    return text.gettext("handoff.created", reference=reference, contact_by=when)


class ActionSubmitHandoff(LocalizedAction):
    """Create the ticket with consent and say when to expect contact; otherwise store nothing."""

    action_name = "action_handoff_submit"

    def ticket_request(self, tracker: Tracker, language: str) -> TicketRequest:
        now = datetime.now(timezone.utc)
        texts = user_texts(tracker)
        facts = facts_of(texts, now.astimezone(SERVICE_TIME_ZONE).date())
        topics = topics_mentioned(tracker, frozenset(self.context.content.topics()))
        urgency, reasons = derive_urgency(
            topics, facts, texts, now.astimezone(SERVICE_TIME_ZONE).date()
        )
        return TicketRequest(
            conversation_id=tracker.sender_id,
            language=language,
            topic=topics[-1] if topics else None,
            topics=topics,
            urgency=urgency,
            urgency_reasons=reasons,
            deadlines=[d.isoformat() for d in facts.deadlines],
            amounts=[str(a) for a in facts.amounts],
            arrears_months=facts.arrears_months,
            contact_method=tracker.get_slot(METHOD),
            contact_value=tracker.get_slot(VALUE),
            preferred_language=tracker.get_slot(LANGUAGE),
            interpreter_language=tracker.get_slot(INTERPRETER) or None,
            preferred_time=tracker.get_slot(TIME),
            preferred_period=tracker.get_slot(PERIOD),
            description=tracker.get_slot(DESCRIPTION) or None,
            transcript=transcript(tracker),
            contact_by=self.context.office_hours.contact_by(now, self.context.contact_within_hours),
            submission_key=submission_key(tracker),
        )

    @staticmethod
    def say_ended(dispatcher: CollectingDispatcher, tracker: Tracker, text: Translator) -> None:
        """Nothing was stored: say so, why, and give the service's own contacts."""
        reason = tracker.get_slot(EXIT) if tracker.get_slot(EXIT) in ENDED_KEYS else "declined"
        dispatcher.utter_message(
            text=text.gettext(ENDED_KEYS[reason]), json_message=handoff_ended_payload(reason)
        )

    async def respond(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, text: Translator
    ) -> EventList:
        done = [*clear_personal_slots(), SlotSet(OFFER_SLOT, False)]
        if tracker.get_slot(EXIT) == FORGOTTEN:  # "Forget this conversation" inside the form
            await forget_everything(self.context, dispatcher, tracker, text)
            return [*done, SlotSet(FORGET_SLOT, True)]
        if tracker.get_slot(CONSENT) is not True:
            self.say_ended(dispatcher, tracker, text)
            return done
        request = self.ticket_request(tracker, text.language)
        try:
            ticket = await run_in_threadpool(create_ticket, self.context.sessions, request)
        except SQLAlchemyError:
            logger.exception("could not store a hand-off ticket")
            # Translators: the ticket could not be stored; gives the service's direct contacts.
            dispatcher.utter_message(text=text.gettext("handoff.unavailable"))
            return done
        message = ticket_confirmation(
            text, ticket.reference, ticket.urgency.value, ticket.contact_by
        )
        dispatcher.utter_message(text=message, json_message=ticket_payload(ticket))
        return done

    async def mirror(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        text: Translator,
        answer: list[dict[str, Any]],
    ) -> None:
        """Render the outcome in a second language from the answer, never storing twice."""
        ticket = next(
            (m["custom"] for m in answer if (m.get("custom") or {}).get("type") == "ticket"), None
        )
        if tracker.get_slot(EXIT) == FORGOTTEN:
            dispatcher.utter_message(text=text.gettext("forget.done"))
        elif tracker.get_slot(CONSENT) is not True:
            self.say_ended(dispatcher, tracker, text)
        elif ticket is None:
            dispatcher.utter_message(text=text.gettext("handoff.unavailable"))
        else:
            contact_by = ticket["contact_by"]
            message = ticket_confirmation(
                text,
                ticket["reference"],
                ticket["urgency"],
                datetime.fromisoformat(contact_by) if contact_by else None,
            )
            dispatcher.utter_message(text=message)
