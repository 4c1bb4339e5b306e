"""The hand-off form's questions, in the conversation's language.

Each question is asked at most three times in a row: first plainly; after an unclear answer
with what went wrong; the third time with the choices spelled out, as words and buttons, and the
service's direct contacts, so that nobody is stuck in the form. Every question can be left:
"Cancel" is a button and a typed "no" or "stop" ends the form (handoff_form.py).
"""

from __future__ import annotations

from babel import Locale
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.dialogue.base import EventList, LocalizedAction
from actions.dialogue.handoff_slots import (
    CONFIRM,
    CONSENT,
    DESCRIPTION,
    INTERPRETER,
    LANGUAGE,
    METHOD,
    PERIOD,
    RESUME,
    RETRIES,
    TIME,
    VALUE,
)
from actions.dialogue.history import topics_discussed
from actions.dialogue.payloads import intent_button, yes_no_buttons
from actions.handoff.contact import ContactMethod, readable_contact
from actions.handoff.periods import PERIOD_KEYS, Period
from actions.i18n.catalog import N_, Translator, isolate
from actions.settings import SUPPORTED_LANGUAGES
from actions.topics import EMERGENCY_TOPIC

Buttons = list[dict[str, str]]
# Translators: the read-back's first line; {contact} is the number or address.
READBACK_KEYS = {
    ContactMethod.PHONE: N_("handoff.readback_phone"),
    ContactMethod.SMS: N_("handoff.readback_sms"),
    ContactMethod.EMAIL: N_("handoff.readback_email"),
}


def retries(tracker: Tracker) -> int:
    return int(tracker.get_slot(RETRIES) or 0)


def cancel_button(text: Translator) -> dict[str, str]:
    """A button that stops the form; its payload is the word itself, which the form reads."""
    # Translators: button that stops the hand-off at any question; also what it sends.
    word = text.gettext("button.cancel")
    return {"title": word, "payload": word}


def direct_contacts(text: Translator) -> str:
    # Translators: the service's own contacts, given when the form is hard to answer.
    return text.gettext("handoff.direct_contacts")


class HandoffQuestion(LocalizedAction):
    """A question of the form: its text and buttons depend on how many times it was asked."""

    def question(self, tracker: Tracker, text: Translator) -> str:
        raise NotImplementedError

    def unclear(self, tracker: Tracker, text: Translator) -> str:
        """The question again after an answer it could not use (default: the question)."""
        return self.question(tracker, text)

    def choices(self, tracker: Tracker, text: Translator) -> str:
        """The third time: the answers spelled out (default: as the second time)."""
        return self.unclear(tracker, text)

    def buttons(self, tracker: Tracker, text: Translator) -> Buttons:
        return [cancel_button(text)]

    async def respond(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, text: Translator
    ) -> EventList:
        asked = retries(tracker)
        if asked == 0:
            message = self.question(tracker, text)
        elif asked == 1:
            message = self.unclear(tracker, text)
        else:
            message = f"{self.choices(tracker, text)}\n\n{direct_contacts(text)}"
        dispatcher.utter_message(text=message, buttons=self.buttons(tracker, text))
        return []


class ActionAskHandoffConsent(HandoffQuestion):
    """Say what will be shared and that the counsellor calls back later; ask for consent."""

    action_name = f"action_ask_{CONSENT}"

    def question(self, tracker: Tracker, text: Translator) -> str:
        # Translators: what is shared, that a counsellor calls back (not now), and consent.
        message = text.gettext("handoff.ask_consent")
        if EMERGENCY_TOPIC in topics_discussed(tracker):
            # Translators: before consent, when the resident has nowhere to sleep tonight.
            not_tonight = text.gettext("handoff.not_tonight")
            message = f"{not_tonight}\n\n{message}"
        return message

    def unclear(self, tracker: Tracker, text: Translator) -> str:
        # Translators: the consent answer was not yes or no; asks again.
        return text.gettext("handoff.consent_unclear")

    def choices(self, tracker: Tracker, text: Translator) -> str:
        # Translators: third time: spells out what yes and no do.
        return text.gettext("handoff.consent_choices")

    def buttons(self, tracker: Tracker, text: Translator) -> Buttons:
        return yes_no_buttons(text)


class ActionAskContactMethod(HandoffQuestion):
    action_name = f"action_ask_{METHOD}"

    def question(self, tracker: Tracker, text: Translator) -> str:
        # Translators: call, SMS or e-mail; a typed number or address is enough.
        return text.gettext("handoff.ask_method")

    def unclear(self, tracker: Tracker, text: Translator) -> str:
        # Translators: the contact method was not understood; asks again.
        return text.gettext("handoff.method_unclear")

    def choices(self, tracker: Tracker, text: Translator) -> str:
        # Translators: third time: the three ways, spelled out, or the number itself.
        return text.gettext("handoff.method_choices")

    def buttons(self, tracker: Tracker, text: Translator) -> Buttons:
        # Translators: contact method buttons.
        titles = {
            ContactMethod.PHONE: text.gettext("handoff.method_phone"),
            ContactMethod.SMS: text.gettext("handoff.method_sms"),
            ContactMethod.EMAIL: text.gettext("handoff.method_email"),
        }
        methods = [{"title": title, "payload": method.value} for method, title in titles.items()]
        return [*methods, cancel_button(text)]


class ActionAskContactValue(HandoffQuestion):
    action_name = f"action_ask_{VALUE}"

    def _method(self, tracker: Tracker) -> ContactMethod:
        return ContactMethod(tracker.get_slot(METHOD) or ContactMethod.PHONE.value)

    def question(self, tracker: Tracker, text: Translator) -> str:
        if self._method(tracker) is ContactMethod.EMAIL:
            # Translators: asks for the e-mail address.
            return text.gettext("handoff.ask_email")
        # Translators: asks for the phone number (Finnish numbers 04x, 050 or +358).
        return text.gettext("handoff.ask_phone")

    def unclear(self, tracker: Tracker, text: Translator) -> str:
        method = self._method(tracker)
        if method is ContactMethod.EMAIL:
            # Translators: the e-mail address is not valid; gives an example and asks again.
            return text.gettext("handoff.invalid_email")
        if method is ContactMethod.SMS:
            # Translators: SMS needs a valid mobile number; gives examples and asks again.
            return text.gettext("handoff.invalid_mobile")
        # Translators: the phone number is not valid; gives examples and asks again.
        return text.gettext("handoff.invalid_phone")


class ActionAskPreferredTime(HandoffQuestion):
    action_name = f"action_ask_{TIME}"

    def question(self, tracker: Tracker, text: Translator) -> str:
        # Translators: when contact suits best; counsellors call on weekdays in office hours.
        return text.gettext("handoff.ask_time")

    def buttons(self, tracker: Tracker, text: Translator) -> Buttons:
        periods = (Period.MORNING, Period.AFTERNOON, Period.ANY)
        labels = [text.gettext(PERIOD_KEYS[period]) for period in periods]
        return [*({"title": label, "payload": label} for label in labels), cancel_button(text)]


class ActionAskHandoffLanguage(HandoffQuestion):
    action_name = f"action_ask_{LANGUAGE}"

    def question(self, tracker: Tracker, text: Translator) -> str:
        # Translators: the language of the contact; any other language means an interpreter.
        return text.gettext("handoff.ask_language")

    def buttons(self, tracker: Tracker, text: Translator) -> Buttons:
        # The payload is the language's own name, which the form reads like a typed answer.
        names = [Translator(code).gettext("language.name") for code in SUPPORTED_LANGUAGES]
        languages = [{"title": name, "payload": name} for name in names]
        return [*languages, cancel_button(text)]


class ActionAskHandoffDescription(HandoffQuestion):
    action_name = f"action_ask_{DESCRIPTION}"

    def question(self, tracker: Tracker, text: Translator) -> str:
        # Translators: the situation in the resident's own words; "nothing to add" is fine.
        return text.gettext("handoff.ask_description")


def contact_language_name(tracker: Tracker, text: Translator) -> str:
    """The contact language in the reader's language ("arabiaksi"), or as the resident wrote it."""
    value = str(tracker.get_slot(LANGUAGE) or "")
    name = Locale.parse(text.language).languages.get(value) if value.isalpha() else None
    return isolate(name or value, text.language)


def read_back(tracker: Tracker, text: Translator) -> str:
    """How, when and in which language the counsellor will contact the resident."""
    method = ContactMethod(tracker.get_slot(METHOD) or ContactMethod.PHONE.value)
    contact = isolate(readable_contact(str(tracker.get_slot(VALUE) or "")), text.language)
    lines = [text.gettext(READBACK_KEYS[method], contact=contact)]
    period = tracker.get_slot(PERIOD)
    when = text.gettext(PERIOD_KEYS[period]) if period in PERIOD_KEYS else tracker.get_slot(TIME)
    if when:
        # Translators: read-back line; {time} is when contact suits best.
        lines.append(text.gettext("handoff.readback_time", time=when))
    if tracker.get_slot(LANGUAGE):
        language = contact_language_name(tracker, text)
        if tracker.get_slot(INTERPRETER):
            # Translators: read-back line; {language} is spoken through an interpreter.
            lines.append(text.gettext("handoff.readback_interpreter", language=language))
        else:
            # Translators: read-back line; {language} is the language of the contact.
            lines.append(text.gettext("handoff.readback_language", language=language))
    return "\n".join(f"- {line}" for line in lines)


class ActionAskHandoffConfirm(HandoffQuestion):
    """Read back how, when and in which language; send only when the resident says yes."""

    action_name = f"action_ask_{CONFIRM}"

    def question(self, tracker: Tracker, text: Translator) -> str:
        # Translators: before the read-back; asks to check it; {details} are its lines.
        return text.gettext("handoff.ask_confirm", details=read_back(tracker, text))

    def unclear(self, tracker: Tracker, text: Translator) -> str:
        # Translators: the answer to the read-back was unclear; yes sends, or what to change.
        return text.gettext("handoff.confirm_unclear", details=read_back(tracker, text))

    def buttons(self, tracker: Tracker, text: Translator) -> Buttons:
        # Translators: buttons under the read-back: send, change the contact.
        change = text.gettext("button.change")
        return [
            intent_button(text.gettext("button.send"), "affirm"),
            {"title": change, "payload": change},
            cancel_button(text),
        ]


class ActionAskHandoffResume(HandoffQuestion):
    """After a question on another topic: continue the request to a counsellor, or stop?"""

    action_name = f"action_ask_{RESUME}"

    def question(self, tracker: Tracker, text: Translator) -> str:
        # Translators: asks whether to continue the request after answering another question.
        return text.gettext("handoff.ask_resume")

    def unclear(self, tracker: Tracker, text: Translator) -> str:
        # Translators: the answer was unclear; yes continues the request, no stops it.
        return text.gettext("handoff.resume_unclear")

    def buttons(self, tracker: Tracker, text: Translator) -> Buttons:
        return yes_no_buttons(text)


QUESTION_CLASSES = (
    ActionAskHandoffConsent,
    ActionAskContactMethod,
    ActionAskContactValue,
    ActionAskPreferredTime,
    ActionAskHandoffLanguage,
    ActionAskHandoffDescription,
    ActionAskHandoffConfirm,
    ActionAskHandoffResume,
)
