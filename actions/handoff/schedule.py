"""When a resident can expect a counsellor's contact: office hours, Finnish public holidays."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache

import holidays

from actions.i18n.formatting import SERVICE_TIME_ZONE


@cache
def finnish_holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("FI", years=year)


@dataclass(frozen=True)
class OfficeHours:
    """Working days (0 = Monday) and the daily opening window, in Helsinki time."""

    opens: time = time(9, 0)
    closes: time = time(15, 0)
    weekdays: frozenset[int] = frozenset({0, 1, 2, 3, 4})
    extra_closed_days: frozenset[date] = frozenset()

    def is_working_day(self, day: date) -> bool:
        return (
            day.weekday() in self.weekdays
            and day not in finnish_holidays(day.year)
            and day not in self.extra_closed_days
        )

    def contact_by(self, received: datetime, working_hours: float) -> datetime:
        """The moment by which `working_hours` of office time have passed since `received`."""
        moment = received.astimezone(SERVICE_TIME_ZONE)
        remaining = timedelta(hours=working_hours)
        while True:
            day = moment.date()
            start = datetime.combine(day, self.opens, SERVICE_TIME_ZONE)
            end = datetime.combine(day, self.closes, SERVICE_TIME_ZONE)
            if self.is_working_day(day) and moment < end:
                moment = max(moment, start)
                if moment + remaining <= end:
                    return moment + remaining
                remaining -= end - moment
            moment = datetime.combine(day + timedelta(days=1), self.opens, SERVICE_TIME_ZONE)
