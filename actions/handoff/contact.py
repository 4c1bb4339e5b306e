"""Check how a resident wants to be contacted, and that the number or address can work."""

from __future__ import annotations

import enum
from functools import cache
from pathlib import Path

import phonenumbers
import yaml
from email_validator import EmailNotValidError, validate_email

_LEXICON = Path(__file__).with_name("contact_lexicon.yml")
_MOBILE_TYPES = {
    phonenumbers.PhoneNumberType.MOBILE,
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
}


class ContactMethod(str, enum.Enum):
    PHONE = "phone"
    SMS = "sms"
    EMAIL = "email"


@cache
def _words() -> dict[ContactMethod, set[str]]:
    data = yaml.safe_load(_LEXICON.read_text(encoding="utf-8"))
    return {ContactMethod(key): {str(w).lower() for w in words} for key, words in data.items()}


def contact_method(answer: str) -> ContactMethod | None:
    """Understand "sms", "soittakaa", "ايميل"..., or None when the answer names no method."""
    text = answer.strip().lower()
    for method, words in _words().items():
        if text == method.value or text in words:
            return method
    for method, words in _words().items():
        if any(word in text.split() for word in words):
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
