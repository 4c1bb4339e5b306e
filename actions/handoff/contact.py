"""Check how a resident wants to be contacted, and that the number or address can work."""

from __future__ import annotations

import enum
from functools import cache
from pathlib import Path

import phonenumbers
import yaml
from email_validator import EmailNotValidError, validate_email

from actions.handoff.phrases import Phrases, words

_LEXICON = Path(__file__).with_name("contact_lexicon.yml")
FINLAND = 358
MOBILE_DIGITS = 10  # 040 123 4567
_MOBILE_TYPES = {
    phonenumbers.PhoneNumberType.MOBILE,
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
}


class ContactMethod(str, enum.Enum):
    PHONE = "phone"
    SMS = "sms"
    EMAIL = "email"


@cache
def _method_words() -> dict[ContactMethod, Phrases]:
    data = yaml.safe_load(_LEXICON.read_text(encoding="utf-8"))
    return {ContactMethod(key): Phrases.of(map(str, entries)) for key, entries in data.items()}


def contact_method(answer: str) -> ContactMethod | None:
    """Understand "sms", "soittakaa", "ايميل"..., or None when the answer names no method.

    A text message is sent to a phone, so "call or text" and "soita tai laita viesti" mean SMS;
    an e-mail named anywhere wins over both.
    """
    tokens = words(answer)
    named = [method for method, phrases in _method_words().items() if phrases.in_words(tokens)]
    for method in (ContactMethod.EMAIL, ContactMethod.SMS, ContactMethod.PHONE):
        if method in named:
            return method
    return None


def finnish_phone(answer: str, *, needs_mobile: bool) -> str | None:
    """A valid number (04x, 050, +358..., or another country with +) in E.164 form, else None."""
    try:
        number = phonenumbers.parse(answer, "FI")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    if needs_mobile and phonenumbers.number_type(number) not in _MOBILE_TYPES:
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def email_address(answer: str) -> str | None:
    """A syntactically valid e-mail address (no network look-up), normalised, else None."""
    try:
        return validate_email(answer.strip(), check_deliverability=False).normalized
    except EmailNotValidError:
        return None


def contact_value(method: ContactMethod, answer: str) -> str | None:
    if method is ContactMethod.EMAIL:
        return email_address(answer)
    return finnish_phone(answer, needs_mobile=method is ContactMethod.SMS)


def readable_contact(value: str) -> str:
    """A stored contact as people read it back: "040 123 4567"; e-mail addresses unchanged."""
    if not value.startswith("+"):
        return value
    try:
        number = phonenumbers.parse(value, "FI")
    except phonenumbers.NumberParseException:
        return value
    national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    digits = national.replace(" ", "")
    if number.country_code == FINLAND and len(digits) == MOBILE_DIGITS and digits.startswith("0"):
        return f"{digits[:3]} {digits[3:6]} {digits[6:]}"
    return national if number.country_code == FINLAND else value
