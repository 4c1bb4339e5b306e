"""When the database is unreachable, nothing crashes and the resident still gets a way forward."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from actions.app import create_app
from actions.settings import Settings
from tests.support.trackers import action_call, consented_slots

UNREACHABLE = "postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=1"


@pytest.fixture
def down_client() -> Iterator[TestClient]:
    with TestClient(create_app(Settings(database_url=UNREACHABLE, secret_key="k" * 48))) as client:
        yield client


def test_health_says_the_database_is_down(down_client: TestClient) -> None:
    response = down_client.get("/health")
    assert response.status_code == 503
    assert response.json()["database"] == "down"


def test_handoff_gives_direct_contacts_instead_of_failing(down_client: TestClient) -> None:
    call = action_call("action_handoff_submit", slots={"language": "en", **consented_slots()})
    response = down_client.post("/webhook", json=call)
    assert response.status_code == 200
    text = response.json()["responses"][0]["text"]
    assert "asumisneuvo@lahti.fi" in text
    assert not [m for m in response.json()["responses"] if m.get("custom")]


def test_api_answers_503_not_500(down_client: TestClient) -> None:
    response = down_client.post("/api/auth/token", data={"username": "a@b.fi", "password": "x"})
    assert response.status_code == 503
