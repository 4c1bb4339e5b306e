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
# Typed answers to the hand-off's time and language questions.
PREFERRED_TIMES = {"fi": "aamupäivällä", "en": "mornings", "ar": "الصبح"}
CONTACT_LANGUAGES = {"fi": "suomeksi", "en": "in English", "ar": "بالعربي"}


def answers_up_to_the_read_back(language: str, method: str = "sms") -> list[str]:
    """What a resident answers, button by button or typed, from consent to the read-back."""
    contact = "resident@example.com" if method == "email" else "040 123 4567"
    return [
        "/affirm",
        method,
        contact,
        PREFERRED_TIMES[language],
        CONTACT_LANGUAGES[language],
        DESCRIPTIONS[language],
    ]
