"""Read a typed answer to any hand-off question: yes or no, a wish to stop, contact details.

One message often answers several questions at once ("joo, soittakaa 040 123 4567 aamulla"),
so every message is read for everything; the form (actions/dialogue/handoff_form.py) decides
what counts at the step it is on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import phonenumbers
import yaml

from actions.handoff.contact import ContactMethod, contact_method, email_address, finnish_phone
from actions.handoff.periods import Period
from actions.handoff.phrases import Phrases, fold, words
from actions.language_names import named_languages

_LEXICON = Path(__file__).with_name("answer_lexicon.yml")
_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# Six or more digits, possibly grouped: an attempt at a phone number.
_DIGIT_RUN = re.compile(r"\+?\d(?:[\s.\-/()]*\d){5,}")
# A language named as the one the resident does NOT understand, or as the language of a letter
# ("i dont understand the finnish letter", "en ymmärrä suomea", "ما بفهم فنلندي") is not the
# language they want to be contacted in. Matched on folded text; the named word is dropped.
_NOT_THE_CONTACT_LANGUAGE = re.compile(
    r"\b(?:do ?n'?t|do not|can'?t|cannot|not)\s+(?:understand|speak|read|know)\s+(?:the\s+)?(\w+)"
    r"|\ben\s+(?:ymmarra|puhu|osaa|lue)\s+(\w+)"
    r"|\b(\w+)\s+(?:letter|paper|papers|text|document|form)s?\b"
    r"|(\w+)\s+(?:kirje|paperi|teksti|lomake)\w*"
    r"|(?:ما|لا|مش|مو)\s*(?:ب|أ|ا|ن)?(?:فهم|عرف|حكي|تكلم|قرا)\w*\s+(?:ال)?(\w+)",
    re.IGNORECASE,
)
_CLOCK_HOUR = re.compile(r"^(\d{1,2})(?:[.:](\d{2}))?$")
_AM_PM = re.compile(r"^(\d{1,2})(am|pm)$")
_PERIODS = ("afternoon", "morning", "evening", "any")
_NOON, _EVENING = 12, 17


@dataclass(frozen=True)
class Lexicon:
    yes: Phrases
    no: Phrases
    cancel: Phrases
    filler: Phrases
    skip: Phrases
    change: Phrases
    times: dict[str, Phrases]
    clock: Phrases
    interpreter: Phrases
    no_interpreter: Phrases
    same_language: Phrases
    question_words: Phrases
    person_request: Phrases
    conversation_words: Phrases
    aside: Phrases
    follow_up: Phrases
    refers_back: Phrases


@cache
def lexicon() -> Lexicon:
    data = yaml.safe_load(_LEXICON.read_text(encoding="utf-8"))
    times = {period: Phrases.of(data["times"][period]) for period in _PERIODS}
    fields = {name: Phrases.of(data[name]) for name in Lexicon.__annotations__ if name != "times"}
    return Lexicon(times=times, **fields)


@dataclass(frozen=True)
class Answer:
    """Everything a message can say to the hand-off form."""

    text: str
    yes: bool = False
    no: bool = False
    cancel_at: int | None = None  # where a wish to stop begins ("antaa olla", "forget it")
    only_no: bool = False
    skip: bool = False
    change: bool = False
    method: ContactMethod | None = None
    phone: str | None = None
    mobile: bool = False
    email: str | None = None
    attempted_number: bool = False
    period: str | None = None
    contact_language: str | None = None
    interpreter: bool | None = None
    same_language: bool = False
    question: bool = False
    word_count: int = 0

    @property
    def contact(self) -> bool:
        """A phone number or e-mail address was given."""
        return bool(self.phone or self.email)

    @property
    def answers_something(self) -> bool:
        """A number, address, time or language was given (a method word alone is not enough:
        "soitan itse", "I'll call them myself" are ways of saying no)."""
        return bool(
            self.contact or self.period or self.contact_language or self.interpreter is not None
        )

    @property
    def details(self) -> bool:
        """Anything the later questions ask for was given."""
        return bool(
            self.contact
            or self.method
            or self.period
            or self.contact_language
            or self.interpreter is not None
        )


def _phone(text: str) -> tuple[str | None, bool]:
    """The first valid phone number in the text (E.164) and whether it can take an SMS."""
    for match in phonenumbers.PhoneNumberMatcher(fold(text), "FI"):
        number = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
        return number, finnish_phone(number, needs_mobile=True) is not None
    return None, False


def _email(text: str) -> str | None:
    match = _EMAIL.search(text)
    return email_address(match.group(0)) if match else None


def _clock_period(tokens: list[str], after_clock_word: bool) -> str | None:
    """A clock time ("klo 10", "at 2pm", "14.30") as morning, afternoon or evening."""
    clock = lexicon().clock
    for index, token in enumerate(tokens):
        am_pm = _AM_PM.match(token)
        if am_pm:
            hour = int(am_pm.group(1)) % 12 + (12 if am_pm.group(2) == "pm" else 0)
        elif (match := _CLOCK_HOUR.match(token)) and (
            after_clock_word or (index and clock.in_words(tokens[index - 1 : index]))
        ):
            hour = int(match.group(1))
        else:
            continue
        if 0 <= hour < 24:
            return (
                Period.MORNING
                if hour < _NOON
                else Period.AFTERNOON
                if hour < _EVENING
                else Period.EVENING
            )
    return None


def _period(tokens: list[str], at_time_question: bool) -> str | None:
    for period, phrases in lexicon().times.items():
        if phrases.in_words(tokens):
            return period
    return _clock_period(tokens, at_time_question)


def _leading_yes_no(tokens: list[str]) -> tuple[bool, bool]:
    """(yes, no) from how the message begins; "no joo" is a yes, "no, not now" a no."""
    lex = lexicon()
    yes_length = lex.yes.prefix_length(tokens)
    no_length = lex.no.prefix_length(tokens)
    if yes_length and yes_length >= no_length:
        return True, False
    return False, bool(no_length)


def read_answer(text: str, *, at_time_question: bool = False) -> Answer:
    """Read everything a message says; `at_time_question` lets a bare "10" mean 10 o'clock."""
    lex = lexicon()
    without_contacts = _DIGIT_RUN.sub(" ", _EMAIL.sub(" ", fold(text)))
    tokens = words(without_contacts)
    all_tokens = words(text)
    phone, mobile = _phone(text)
    email = _email(text)
    yes, no = _leading_yes_no(all_tokens)
    interpreter = (
        False
        if lex.no_interpreter.in_words(tokens)
        else True
        if lex.interpreter.in_words(tokens)
        else None
    )
    languages = named_languages(_NOT_THE_CONTACT_LANGUAGE.sub(" ", without_contacts))
    stripped = text.strip()
    return Answer(
        text=text,
        yes=yes,
        no=no,
        cancel_at=None if interpreter is False else lex.cancel.find(tokens),
        only_no=bool(tokens) and lex.no.is_whole(tokens, lex.filler),
        skip=lex.skip.in_words(tokens),
        change=lex.change.in_words(tokens),
        method=contact_method(without_contacts) if tokens else None,
        phone=phone,
        mobile=mobile,
        email=email,
        attempted_number=phone is None and bool(_DIGIT_RUN.search(fold(text))),
        period=_period(tokens, at_time_question),
        contact_language=languages[0] if languages else None,
        interpreter=interpreter,
        same_language=lex.same_language.in_words(tokens),
        question=stripped.endswith(("?", "؟"))
        or "?" in stripped
        or "؟" in stripped
        or lex.question_words.starts(tokens[:1])
        or lex.aside.starts(tokens),
        word_count=len(all_tokens),
    )


def asks_for_a_person(text: str) -> bool:
    """The message asks for a counsellor in so many words, whatever else it is about."""
    return lexicon().person_request.in_words(words(text))


def names_the_conversation(text: str) -> bool:
    """A typed request to forget names what to forget ("delete this conversation")."""
    return lexicon().conversation_words.in_words(words(text))


# A follow-up is a short message; a long one is a new account of the situation.
FOLLOW_UP_WORDS = 14


def sounds_like_a_follow_up(text: str) -> bool:
    """A short message that begins as a follow-up does ("entä jos...", "and if he...",
    "وإذا...") or points back to what was just said ("maksaa se takas", "it was old")."""
    tokens = words(text)
    if len(tokens) > FOLLOW_UP_WORDS:
        return False
    return lexicon().follow_up.starts(tokens) or lexicon().refers_back.in_words(tokens)
