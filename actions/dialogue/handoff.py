"""Hand the conversation to a human housing counsellor by creating a ticket."""

from __future__ import annotations

import logging

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError
from starlette.concurrency import run_in_threadpool

from actions.dialogue.advice import TOPIC_SLOT
from actions.dialogue.base import EventList, LocalizedAction
from actions.dialogue.payloads import ticket_payload
from actions.i18n.catalog import Translator
from actions.services.tickets import create_ticket

logger = logging.getLogger(__name__)


class ActionHandoff(LocalizedAction):
    """Create a hand-off ticket and tell the resident its reference."""

    action_name = "action_handoff"

    async def respond(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, text: Translator
    ) -> EventList:
        try:
            ticket = await run_in_threadpool(
                lambda: create_ticket(
                    self.context.sessions,
                    conversation_id=tracker.sender_id,
                    language=text.language,
                    topic=tracker.get_slot(TOPIC_SLOT),
                )
            )
        except SQLAlchemyError:
            logger.exception("could not store a hand-off ticket")
            # Translators: the ticket could not be stored; gives the service's direct contacts.
            dispatcher.utter_message(text=text.gettext("handoff.unavailable"))
            return []
        # Translators: a ticket was created; {reference} is its code, e.g. K7QM-4XPD.
        message = text.gettext("handoff.ticket_created", reference=ticket.reference)
        dispatcher.utter_message(text=message, json_message=ticket_payload(ticket))
        return []
