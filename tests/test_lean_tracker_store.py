"""The faster SQL tracker store stores and retrieves exactly what Rasa's SQLTrackerStore does.

The same conversation (new tracker, turns, a save with nothing new, a new session, a tracker
built outside the store) is saved through Rasa's store and through ours, in Rasa's own process,
on SQLite and on the PostgreSQL here; the stored rows and the retrieved events must match.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import make_url

from tests.support.databases import POSTGRES_URL, postgres_scratch_database
from tests.support.servers import run_in_rasa_process

SCENARIO = textwrap.dedent(
    """
    import asyncio, json, sys, time
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import (
        ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered)
    from rasa.shared.core.trackers import DialogueStateTracker
    from addons.forgetting_tracker_store import ForgettingSQLTrackerStore

    settings = json.loads(sys.argv[1])
    BASE = time.time() + 100  # the scenario's events are later than the created tracker's
    domain = Domain.from_dict({
        "intents": ["greet", "deposit"],
        "slots": {"topic": {"type": "text", "mappings": [{"type": "custom"}]}},
        "responses": {"utter_greet": [{"text": "hi"}]},
    })

    def turn(text, intent, at):
        return [
            UserUttered(text, {"name": intent, "confidence": 0.9}, timestamp=at),
            SlotSet("topic", intent, timestamp=at + 0.1),
            ActionExecuted("utter_greet", timestamp=at + 0.2),
            BotUttered("hi", timestamp=at + 0.3),
            ActionExecuted("action_listen", timestamp=at + 0.4),
        ]

    async def converse(store, sender):
        tracker = await store.get_or_create_tracker(sender)  # new: saved without retrieval
        for at, (text, intent) in enumerate([("hei", "greet"), ("vuokravakuus", "deposit")]):
            tracker = await store.retrieve(sender)
            for event in turn(text, intent, BASE + at):
                tracker.update(event)
            await store.save(tracker)
            await store.save(tracker)  # nothing new: nothing stored twice
        tracker = await store.retrieve(sender)  # a new session in the middle of a turn
        tracker.update(ActionExecuted("action_session_start", timestamp=BASE + 10.0))
        tracker.update(SessionStarted(timestamp=BASE + 10.1))
        tracker.update(ActionExecuted("action_listen", timestamp=BASE + 10.2))
        for event in turn("deposit", "deposit", BASE + 11.0):
            tracker.update(event)
        await store.save(tracker)
        tracker = await store.retrieve(sender)
        for event in turn("hello", "greet", BASE + 12.0):
            tracker.update(event)
        await store.save(tracker)
        # A tracker built outside the store (no memory of what is stored).
        retrieved = await store.retrieve(sender)
        rebuilt = DialogueStateTracker.from_events(sender, list(retrieved.events), domain.slots)
        for event in turn("kiitos", "greet", BASE + 13.0):
            rebuilt.update(event)
        await store.save(rebuilt)
        latest = await store.retrieve(sender)
        full = await store.retrieve_full_tracker(sender)
        return {
            "latest": [e.as_dict() for e in latest.events],
            "full": [e.as_dict() for e in full.events],
        }

    async def main():
        results = {"base": BASE}
        for name, cls in (("stock", SQLTrackerStore), ("lean", ForgettingSQLTrackerStore)):
            store = cls(domain=domain, **settings)
            results[name] = await converse(store, "conversation-" + name)
            with store.engine.connect() as connection:
                rows = connection.exec_driver_sql(
                    "SELECT type_name, intent_name, action_name, timestamp, data FROM events "
                    "WHERE sender_id = 'conversation-" + name + "' ORDER BY id").fetchall()
            results[name]["rows"] = [list(row) for row in rows]
        print(json.dumps(results))

    asyncio.run(main())
    """
)


def _run(settings: dict[str, object]) -> dict[str, Any]:
    output: dict[str, Any] = json.loads(run_in_rasa_process(SCENARIO, json.dumps(settings)))
    return output


@pytest.fixture
def postgres_tracker_database() -> Iterator[dict[str, object]]:
    url = make_url(POSTGRES_URL)
    with postgres_scratch_database("lean_tracker") as name:
        yield {
            "dialect": "postgresql",
            "host": url.host,
            "port": url.port or 5432,
            "db": name,
            "username": url.username,
            "password": url.password or "",
        }


def _without_creation_times(value: Any, base: float) -> Any:
    """The scenario's own events have fixed times; the created tracker's listen has 'now'."""
    if isinstance(value, float) and value < base:
        return "created"
    if isinstance(value, str) and value.startswith("{"):
        return json.dumps(_without_creation_times(json.loads(value), base))
    if isinstance(value, dict):
        return {key: _without_creation_times(item, base) for key, item in value.items()}
    if isinstance(value, list):
        return [_without_creation_times(item, base) for item in value]
    return value


def _assert_same_as_rasa(results: dict[str, Any]) -> None:
    stock = _without_creation_times(results["stock"], results["base"])
    lean = _without_creation_times(results["lean"], results["base"])
    assert lean["rows"] == stock["rows"]
    assert lean["latest"] == stock["latest"]
    assert lean["full"] == stock["full"]
    # Every event once: the created tracker's listen, 2 turns x 5, the session's 3 + 5, 5, 5.
    assert len(lean["rows"]) == 1 + 10 + 8 + 5 + 5
    assert len({json.dumps(row) for row in lean["rows"]}) == len(lean["rows"])


def test_same_rows_as_rasa_on_sqlite(tmp_path: Path) -> None:
    _assert_same_as_rasa(_run({"dialect": "sqlite", "db": str(tmp_path / "tracker.db")}))


def test_same_rows_as_rasa_on_postgresql(postgres_tracker_database: dict[str, object]) -> None:
    _assert_same_as_rasa(_run(postgres_tracker_database))
