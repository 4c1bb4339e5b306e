"""A counsellor asked for inside a topic question is noticed in every language and dialect,
and a person merely mentioned ("the landlord does not talk with me") is not a request."""

from __future__ import annotations

import pytest

from actions.handoff.answers import asks_for_a_person

REQUESTS = [
    "sain ulosottopaperin, voinko puhua neuvojan kanssa",
    "voisko joku soittaa mulle huomenna",
    "i got a letter from court, can i get a counsellor",
    "i want a counsellor to call me about the debt",
    "وصلتني ورقة من ulosotto، اريد واحد من المستشارين يحچي وياي",
    "ابي احد يحجي وياي عن الايجار",
    "بدي حدا يحكي معي، ما فهمت الرسالة",
    "ممكن مستشار يتواصل معي؟",
    "عايز اكلم حد من المستشارين",
]

NOT_REQUESTS = [
    "haluan puhua vuokranantajan kanssa vuokrasta",
    "mitä velkaneuvoja tekee",
    "what does a debt counsellor do",
    "my landlord does not talk with me",
    "صاحب البيت ما يحكي معي",
    "شو بيعمل مستشار الديون؟",
]


@pytest.mark.parametrize("text", REQUESTS)
def test_a_request_for_a_person_is_noticed(text: str) -> None:
    assert asks_for_a_person(text)


@pytest.mark.parametrize("text", NOT_REQUESTS)
def test_a_person_only_mentioned_is_not_a_request(text: str) -> None:
    assert not asks_for_a_person(text)
