"""The hand-off form reads what residents type, at every step, in Finnish, English and Arabic.

`decide` is the form's brain (actions/dialogue/handoff_form.py); these tests give it one typed
message at one step, with what the NLU would say, and check the move: what is filled, which
question comes next, or that the form ends and stores nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from actions.dialogue import handoff_slots as slots
from actions.dialogue.handoff_form import Move, Turn, decide
from actions.dialogue.registry import ACTION_CLASSES
from actions.handoff.answers import read_answer

DOMAIN = yaml.safe_load((Path(__file__).parents[1] / "bot" / "domain.yml").read_text())
TOPICS = frozenset({"eviction", "deposit", "repairs", "housing_allowance", "homeless_emergency"})
BEFORE = {
    slots.CONSENT: (),
    slots.METHOD: (slots.CONSENT,),
    slots.VALUE: (slots.CONSENT, slots.METHOD),
    slots.TIME: (slots.CONSENT, slots.METHOD, slots.VALUE),
    slots.LANGUAGE: (slots.CONSENT, slots.METHOD, slots.VALUE, slots.TIME),
    slots.DESCRIPTION: (slots.CONSENT, slots.METHOD, slots.VALUE, slots.TIME, slots.LANGUAGE),
    slots.CONFIRM: slots.STEPS[:-1],
}
ANSWERED = {
    slots.CONSENT: True,
    slots.METHOD: "phone",
    slots.VALUE: "+358401234567",
    slots.TIME: "morning",
    slots.PERIOD: "morning",
    slots.LANGUAGE: "fi",
    slots.INTERPRETER: "",
    slots.DESCRIPTION: "vuokrat rästissä",
}


def at(
    step: str | None,
    text: str,
    *,
    intent: str | None = None,
    confidence: float = 0.9,
    language: str = "fi",
    **extra: Any,
) -> Move:
    """The form's move for `text` typed at `step`, earlier questions answered as usual."""
    values: dict[str, Any] = dict.fromkeys(slots.PERSONAL_SLOTS)
    for answered in BEFORE.get(step or "", ()):
        values[answered] = ANSWERED[answered]
        if answered == slots.TIME:
            values[slots.PERIOD] = ANSWERED[slots.PERIOD]
    values.update(extra)
    turn = Turn(
        step=step,
        answer=read_answer(text, at_time_question=step == slots.TIME),
        intent=intent,
        confidence=confidence,
        slots=values,
        conversation_language=language,
        counsellor_languages=("fi", "en"),
        content_topics=TOPICS,
    )
    return decide(turn)


def ended_without_storing(move: Move) -> bool:
    return move.next_step is None and move.updates.get(slots.CONSENT) is False


# --- consent ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("joo", "fi"),
        ("okei soita", "fi"),
        ("no joo käy", "fi"),
        ("kyl se käy", "fi"),
        ("sure go ahead", "en"),
        ("yeah pls", "en"),
        ("ok do it", "en"),
        ("أكيد ماشي", "ar"),
        ("اي والله", "ar"),
        ("تمام", "ar"),
        ("ah akid", "ar"),
    ],
)
def test_a_typed_yes_is_consent(text: str, language: str) -> None:
    move = at(slots.CONSENT, text, language=language)
    assert move.updates[slots.CONSENT] is True and move.next_step != slots.CONSENT


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("yes ok, call me on 041 000 1111", "+358410001111"),
        ("joo soittakaa numeroon 040 718 2293", "+358407182293"),
        ("اي اتصلوا فيني على ٠٤٥ ٢٣٤ ٥٦٧٨", "+358452345678"),
        ("0505558842", "+358505558842"),
    ],
)
def test_a_number_at_the_consent_question_is_consent_and_the_contact(
    text: str, number: str
) -> None:
    move = at(slots.CONSENT, text)
    assert (move.updates[slots.CONSENT], move.updates[slots.VALUE]) == (True, number)


def test_several_answers_in_one_message_skip_their_questions() -> None:
    move = at(slots.CONSENT, "yes, text me 050 765 4321, afternoons", language="en")
    assert move.next_step == slots.LANGUAGE
    assert (move.updates[slots.METHOD], move.updates[slots.PERIOD]) == ("sms", "afternoon")


@pytest.mark.parametrize(
    "text",
    [
        "ei kiitos",
        "antaa olla",
        "en halua sittenkään",
        "älkää soittako",
        "no thanks, I'll phone them myself",
        "not now",
        "لا، مش عايز",
        "لا شكرا",
        "la2 shukran",
        "ok, forget it",
    ],
)
def test_a_typed_no_at_the_consent_question_stores_nothing(text: str) -> None:
    assert ended_without_storing(at(slots.CONSENT, text))


# --- how and where to contact -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "method", "value"),
    [
        ("numero 045 111 2222, aamulla parhaiten", "phone", "+358451112222"),
        ("040-123 4567", "phone", "+358401234567"),
        ("+358 40 123 4567", "phone", "+358401234567"),
        ("sähköpostilla matti.meikalainen@example.fi", "email", "matti.meikalainen@example.fi"),
        ("اتصلوا فيني ٠٤٠١٢٣٤٥٦٧", "phone", "+358401234567"),
        ("laittakaa tekstari 050 123 4567", "sms", "+358501234567"),
        ("ittisal 3ala 046 555 1234", "phone", "+358465551234"),
    ],
)
def test_a_number_or_address_at_the_method_question_fills_both(
    text: str, method: str, value: str
) -> None:
    move = at(slots.METHOD, text)
    assert (move.updates[slots.METHOD], move.updates[slots.VALUE]) == (method, value)


@pytest.mark.parametrize(
    ("text", "method"),
    [
        ("tekstari", "sms"),
        ("soittakaa mulle", "phone"),
        ("en halua puhelua, laita tekstari", "sms"),
        ("by e-mail please", "email"),
        ("عبر البريد الإلكتروني من فضلك", "email"),
        ("ابعتولي رسالة", "sms"),
    ],
)
def test_a_method_in_words_asks_for_the_number_or_address(text: str, method: str) -> None:
    move = at(slots.METHOD, text)
    assert (move.updates[slots.METHOD], move.next_step) == (method, slots.VALUE)


def test_the_number_given_with_the_time_skips_the_time_question() -> None:
    assert at(slots.METHOD, "numero 045 111 2222, aamulla parhaiten").next_step == slots.LANGUAGE


def test_an_invalid_number_is_asked_again() -> None:
    move = at(slots.VALUE, "12345")
    assert (move.next_step, move.updates[slots.RETRIES]) == (slots.VALUE, 1)


def test_a_landline_for_a_text_message_is_asked_again() -> None:
    move = at(slots.VALUE, "03 819 4850", contact_method="sms")
    assert move.next_step == slots.VALUE and move.updates.get(slots.VALUE) is None


def test_an_email_address_at_the_phone_question_changes_the_method() -> None:
    move = at(slots.VALUE, "Rania.Haddad@Example.com", contact_method="phone")
    assert (move.updates[slots.METHOD], move.updates[slots.VALUE]) == (
        "email",
        "Rania.Haddad@example.com",
    )


def test_a_question_is_asked_at_most_three_times_in_a_row() -> None:
    move = at(slots.VALUE, "en tiedä", handoff_retries=2)
    assert ended_without_storing(move) and move.updates[slots.EXIT] == "unclear"


# --- when and in which language ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("aamupäivisin", "morning"),
        ("iltasin mieluiten", "evening"),
        ("klo 14 jälkeen", "afternoon"),
        ("any time, asap", "any"),
        ("mornings best, i have lectures after 12", "morning"),
        ("الصبح احسن", "morning"),
        ("بعد الظهر", "afternoon"),
        ("اي وقت", "any"),
        ("ba3d el dohr", "afternoon"),
    ],
)
def test_the_preferred_time_is_read_as_a_period(text: str, period: str) -> None:
    assert at(slots.TIME, text).updates[slots.PERIOD] == period


def test_a_time_in_other_words_is_kept_as_written() -> None:
    move = at(slots.TIME, "tiistaina tai keskiviikkona")
    assert move.updates[slots.TIME] == "tiistaina tai keskiviikkona"


@pytest.mark.parametrize(
    ("text", "conversation", "language", "interpreter"),
    [
        ("suomi", "fi", "fi", ""),
        ("suomeks", "fi", "fi", ""),
        ("English is fine", "en", "en", ""),
        ("arabiaksi tulkin kanssa", "fi", "ar", "ar"),
        ("arabia. minä tarvitsen tulkki", "fi", "ar", "ar"),
        ("somaliksi", "fi", "so", "so"),
        ("Tigrinya, with interpreter please", "en", "ti", "ti"),
        ("عربي", "ar", "ar", "ar"),
        ("بالعربي مع مترجم", "ar", "ar", "ar"),
        ("الإنجليزية من فضلك", "ar", "en", ""),
        ("3arabi", "ar", "ar", "ar"),
        ("ei tarvita tulkkia", "fi", "fi", ""),
    ],
)
def test_the_contact_language_and_interpreter_are_read(
    text: str, conversation: str, language: str, interpreter: str
) -> None:
    move = at(slots.LANGUAGE, text, language=conversation)
    assert (move.updates[slots.LANGUAGE], move.updates[slots.INTERPRETER]) == (
        language,
        interpreter,
    )


@pytest.mark.parametrize(
    "text",
    [
        "yes, i dont understand the finnish letter",
        "kyllä, en ymmärrä suomea kunnolla",
        "ايوه، ما بفهم فنلندي",
        "yes please, the finnish papers are too hard",
    ],
)
def test_a_language_the_resident_does_not_understand_is_not_taken_as_theirs(text: str) -> None:
    """At consent, a language named in passing must not skip the language question."""
    move = at(slots.CONSENT, text, language="en")
    assert move.updates.get(slots.LANGUAGE) is None


# --- the description, the read-back ------------------------------------------------------------


def test_nothing_to_add_is_an_answer_to_the_description() -> None:
    move = at(slots.DESCRIPTION, "ei muuta")
    assert (move.updates[slots.DESCRIPTION], move.next_step) == ("", slots.CONFIRM)


def test_a_description_with_stop_words_inside_is_a_description() -> None:
    text = "kela stop asumistuki in may, i dont know why, i sent all papers"
    assert at(slots.DESCRIPTION, text, language="en").updates[slots.DESCRIPTION] == text


def test_the_description_is_stored_without_identity_codes() -> None:
    move = at(slots.DESCRIPTION, "hetu 131052-308T, tili FI21 1234 5600 0007 85")
    assert move.updates[slots.DESCRIPTION] == "hetu [hetu], tili [iban]"


@pytest.mark.parametrize("text", ["joo", "kyllä, lähetä", "yes send", "اي صح، ابعتوه", "/affirm"])
def test_a_yes_at_the_read_back_sends_the_request(text: str) -> None:
    move = at(slots.CONFIRM, text, intent="affirm" if text.startswith("/") else None)
    assert (move.updates[slots.CONFIRM], move.next_step) == (True, None)


def test_a_corrected_number_at_the_read_back_is_read_back_again() -> None:
    move = at(slots.CONFIRM, "ei vaan numero on 040 999 8888")
    assert (move.updates[slots.VALUE], move.next_step) == ("+358409998888", slots.CONFIRM)


def test_change_at_the_read_back_asks_for_the_number_again() -> None:
    assert at(slots.CONFIRM, "väärä numero").next_step == slots.VALUE


# --- a way out at every step --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("step", "text"),
    [
        (slots.METHOD, "ei kiitos, soitan itse"),
        (slots.METHOD, "لا شكرا، غيرت رايي"),
        (slots.VALUE, "lopeta"),
        (slots.VALUE, "stop"),
        (slots.VALUE, "خلص بلاش، ما بدي اعطي رقمي"),
        (slots.TIME, "antaa olla, mä soitan huoltoyhtiöön ite"),
        (slots.TIME, "no thanks, I'll phone them myself"),
        (slots.TIME, "مو هلق، خليني فكر وبرجع بحكيكم"),
        (slots.LANGUAGE, "cancel"),
        (slots.DESCRIPTION, "en halua sittenkään"),
        (slots.DESCRIPTION, "not now, sorry, my husband is coming home"),
        (slots.DESCRIPTION, "لا بطلت، رح روح على مكتب المساعدة القانونية لحالي"),
        (slots.CONFIRM, "peruuta"),
        (slots.CONFIRM, "hmm cancel, my landlord just called me, he fix it tomorrow"),
        (slots.CONFIRM, "لا خلص، رح اتصل انا بشركة السكن"),
        (slots.CONFIRM, "ei"),
    ],
)
def test_stopping_at_any_step_stores_nothing(step: str, text: str) -> None:
    assert ended_without_storing(at(step, text))


def test_the_widget_forget_button_inside_the_form_forgets() -> None:
    move = at(slots.TIME, "/forget_conversation", intent="forget_conversation")
    assert move.updates[slots.EXIT] == "forgotten"


def test_a_typed_forget_it_inside_the_form_only_stops_it() -> None:
    move = at(slots.RESUME, "no, forget it", intent="forget_conversation", handoff_paused="time")
    assert move.updates[slots.EXIT] == "declined"


# --- another question, an emergency -------------------------------------------------------------


def test_a_question_on_another_topic_is_answered_then_resumed() -> None:
    move = at(slots.TIME, "how long until I must move out?", intent="eviction", language="en")
    assert (move.topic, move.next_step, move.updates[slots.PAUSED]) == (
        "eviction",
        slots.RESUME,
        slots.TIME,
    )


def test_yes_to_continue_goes_back_to_the_interrupted_question() -> None:
    move = at(slots.RESUME, "joo jatketaan", handoff_paused=slots.TIME, **{slots.CONSENT: True})
    assert move.next_step == slots.TIME


def test_an_answer_to_the_interrupted_question_continues_the_form() -> None:
    move = at(
        slots.RESUME,
        "aamupäivällä",
        handoff_paused=slots.TIME,
        handoff_consent=True,
        contact_method="phone",
        contact_value="+358401234567",
    )
    assert (move.updates[slots.PERIOD], move.next_step) == ("morning", slots.LANGUAGE)


def test_no_to_continue_ends_the_form() -> None:
    assert ended_without_storing(at(slots.RESUME, "ei", handoff_paused=slots.TIME))


def test_a_short_question_at_the_description_is_answered_first() -> None:
    text = "btw can kela pay the rent straight to my landlord?"
    move = at(slots.DESCRIPTION, text, intent="housing_allowance", language="en")
    assert move.next_step == slots.RESUME


def test_an_account_ending_in_a_question_is_the_description() -> None:
    text = "fixed term contract till june, he says new rent from may. is it allowed?"
    move = at(slots.DESCRIPTION, text, intent="eviction", language="en")
    assert move.next_step == slots.CONFIRM


def test_an_emergency_inside_the_form_is_answered_at_once() -> None:
    text = "itseasiassa mul ei oo yöpaikkaa tänä yönä, poikaystävä heitti mut ulos"
    move = at(slots.TIME, text, intent="homeless_emergency")
    assert (move.topic, move.next_step) == ("homeless_emergency", slots.TIME)


def test_a_short_answer_is_never_taken_for_an_emergency() -> None:
    assert at(slots.TIME, "tänään illalla", intent="homeless_emergency").topic is None


# --- the form and Rasa's domain agree -----------------------------------------------------------


def test_the_domain_declares_every_slot_of_the_form() -> None:
    assert set(slots.PERSONAL_SLOTS) <= set(DOMAIN["slots"])


def test_the_domain_asks_the_questions_in_the_form_order() -> None:
    assert DOMAIN["forms"][slots.FORM]["required_slots"] == [*slots.STEPS, slots.RESUME]


def test_every_question_has_an_action() -> None:
    names = {action.action_name for action in ACTION_CLASSES if hasattr(action, "action_name")}
    assert {f"action_ask_{step}" for step in (*slots.STEPS, slots.RESUME)} <= names
