"""Play the typed-conversation corpus through the real Rasa and action servers; print the figures.

    make converse                          # every conversation -> evaluation/conversation-report.md
    .venv-actions/bin/python evaluation/converse.py --only fi-oven-broken --verbose

Each conversation gets its own sender id and a fresh SQLite database shared by the run; the
figures per language and the targets of issue 14 are printed and written as Markdown. The exit
status is 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from actions.db.migrate import upgrade_to_head  # noqa: E402
from tests.support.corpus import (  # noqa: E402
    LANGUAGES,
    TARGETS,
    ConversationResult,
    LanguageScore,
    load_corpus,
    play,
    score,
)
from tests.support.servers import running_bot  # noqa: E402

REPORT = ROOT / "evaluation" / "conversation-report.md"
# Conversations played at once: each waits on the servers most of the time.
PARALLEL = 4


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--only", nargs="*", help="conversation ids to play")
    parser.add_argument("--fast", action="store_true", help="only the conversations marked fast")
    parser.add_argument("--verbose", action="store_true", help="print every turn")
    parser.add_argument("--report", type=Path, default=REPORT, help="where to write the report")
    return parser.parse_args()


def target_table(scores: dict[str, LanguageScore]) -> list[str]:
    lines = ["| | " + " | ".join(LANGUAGES) + " | target |", "|---|" + "---:|" * 4]
    for target in TARGETS:
        cells = []
        for lang in LANGUAGES:
            s = scores[lang]
            shown = {
                TARGETS[0].name: str(s.tickets),
                TARGETS[1].name: str(s.declined),
                TARGETS[2].name: str(s.repeated),
                TARGETS[3].name: str(s.language),
                TARGETS[4].name: str(s.topic),
            }[target.name]
            cells.append(f"{shown} {'✓' if s.meets(target) else '✗'}")
        wanted = f"≥ {target.minimum:.2f}" if target.minimum is not None else f"≤ {target.maximum}"
        lines.append(f"| {target.name} | " + " | ".join(cells) + f" | {wanted} |")
    extra = (
        ("conversations passing every check", lambda s: f"{s.passed}/{s.conversations}"),
        ("turns meeting every expectation", lambda s: str(s.expectations)),
        ("emergency answered, 112 first", lambda s: str(s.emergencies)),
        ("emergency false alarms (turns)", lambda s: str(s.false_alarms)),
    )
    for name, value in extra:
        lines.append(
            f"| {name} | " + " | ".join(value(scores[lang]) for lang in LANGUAGES) + " | |"
        )
    return lines


def failure_lines(results: list[ConversationResult]) -> list[str]:
    lines = []
    for result in results:
        if not result.passed:
            lines.append(f"- **{result.conversation.id}** ({result.conversation.note.strip()})")
            lines += [f"  - {failure}" for failure in result.all_failures()]
    return lines or ["None."]


def report(results: list[ConversationResult], seconds: float) -> tuple[str, bool]:
    scores = score(results)
    met = all(scores[lang].meets(t) for lang in LANGUAGES for t in TARGETS)
    turns = sum(len(r.turns) for r in results)
    lines = [
        "# Typed conversations: how the bot holds them",
        "",
        f"`make converse`, {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC: {len(results)} "
        f"conversations, {turns} typed turns, through the real Rasa server and the real action "
        f"server ({seconds:.0f} s). Corpus: tests/conversations/ (how it was written: its README).",
        "",
        *target_table(scores),
        "",
        f"All targets met in every language: {'yes' if met else 'no'}",
        "",
        "## Conversations with a failed check",
        "",
        *failure_lines(results),
        "",
    ]
    return "\n".join(lines), met


def print_turns(result: ConversationResult) -> None:
    print(f"\n== {result.conversation.id} ({'ok' if result.passed else 'FAILED'})")
    for turn in result.turns:
        seen = turn.observed
        print(f"  > {turn.user}")
        for text in seen.texts:
            print("    < " + text.replace("\n", " ")[:220])
        state = f"topics={seen.topics} asking={seen.asking} lang={seen.language}"
        print(f"    [{state} actions={seen.actions}]")
        for failure in turn.failures:
            print(f"    !! {failure}")
    for failure in result.failures:
        print(f"  !! {failure}")


def main() -> int:
    args = arguments()
    corpus = load_corpus()
    if args.only:
        corpus = [c for c in corpus if c.id in args.only]
    if args.fast:
        corpus = [c for c in corpus if c.fast]
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="converse-") as workdir:
        database_url = f"sqlite:///{workdir}/converse.db"
        upgrade_to_head(database_url)
        with running_bot(Path(workdir), database_url) as bot, ThreadPoolExecutor(PARALLEL) as pool:
            results = list(pool.map(lambda c: play(bot, c), corpus))
    if args.verbose:
        for result in results:
            print_turns(result)
    text, met = report(results, time.monotonic() - started)
    print(text)
    if not args.only and not args.fast:
        args.report.write_text(text, encoding="utf-8")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
