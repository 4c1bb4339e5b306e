"""50 residents handing off at the same moment: 50 distinct tickets, through the real server.

Runs the real action server (uvicorn) on SQLite and on PostgreSQL and posts the calls over HTTP
concurrently, as Rasa would.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
from sqlalchemy import func, select

from actions.db.engine import build_engine, build_session_factory
from actions.db.models import Ticket
from tests.support.servers import running_action_server
from tests.support.trackers import action_call, consented_slots

RESIDENTS = 50


async def hand_off_all(url: str) -> list[str]:
    async with httpx.AsyncClient(base_url=url, timeout=60) as client:
        calls = [
            client.post(
                "/webhook",
                json=action_call(
                    "action_handoff_submit",
                    slots={"language": "fi", **consented_slots()},
                    sender_id=f"resident-{n}",
                ),
            )
            for n in range(RESIDENTS)
        ]
        responses = await asyncio.gather(*calls)
    assert all(r.status_code == 200 for r in responses)
    return [
        next(m["custom"]["reference"] for m in r.json()["responses"] if m.get("custom"))
        for r in responses
    ]


def test_fifty_concurrent_handoffs_store_fifty_tickets(database_url: str, tmp_path: Path) -> None:
    with running_action_server(tmp_path, database_url) as url:
        references = asyncio.run(hand_off_all(url))
    assert len(set(references)) == RESIDENTS
    engine = build_engine(database_url)
    with build_session_factory(engine)() as session:
        stored = set(session.scalars(select(Ticket.reference)))
        assert session.scalar(select(func.count()).select_from(Ticket)) == RESIDENTS
    engine.dispose()
    assert stored == set(references)
