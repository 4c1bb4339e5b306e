"""How urgent a hand-off is, derived from the conversation, never asked from the resident."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta

from actions.db.models import Urgency
from actions.extraction.facts import Facts
from actions.i18n.catalog import N_
from actions.topics import EMERGENCY_TOPIC

VIOLENCE_TOPIC = "domestic_violence"

# Labels the inbox shows as `urgency.<level>` and `reason.<code>` (keys listed for extraction).
# Translators: urgency levels and the reasons for them, shown to counsellors.
LABEL_KEYS = (
    N_("urgency.emergency"),
    N_("urgency.high"),
    N_("urgency.normal"),
    N_("reason.no_place_to_stay"),
    N_("reason.violence_at_home"),
    N_("reason.eviction"),
    N_("reason.court_or_enforcement"),
    N_("reason.deadline_within_two_weeks"),
    N_("reason.several_months_of_arrears"),
)
HIGH_URGENCY_WINDOW = timedelta(days=14)
SEVERAL_MONTHS_OF_ARREARS = 2
# Court or enforcement papers, in the words residents use.
_COURT_WORDS = re.compile(
    r"käräjäoikeu|haaste|ulosot|häätö|haato|court|summons|bailiff|evict|"
    r"محكم|المحكم|تنفيذ|ulosotto|ulosottomies",
    re.IGNORECASE,
)


def derive_urgency(
    topics: Iterable[str], facts: Facts, user_texts: Iterable[str], today: date
) -> tuple[Urgency, list[str]]:
    """Return the urgency and the reasons for it (stable codes the inbox translates)."""
    topics = set(topics)
    if EMERGENCY_TOPIC in topics:
        return Urgency.EMERGENCY, ["no_place_to_stay"]
    if VIOLENCE_TOPIC in topics:
        return Urgency.EMERGENCY, ["violence_at_home"]
    reasons = []
    if "eviction" in topics:
        reasons.append("eviction")
    if any(_COURT_WORDS.search(text) for text in user_texts):
        reasons.append("court_or_enforcement")
    if any(d - today <= HIGH_URGENCY_WINDOW for d in facts.deadlines):
        reasons.append("deadline_within_two_weeks")
    if (facts.arrears_months or 0) >= SEVERAL_MONTHS_OF_ARREARS:
        reasons.append("several_months_of_arrears")
    return (Urgency.HIGH, reasons) if reasons else (Urgency.NORMAL, [])
