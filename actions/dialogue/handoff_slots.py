"""The hand-off form's vocabulary: its questions in order and the slots that hold the answers.

bot/domain.yml declares the same slots; tests/test_handoff_form.py checks that the two agree.
"""

from __future__ import annotations

from rasa_sdk.events import EventType, SlotSet

FORM = "handoff_form"
REQUESTED_SLOT = "requested_slot"

# The questions, in the order they are asked; each is skipped once answered.
CONSENT = "handoff_consent"  # True once the resident agreed; False: declined
METHOD = "contact_method"  # "phone" | "sms" | "email"
VALUE = "contact_value"  # E.164 number or e-mail address
TIME = "preferred_time"  # a period code (morning, ...) or the resident's words
LANGUAGE = "handoff_language"  # language code for the contact, or the resident's words
DESCRIPTION = "handoff_description"  # the resident's words; "" when nothing to add
CONFIRM = "handoff_confirm"  # True once the read-back was confirmed
STEPS = (CONSENT, METHOD, VALUE, TIME, LANGUAGE, DESCRIPTION, CONFIRM)

# Asked after a question on another topic was answered inside the form: continue or not?
RESUME = "handoff_resume"
# Bookkeeping, set by the form itself.
PERIOD = "preferred_period"  # morning | afternoon | evening | any, when the time names one
INTERPRETER = "interpreter_language"  # language code; "" when no interpreter is needed
PAUSED = "handoff_paused"  # the question interrupted by another topic
RETRIES = "handoff_retries"  # how many times in a row the current question was asked again
EXIT = "handoff_exit"  # why the form ended without a request: declined | unclear | paused

# Everything personal the form holds; cleared from the tracker once stored or declined.
PERSONAL_SLOTS = (*STEPS, RESUME, PERIOD, INTERPRETER, PAUSED, RETRIES, EXIT)


def clear_personal_slots() -> list[EventType]:
    """Forget the form's answers in the tracker once they are stored (or declined)."""
    return [SlotSet(slot, None) for slot in PERSONAL_SLOTS]
