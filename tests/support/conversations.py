"""What residents say in the end-to-end conversations, one phrase per language."""

from __future__ import annotations

ASK_FOR_A_PERSON = {
    "fi": "haluan puhua ihmisen kanssa",
    "en": "I want to talk to a person",
    "ar": "أريد التحدث مع شخص",
}
# A description that makes the ticket urgent: eviction and a court date.
DESCRIPTIONS = {
    "fi": "vuokranantaja uhkaa häädöllä ja käräjäoikeus on 15.12.",
    "en": "my landlord wants to evict me, the court date is 15 December",
    "ar": "صاحب البيت يريد طردي والمحكمة يوم 15/12",
}
