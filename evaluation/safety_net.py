"""How the emergency safety net's threshold trades missed emergencies against false alarms.

    make safety-net
    cd bot && PYTHONPATH=. ../.venv-rasa/bin/python ../evaluation/safety_net.py [MODEL]

Parses every message of the held-out test set (tests/nlu/) with the trained model and, for
each candidate threshold, counts per language: emergencies the answer would reach (recall) and
messages of other intents that would get the emergency answer. The safety net only changes the
predicted intent, never the ranking, so every threshold is simulated from one parse. Figures
are printed, not asserted: the chosen threshold (bot/config.yml, SafetyNetIntentBooster) is the
highest one that keeps recall 1.0 in every language.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Any

import yaml
from rasa.core.agent import Agent

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "models" / "housing-guide.tar.gz"
TEST_SET = ROOT / "tests" / "nlu"
EMERGENCY = "homeless_emergency"
FALLBACK = "nlu_fallback"
FALLBACK_THRESHOLD = 0.4  # bot/config.yml, FallbackClassifier: threshold
AMBIGUITY = 0.1  # and ambiguity_threshold
BOOSTS = (0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 1.01)  # SafetyNetIntentBooster.min_confidence
RESCUES = (0.3, 0.35, 0.4, 0.5, 1.01)  # SafetyNetFallbackRescue.min_confidence


def test_messages(language: str) -> list[tuple[str, str]]:
    messages = []
    for path in sorted((TEST_SET / language).glob("*.yml")):
        for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            for line in block["examples"].splitlines():
                text = line.strip()[2:].strip()
                if text:
                    messages.append((block["intent"], text))
    return messages


def answered_with_emergency(ranking: list[dict[str, Any]], boost: float, rescue: float) -> bool:
    """Would the emergency answer be given with the two safety-net thresholds?"""
    ranked = [entry for entry in ranking if entry["name"] != FALLBACK]
    if not ranked:
        return False
    top = ranked[0]
    confidence = {entry["name"]: entry["confidence"] for entry in ranked}.get(EMERGENCY, 0.0)
    boosted = top["name"] == EMERGENCY or confidence >= boost
    close = len(ranked) > 1 and top["confidence"] - ranked[1]["confidence"] < AMBIGUITY
    if top["confidence"] >= FALLBACK_THRESHOLD and not close:
        return boosted
    return top["name"] == EMERGENCY and top["confidence"] >= rescue


async def rankings(agent: Agent, messages: list[tuple[str, str]]) -> list[tuple[str, list]]:
    parsed = []
    for intent, text in messages:
        result = await agent.parse_message(text)
        parsed.append((intent, result.get("intent_ranking") or []))
    return parsed


async def main() -> None:
    model = Path(sys.argv[1]) if len(sys.argv) > 1 else MODEL
    agent = Agent.load(str(model))
    table = {}
    for language in ("fi", "en", "ar"):
        table[language] = await rankings(agent, test_messages(language))
    print(
        "| booster | rescue | "
        + " | ".join(f"{lang} recall | {lang} false alarms" for lang in table)
        + " |"
    )
    print("|---|---|" + "---:|---:|" * len(table))
    for boost in BOOSTS:
        for rescue in RESCUES:
            cells = []
            for parsed in table.values():
                emergencies = [r for intent, r in parsed if intent == EMERGENCY]
                others = [r for intent, r in parsed if intent != EMERGENCY]
                reached = sum(answered_with_emergency(r, boost, rescue) for r in emergencies)
                alarms = sum(answered_with_emergency(r, boost, rescue) for r in others)
                cells.append(f"{reached}/{len(emergencies)} | {alarms}")
            shown = [("off" if t > 1 else f"{t:.2f}") for t in (boost, rescue)]
            print(f"| {shown[0]} | {shown[1]} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    asyncio.run(main())
