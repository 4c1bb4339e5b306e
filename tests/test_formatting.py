"""Dates, times and amounts read naturally in each language, in Helsinki time."""

from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Decimal

import pytest

from actions.i18n import formatting
from actions.i18n.catalog import Translator, text_direction


def test_dates_use_each_languages_month_names() -> None:
    day = date(2026, 11, 24)
    assert formatting.day(day, "fi") == "24. marraskuuta 2026"
    assert formatting.day(day, "en") == "24 November 2026"
    assert "نوفمبر" in formatting.day(day, "ar")


@pytest.mark.parametrize(
    ("utc_moment", "helsinki_clock"),
    [
        (datetime(2026, 11, 24, 13, 5, tzinfo=timezone.utc), "15.05"),  # EET, UTC+2
        (datetime(2026, 7, 14, 13, 5, tzinfo=timezone.utc), "16.05"),  # EEST, UTC+3
    ],
)
def test_times_are_shown_in_helsinki_time(utc_moment: datetime, helsinki_clock: str) -> None:
    assert helsinki_clock in formatting.moment(utc_moment, "fi")


def test_euro_amounts_follow_the_locale() -> None:
    assert formatting.euros(Decimal("850.50"), "fi") == "850,50\xa0€"
    arabic = formatting.euros(Decimal("850.50"), "ar")
    assert "850.50" in arabic and "€" in arabic


def test_arabic_is_right_to_left_and_the_others_left_to_right() -> None:
    assert [text_direction(lang) for lang in ("fi", "en", "ar")] == ["ltr", "ltr", "rtl"]


def test_placeholders_are_filled_in_every_language() -> None:
    for language in ("fi", "en", "ar"):
        text = Translator(language).gettext(
            "handoff.created", reference="K7QM-4XPD", contact_by="ti 1.12. klo 12"
        )
        assert "K7QM-4XPD" in text and "ti 1.12. klo 12" in text and "{" not in text
