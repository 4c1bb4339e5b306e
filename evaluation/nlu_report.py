"""Summarise `rasa test nlu` results per language: accuracy, macro-F1, worst intents, confusions.

Usage:
  python evaluation/nlu_report.py RESULTS_DIR [--train-seconds FILE]
      RESULTS_DIR/<lang>/intent_report.json for lang in fi, en, ar (one model)
  python evaluation/nlu_report.py --compare RESULTS_ROOT
      RESULTS_ROOT/<candidate>/<lang>/intent_report.json (+ <candidate>/train-seconds)

Figures are per language and never averaged across languages. Macro-F1 is taken over the
intents of the test set; a message the model answered with `nlu_fallback` counts as a miss.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from pathlib import Path

from actions.topics import CONTENT_TOPICS

LANGUAGES = ("fi", "en", "ar")
CONTENT_INTENTS = set(CONTENT_TOPICS)
TARGET_ACCURACY = 0.92
TARGET_MACRO_F1 = 0.90
TARGET_CONTENT_F1 = 0.80
TARGET_EMERGENCY_RECALL = 0.95
AGGREGATE_KEYS = {"accuracy", "macro avg", "weighted avg", "micro avg"}


@dataclass(frozen=True)
class LanguageResult:
    language: str
    examples: int
    accuracy: float
    macro_f1: float
    per_intent: dict[str, dict]

    @property
    def emergency_recall(self) -> float:
        return float(self.per_intent["homeless_emergency"]["recall"])

    errors: tuple[dict, ...] = ()

    @property
    def emergency_false_alarms(self) -> int:
        """Messages of another intent that got the emergency answer (from intent_errors.json:
        the report's `confused_with` lists only the most frequent confusions)."""
        return sum(
            1
            for e in self.errors
            if (e.get("intent_prediction") or {}).get("name") == "homeless_emergency"
            and e.get("intent") != "homeless_emergency"
        )

    @property
    def weakest_content_f1(self) -> tuple[str, float]:
        name = min(
            (i for i in self.per_intent if i in CONTENT_INTENTS),
            key=lambda i: self.per_intent[i]["f1-score"],
        )
        return name, float(self.per_intent[name]["f1-score"])

    def worst(self, count: int = 5) -> list[tuple[str, float]]:
        ranked = sorted(self.per_intent.items(), key=lambda item: item[1]["f1-score"])
        return [(name, float(scores["f1-score"])) for name, scores in ranked[:count]]

    def confusions(self, count: int = 5) -> list[tuple[str, str, int]]:
        pairs = [
            (true, predicted, int(n))
            for true, scores in self.per_intent.items()
            for predicted, n in (scores.get("confused_with") or {}).items()
        ]
        return sorted(pairs, key=lambda pair: -pair[2])[:count]

    def meets_targets(self) -> bool:
        return (
            self.accuracy >= TARGET_ACCURACY
            and self.macro_f1 >= TARGET_MACRO_F1
            and self.weakest_content_f1[1] >= TARGET_CONTENT_F1
            and self.emergency_recall >= TARGET_EMERGENCY_RECALL
        )


def load(results_dir: Path, language: str) -> LanguageResult:
    report = json.loads((results_dir / language / "intent_report.json").read_text())
    per_intent = {
        name: scores
        for name, scores in report.items()
        if name not in AGGREGATE_KEYS and scores.get("support", 0) > 0
    }
    examples = sum(int(s["support"]) for s in per_intent.values())
    macro_f1 = sum(float(s["f1-score"]) for s in per_intent.values()) / len(per_intent)
    errors_file = results_dir / language / "intent_errors.json"
    errors = tuple(json.loads(errors_file.read_text())) if errors_file.exists() else ()
    accuracy = float(report["accuracy"])
    return LanguageResult(language, examples, accuracy, macro_f1, per_intent, errors)


def _mark(ok: bool) -> str:
    return "yes" if ok else "**NO**"


def language_section(result: LanguageResult) -> list[str]:
    weakest_name, weakest_f1 = result.weakest_content_f1
    lines = [
        f"### {result.language} ({result.examples} unseen test messages)",
        "",
        "| measure | value | target | met |",
        "|---|---|---|---|",
        f"| intent accuracy | {result.accuracy:.3f} | >= {TARGET_ACCURACY} "
        f"| {_mark(result.accuracy >= TARGET_ACCURACY)} |",
        f"| macro-F1 | {result.macro_f1:.3f} | >= {TARGET_MACRO_F1} "
        f"| {_mark(result.macro_f1 >= TARGET_MACRO_F1)} |",
        f"| lowest content-intent F1 | {weakest_f1:.3f} ({weakest_name}) "
        f"| >= {TARGET_CONTENT_F1} "
        f"| {_mark(weakest_f1 >= TARGET_CONTENT_F1)} |",
        f"| homeless_emergency recall | {result.emergency_recall:.3f} "
        f"| >= {TARGET_EMERGENCY_RECALL} "
        f"| {_mark(result.emergency_recall >= TARGET_EMERGENCY_RECALL)} |",
        f"| emergency answer to another intent (false alarms) | {result.emergency_false_alarms} "
        "| as few as possible | |",
        "",
        "Worst intents (F1): " + ", ".join(f"{name} {f1:.2f}" for name, f1 in result.worst()),
        "",
        "Most confused (true → predicted, count): "
        + (", ".join(f"{t} → {p} ({n})" for t, p, n in result.confusions()) or "none"),
        "",
    ]
    return lines


def single_model_report(results_dir: Path, train_seconds: float | None) -> str:
    results = [load(results_dir, language) for language in LANGUAGES]
    lines = ["## NLU evaluation on the held-out test set (`tests/nlu/`)", ""]
    if train_seconds is not None:
        lines += [f"Training time of this model on this machine: {train_seconds:.0f} s.", ""]
    for result in results:
        lines += language_section(result)
    verdict = all(result.meets_targets() for result in results)
    lines.append(f"All targets met in every language: {_mark(verdict)}")
    return "\n".join(lines)


def comparison_report(root: Path) -> str:
    lines = [
        "## Pipeline comparison on the held-out test set",
        "",
        "| candidate | train s | fi acc | fi F1 | en acc | en F1 | ar acc | ar F1 "
        "| min content F1 | emergency recall (fi/en/ar) | all targets |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for candidate in sorted(p for p in root.iterdir() if p.is_dir()):
        if not all((candidate / lang / "intent_report.json").exists() for lang in LANGUAGES):
            lines.append(f"| {candidate.name} | (incomplete run) |" + " |" * 9)
            continue
        results = [load(candidate, language) for language in LANGUAGES]
        seconds_file = candidate / "train-seconds"
        seconds = seconds_file.read_text().strip() if seconds_file.exists() else "?"
        cells = " | ".join(f"{r.accuracy:.3f} | {r.macro_f1:.3f}" for r in results)
        weakest = min(r.weakest_content_f1[1] for r in results)
        recall = "/".join(f"{r.emergency_recall:.2f}" for r in results)
        meets = _mark(all(r.meets_targets() for r in results))
        lines.append(
            f"| {candidate.name} | {seconds} | {cells} | {weakest:.3f} | {recall} | {meets} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results", type=Path)
    parser.add_argument("--compare", action="store_true")
    parser.add_argument("--train-seconds", type=Path)
    args = parser.parse_args()
    if args.compare:
        print(comparison_report(args.results))
        return
    seconds = None
    if args.train_seconds and args.train_seconds.exists():
        seconds = float(args.train_seconds.read_text().strip())
    print(single_model_report(args.results, seconds))


if __name__ == "__main__":
    main()
