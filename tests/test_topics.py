"""One list of topics (content/topics.yml): Rasa's domain and rules name exactly those intents."""

from __future__ import annotations

from pathlib import Path

import yaml

from actions.topics import CONTENT_TOPICS, EMERGENCY_TOPIC, NEVER_OVERRIDDEN, OFFER_COUNSELLOR_AFTER

ROOT = Path(__file__).resolve().parent.parent


def test_the_domain_declares_every_topic_as_an_intent() -> None:
    domain = yaml.safe_load((ROOT / "bot" / "domain.yml").read_text(encoding="utf-8"))
    assert set(CONTENT_TOPICS) - set(domain["intents"]) == set()


def test_the_answer_rule_covers_exactly_the_topics() -> None:
    rules = yaml.safe_load((ROOT / "bot" / "data" / "rules.yml").read_text(encoding="utf-8"))
    rule = next(r for r in rules["rules"] if r["rule"].startswith("answer a housing question"))
    intents = [step["intent"] for step in rule["steps"][0]["or"]]
    assert sorted(intents) == sorted(CONTENT_TOPICS)


def test_the_flags_name_listed_topics() -> None:
    assert EMERGENCY_TOPIC in CONTENT_TOPICS
    assert set(CONTENT_TOPICS) >= (OFFER_COUNSELLOR_AFTER | NEVER_OVERRIDDEN)
    assert len(CONTENT_TOPICS) == len(set(CONTENT_TOPICS))
