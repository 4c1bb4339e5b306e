"""Rasa's SQLTrackerStore with fewer round trips per turn, same table and same results.

Profiling a replica under load showed the tracker store as its largest cost after the NLU: on
every save, `SQLTrackerStore` counts the conversation's stored events again to know which
events are new, and it inserts them one ORM object (one INSERT ... RETURNING) at a time. This
store remembers, on the tracker it hands out, how many of its events are already stored, so a
save of a retrieved tracker needs no COUNT, and it inserts the new events in one statement,
with no transaction around single statements (each is atomic by itself). A tracker that was
not retrieved here (a new conversation, a tracker built elsewhere) falls back to Rasa's count,
so nothing is ever stored twice or skipped. The calls stay synchronous, as in Rasa's store:
running them in a worker thread was measured slower (bench/, the GIL passes between the threads).

Several replicas stay consistent: Rasa retrieves and saves a conversation's tracker under the
conversation's lock (RedisLockStore), so no other replica writes between the two.
"""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs
from rasa.shared.core.events import Event
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY
from sqlalchemy.orm import sessionmaker

# Attribute set on trackers handed out by this store: their first N events are stored.
STORED_EVENTS_ATTRIBUTE = "_lean_sql_stored_events"


def stored_event_count(tracker: DialogueStateTracker) -> int | None:
    """How many of the tracker's events are known to be stored (None: unknown)."""
    count = getattr(tracker, STORED_EVENTS_ATTRIBUTE, None)
    return count if isinstance(count, int) and count <= len(tracker.events) else None


def remember_stored_events(tracker: DialogueStateTracker, count: int) -> None:
    setattr(tracker, STORED_EVENTS_ATTRIBUTE, count)


class LeanSQLTrackerStore(SQLTrackerStore):
    """SQLTrackerStore without the per-save COUNT and with one INSERT per save."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Every statement here is a single one (one SELECT, one multi-row INSERT, one DELETE),
        # atomic on its own: in autocommit mode the driver sends no BEGIN, COMMIT or the
        # ROLLBACK that returns a connection to the pool, a round trip each.
        # Connections are made in that mode (not switched on every checkout, another round trip).
        url = self.engine.url
        self.engine.dispose()
        self.engine = sa.create_engine(
            url, isolation_level="AUTOCOMMIT", **create_engine_kwargs(url)
        )
        self.sessionmaker = sessionmaker(bind=self.engine)

    async def _retrieve(
        self, sender_id: str, fetch_events_from_all_sessions: bool
    ) -> DialogueStateTracker | None:
        stored = self._stored_event_data(sender_id, fetch_events_from_all_sessions)
        events = [json.loads(data) for data in stored]
        if not self.domain or not events:
            return None
        tracker = DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
        # Only the latest session's events are what `save` compares with.
        if not fetch_events_from_all_sessions and len(tracker.events) == len(events):
            remember_stored_events(tracker, len(events))
        return tracker

    async def save(self, tracker: DialogueStateTracker) -> None:
        await self.stream_events(tracker)
        events = list(tracker.events)
        self._insert_new_events(tracker.sender_id, events, stored_event_count(tracker))
        remember_stored_events(tracker, len(events))

    def _stored_event_data(self, sender_id: str, all_sessions: bool) -> list[str]:
        with self.session_scope() as session:
            query = self._event_query(session, sender_id, all_sessions)
            return [data for (data,) in query.with_entities(self.SQLEvent.data).all()]

    def _insert_new_events(self, sender_id: str, events: list[Event], stored: int | None) -> None:
        with self.session_scope() as session:
            if stored is None:  # Rasa's way: count what the latest session has stored
                stored = self._event_query(session, sender_id, False).count()
            rows = [self._row(sender_id, event) for event in events[stored:]]
            if rows:
                session.execute(self.SQLEvent.__table__.insert(), rows)
            session.commit()

    def delete_conversation(self, sender_id: str) -> None:
        """Delete every stored event of the conversation (all its sessions)."""
        with self.session_scope() as session:
            session.query(self.SQLEvent).filter(self.SQLEvent.sender_id == sender_id).delete(
                synchronize_session=False
            )
            session.commit()

    @staticmethod
    def _row(sender_id: str, event: Event) -> dict[str, Any]:
        """The `events` row Rasa's SQLTrackerStore.save writes for this event."""
        data = event.as_dict()
        return {
            "sender_id": sender_id,
            "type_name": event.type_name,
            "timestamp": data.get("timestamp"),
            "intent_name": data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
            "action_name": data.get("name"),
            "data": json.dumps(data),
        }
