"""When a resident prefers to be contacted: the periods the form recognises and their labels."""

from __future__ import annotations

from actions.i18n.catalog import N_


class Period:
    """Codes stored on the ticket (`preferred_period`)."""

    MORNING, AFTERNOON, EVENING, ANY = "morning", "afternoon", "evening", "any"


# Translators: a preferred time of contact, in the read-back, on buttons and for counsellors.
PERIOD_KEYS = {
    Period.MORNING: N_("handoff.time_morning"),
    Period.AFTERNOON: N_("handoff.time_afternoon"),
    Period.EVENING: N_("handoff.time_evening"),
    Period.ANY: N_("handoff.time_any"),
}
