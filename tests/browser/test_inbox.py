"""The counsellor inbox in real headless Chromium (Debian's /usr/bin/chromium via Playwright)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from actions.db.engine import build_engine, build_session_factory
from actions.db.migrate import upgrade_to_head
from actions.db.models import Urgency
from actions.services.counsellors import create_counsellor
from actions.services.tickets import TicketRequest, create_ticket
from tests.browser.conftest import ARTIFACTS
from tests.support.servers import running_action_server

pytestmark = pytest.mark.browser
PASSWORD = "inbox test password"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, str]]:
    database_url = f"sqlite:///{tmp_path / 'inbox.db'}"
    upgrade_to_head(database_url)
    engine = build_engine(database_url)
    create_counsellor(build_session_factory(engine), "anna@lahti.example", PASSWORD)
    engine.dispose()
    with running_action_server(tmp_path, database_url) as url:
        yield url, database_url


def add_ticket(database_url: str, urgency: Urgency, topics: list[str]) -> str:
    engine = build_engine(database_url)
    request = TicketRequest(
        conversation_id="browser",
        language="ar",
        topic=topics[0],
        topics=topics,
        urgency=urgency,
        contact_method="phone",
        contact_value="+358401234567",
        description="<script>alert('x')</script> ei yöpaikkaa",
    )
    reference = create_ticket(build_session_factory(engine), request).reference
    engine.dispose()
    return reference


def screenshot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"inbox-{name}.png"), full_page=True)


def test_a_counsellor_logs_in_sees_new_tickets_and_works_one(
    browser: Browser, server: tuple[str, str]
) -> None:
    url, database_url = server
    add_ticket(database_url, Urgency.NORMAL, ["deposit"])
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{url}/inbox")
    page.get_by_label("Sähköposti").fill("anna@lahti.example")
    page.get_by_label("Salasana").fill(PASSWORD)
    page.get_by_role("button", name="Kirjaudu").click()
    expect(page.locator("#tickets li")).to_have_count(1)

    urgent = add_ticket(database_url, Urgency.EMERGENCY, ["homeless_emergency"])
    expect(page.locator("#tickets li")).to_have_count(2, timeout=10_000)  # no reload
    expect(page.locator("#tickets li").first).to_contain_text(urgent)
    screenshot(page, "list")

    page.locator("#tickets li").first.get_by_role("button").click()
    expect(page.locator("#summary")).to_contain_text("Hätä (ei yöpaikkaa)")
    expect(page.locator("#summary")).to_contain_text("<script>alert('x')</script>")  # as text
    page.get_by_role("button", name="Ota hoitaakseni").click()
    expect(page.locator("#detail-title")).to_contain_text("Työn alla")
    page.get_by_label("Sisäinen muistiinpano").fill("Soitin, sovittiin tapaaminen")
    page.get_by_role("button", name="Lisää muistiinpano").click()
    expect(page.locator("#notes")).to_contain_text("Soitin, sovittiin tapaaminen")
    page.get_by_label("Lopputulos").fill("Ohjattu päivystysmajoitukseen")
    page.get_by_role("button", name="Sulje pyyntö").click()
    expect(page.locator("#detail-title")).to_contain_text("Suljettu")
    screenshot(page, "closed")
    assert dialogs == []  # the description's script never ran


def test_a_wrong_password_shows_an_error(browser: Browser, server: tuple[str, str]) -> None:
    url, _ = server
    page = browser.new_page()
    page.goto(f"{url}/inbox")
    page.get_by_label("Sähköposti").fill("anna@lahti.example")
    page.get_by_label("Salasana").fill("wrong password")
    page.get_by_role("button", name="Kirjaudu").click()
    expect(page.get_by_role("alert")).to_contain_text("Väärä sähköposti tai salasana")


def test_numbers_in_an_arabic_ticket_read_left_to_right(
    browser: Browser, server: tuple[str, str]
) -> None:
    url, database_url = server
    engine = build_engine(database_url)
    request = TicketRequest(
        conversation_id="browser-ar",
        language="ar",
        topic="rent_arrears",
        topics=["rent_arrears"],
        urgency=Urgency.NORMAL,
        contact_method="phone",
        contact_value="040 123 4567",
        description="وصلتني رسالة بتاريخ 1.12.2026، رقمي 040 123 4567",
    )
    create_ticket(build_session_factory(engine), request)
    engine.dispose()
    page = browser.new_page()
    page.goto(f"{url}/inbox")
    page.get_by_label("Sähköposti").fill("anna@lahti.example")
    page.get_by_label("Salasana").fill(PASSWORD)
    page.get_by_role("button", name="Kirjaudu").click()
    page.locator("#tickets li").first.get_by_role("button").click()
    numbers = page.locator("#summary dd bdi[dir=ltr]")
    expect(numbers.filter(has_text="040 123 4567").first).to_be_visible()
    expect(numbers.filter(has_text="1.12.2026")).to_have_count(1)
    description = page.locator("#summary dd", has_text="وصلتني")
    assert description.evaluate("dd => getComputedStyle(dd).direction") == "rtl"
