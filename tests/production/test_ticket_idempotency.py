"""A hand-off submit that is repeated (Rasa retries it after the action server restarted, or it
runs twice at once) returns the ticket already stored for that form run, on SQLite and PostgreSQL.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from actions.db.engine import build_engine, build_session_factory
from actions.db.models import Ticket
from actions.services.tickets import TicketRequest, create_ticket
from tests.support.trackers import action_call, consented_slots

REQUEST = TicketRequest(conversation_id="resident-1", language="fi", submission_key="form@1.5")


def count_tickets(database_url: str) -> int:
    engine = build_engine(database_url)
    with build_session_factory(engine)() as session:
        count = session.scalar(select(func.count()).select_from(Ticket)) or 0
    engine.dispose()
    return count


def test_a_repeated_submit_returns_the_ticket_already_stored(database_url: str) -> None:
    engine = build_engine(database_url)
    sessions = build_session_factory(engine)
    first = create_ticket(sessions, REQUEST)
    again = create_ticket(sessions, REQUEST)
    next_form = create_ticket(sessions, replace(REQUEST, submission_key="form@9.5"))
    unkeyed = [create_ticket(sessions, replace(REQUEST, submission_key=None)) for _ in range(2)]
    engine.dispose()
    assert again.reference == first.reference
    assert next_form.reference != first.reference
    assert unkeyed[0].reference != unkeyed[1].reference  # no key, no deduplication
    assert count_tickets(database_url) == 4


def test_simultaneous_identical_submits_store_one_ticket(database_url: str) -> None:
    engine = build_engine(database_url)
    sessions = build_session_factory(engine)
    with ThreadPoolExecutor(8) as pool:
        references = set(pool.map(lambda _: create_ticket(sessions, REQUEST).reference, range(8)))
    engine.dispose()
    assert len(references) == 1
    assert count_tickets(database_url) == 1


def test_the_submit_action_keys_the_ticket_by_the_form_run(client: TestClient) -> None:
    def submit(activated_at: float) -> str:
        events = [{"event": "active_loop", "name": "handoff_form", "timestamp": activated_at}]
        call = action_call(
            "action_handoff_submit",
            slots={"language": "fi", **consented_slots()},
            sender_id="resident-2",
            events=events,
        )
        body = client.post("/webhook", json=call).json()
        return str(next(m["custom"]["reference"] for m in body["responses"] if m.get("custom")))

    assert submit(1_700_000_000.25) == submit(1_700_000_000.25)
    assert submit(1_700_000_500.75) != submit(1_700_000_000.25)
