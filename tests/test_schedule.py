"""When a resident is told to expect contact: office hours, weekends and Finnish holidays."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from actions.handoff.schedule import OfficeHours
from actions.i18n.formatting import SERVICE_TIME_ZONE


def helsinki(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=SERVICE_TIME_ZONE)


@pytest.mark.parametrize(
    ("received", "expected"),
    [
        (helsinki(2026, 11, 24, 10, 0), helsinki(2026, 11, 25, 10, 0)),  # Tue 10 -> Wed 10
        (helsinki(2026, 11, 24, 20, 0), helsinki(2026, 11, 25, 15, 0)),  # evening -> next day
        (helsinki(2026, 11, 27, 14, 0), helsinki(2026, 11, 30, 14, 0)),  # Fri -> Mon
        (helsinki(2026, 12, 23, 12, 0), helsinki(2026, 12, 28, 12, 0)),  # Christmas in between
        (helsinki(2026, 12, 5, 9, 0), helsinki(2026, 12, 7, 15, 0)),  # Sat; Independence Day Sun
    ],
)
def test_one_working_day(received: datetime, expected: datetime) -> None:
    assert OfficeHours().contact_by(received, working_hours=6) == expected


def test_extra_closed_days_are_skipped() -> None:
    hours = OfficeHours(extra_closed_days=frozenset({date(2026, 11, 25)}))
    assert hours.contact_by(helsinki(2026, 11, 24, 14, 0), 2) == helsinki(2026, 11, 26, 10, 0)
