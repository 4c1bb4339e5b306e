"""The hand-off form: consent, how to be contacted, language, the resident's own words.

Without consent nothing personal is stored and no ticket is made; the resident still gets the
housing counselling service's own contacts.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction

from actions.dialogue.base import (
    EventList,
    LocalizedAction,
    SingleReplyAction,
    conversation_language,
)
from actions.dialogue.context import DialogueContext
from actions.dialogue.payloads import yes_no_buttons
from actions.handoff.contact import ContactMethod, contact_method, contact_value
from actions.i18n.catalog import N_, Translator
from actions.privacy.redaction import redact
from actions.settings import SUPPORTED_LANGUAGES

FORM = "handoff_form"
CONSENT, METHOD, VALUE = "handoff_consent", "contact_method", "contact_value"
LANGUAGE, DESCRIPTION = "handoff_language", "handoff_description"
PERSONAL_SLOTS = (CONSENT, METHOD, VALUE, LANGUAGE, DESCRIPTION)
MAX_DESCRIPTION = 2000


class ActionAskHandoffConsent(SingleReplyAction):
    """Say what will be shared with the counsellor, and ask for consent."""

    action_name = f"action_ask_{CONSENT}"
    # Translators: explains what is shared with the counsellor and asks for consent.
    message_key = N_("handoff.ask_consent")

    def buttons(self, tracker: Tracker, text: Translator) -> list[dict[str, str]]:
        return yes_no_buttons(text)


class ActionAskContactMethod(SingleReplyAction):
    action_name = f"action_ask_{METHOD}"
    # Translators: asks how the counsellor should contact the resident.
    message_key = N_("handoff.ask_method")

    def buttons(self, tracker: Tracker, text: Translator) -> list[dict[str, str]]:
        # Translators: contact method buttons.
        titles = {
            ContactMethod.PHONE: text.gettext("handoff.method_phone"),
            ContactMethod.SMS: text.gettext("handoff.method_sms"),
            ContactMethod.EMAIL: text.gettext("handoff.method_email"),
        }
        return [{"title": title, "payload": method.value} for method, title in titles.items()]


class ActionAskContactValue(LocalizedAction):
    action_name = f"action_ask_{VALUE}"

    async def respond(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, text: Translator
    ) -> EventList:
        if tracker.get_slot(METHOD) == ContactMethod.EMAIL.value:
            # Translators: asks for the e-mail address.
            dispatcher.utter_message(text=text.gettext("handoff.ask_email"))
        else:
            # Translators: asks for the phone number (Finnish numbers 04x, 050 or +358).
            dispatcher.utter_message(text=text.gettext("handoff.ask_phone"))
        return []


class ActionAskHandoffLanguage(SingleReplyAction):
    action_name = f"action_ask_{LANGUAGE}"
    # Translators: asks the language for the counsellor's contact; others may be typed.
    message_key = N_("handoff.ask_language")

    def buttons(self, tracker: Tracker, text: Translator) -> list[dict[str, str]]:
        return [
            {"title": Translator(code).gettext("language.name"), "payload": code}
            for code in SUPPORTED_LANGUAGES
        ]


class ActionAskHandoffDescription(SingleReplyAction):
    action_name = f"action_ask_{DESCRIPTION}"
    # Translators: asks the resident to describe the situation in their own words.
    message_key = N_("handoff.ask_description")


class ValidateHandoffForm(FormValidationAction):  # type: ignore[misc]
    """Check each answer; an invalid one is explained and asked again."""

    def __init__(self, context: DialogueContext) -> None:
        self.context = context

    def name(self) -> str:
        return f"validate_{FORM}"

    def _text(self, tracker: Tracker) -> Translator:
        return Translator(conversation_language(tracker, self.context))

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: dict[str, Any],
    ) -> list[str]:
        """Ask nothing more once the resident has declined."""
        return [] if tracker.get_slot(CONSENT) is False else domain_slots

    def validate_handoff_consent(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if intent in ("affirm", "deny"):
            return {CONSENT: intent == "affirm"}
        # Translators: the consent answer was not yes or no; asks again.
        dispatcher.utter_message(
            text=self._text(tracker).gettext("handoff.consent_unclear"),
            buttons=yes_no_buttons(self._text(tracker)),
        )
        return {CONSENT: None}

    def validate_contact_method(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        method = contact_method(str(value or ""))
        if method is None:
            # Translators: the contact method was not understood; asks again.
            dispatcher.utter_message(text=self._text(tracker).gettext("handoff.method_unclear"))
            return {METHOD: None}
        return {METHOD: method.value}

    def validate_contact_value(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        method = ContactMethod(tracker.get_slot(METHOD) or ContactMethod.PHONE.value)
        valid = contact_value(method, str(value or ""))
        if valid is not None:
            return {VALUE: valid}
        text = self._text(tracker)
        if method is ContactMethod.EMAIL:
            # Translators: the e-mail address is not valid; gives an example and asks again.
            dispatcher.utter_message(text=text.gettext("handoff.invalid_email"))
        elif method is ContactMethod.SMS:
            # Translators: SMS needs a valid mobile number; gives examples and asks again.
            dispatcher.utter_message(text=text.gettext("handoff.invalid_mobile"))
        else:
            # Translators: the phone number is not valid; gives examples and asks again.
            dispatcher.utter_message(text=text.gettext("handoff.invalid_phone"))
        return {VALUE: None}

    def validate_handoff_language(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        return {LANGUAGE: redact(str(value or "")).strip()[:40] or None}

    def validate_handoff_description(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        return {DESCRIPTION: redact(str(value or "")).strip()[:MAX_DESCRIPTION] or None}


def clear_personal_slots() -> list[EventType]:
    """Forget the form's answers in the tracker once they are stored (or declined)."""
    return [SlotSet(slot, None) for slot in PERSONAL_SLOTS]
