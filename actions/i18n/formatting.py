"""Dates, times, numbers and euro amounts in the resident's locale, always through Babel.

Times are shown in Europe/Helsinki, where the service is; Arabic output carries direction marks,
so tests compare against Babel's own output rather than hand-typed strings.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from functools import cache
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_time, get_datetime_format
from babel.numbers import format_currency, format_decimal

SERVICE_TIME_ZONE = ZoneInfo("Europe/Helsinki")
_LOCALE_OF_LANGUAGE = {"fi": "fi_FI", "en": "en_FI", "ar": "ar"}


@cache
def locale_for(language: str) -> Locale:
    """Resolve a conversation language to its Babel locale once (fi→fi_FI, en→en_FI, ar→ar)."""
    return Locale.parse(_LOCALE_OF_LANGUAGE[language])


def day(value: date, language: str) -> str:
    """A calendar date, e.g. fi "24. marraskuuta 2026", en "24 November 2026"."""
    return format_date(value, format="long", locale=locale_for(language))


def moment(value: datetime, language: str) -> str:
    """A date and time of day in Helsinki time (naive values are taken as UTC)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=ZoneInfo("UTC"))
    local = value.astimezone(SERVICE_TIME_ZONE)
    locale = locale_for(language)
    # The locale's own way to join a date and a time, e.g. fi "{1} 'klo' {0}", as Babel does it.
    pattern = str(get_datetime_format("long", locale=locale)).replace("'", "")
    return pattern.replace("{0}", format_time(local, "short", locale=locale)).replace(
        "{1}", format_date(local, "full", locale=locale)
    )


def euros(amount: Decimal | int | float, language: str) -> str:
    """A euro amount in the locale's own convention, e.g. fi "850,50 €"."""
    return format_currency(amount, "EUR", locale=locale_for(language))


def number(value: Decimal | int | float, language: str) -> str:
    return format_decimal(value, locale=locale_for(language))
