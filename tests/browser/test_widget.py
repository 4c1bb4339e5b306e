"""The resident chat widget in real headless Chromium, talking to the real Rasa and action server.

Every test opens the demo page the action server serves at `/`, as a resident would, and talks
to the bot through the widget; nothing in between is mocked except where a test says it cuts
the network to see what a resident sees when the bot cannot be reached.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Page, Route, expect
from sqlalchemy import select

from actions.db.engine import build_engine, build_session_factory
from actions.db.models import ArticleFeedback
from tests.browser.conftest import ARTIFACTS
from tests.support.servers import RunningBot

pytestmark = [pytest.mark.browser, pytest.mark.e2e]
AXE = Path(__file__).with_name("node_modules") / "axe-core" / "axe.min.js"
ARABIC = re.compile(r"[\u0600-\u06FF]")
QUESTIONS = {
    "fi": ("En pysty maksamaan vuokraa tässä kuussa", "rent_arrears"),
    "en": ("How do I get my deposit back when I move out?", "deposit"),
    "ar": ("كيف أقدم طلب دعم السكن من كيلا؟", "housing_allowance"),
}


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened
    context.close()
    assert errors == [], f"JavaScript errors on the page: {errors}"


def open_chat(page: Page, bot: RunningBot, query: str = "lang=fi") -> None:
    page.goto(f"{bot.actions_url}/?{query}")
    expect(page.locator("#housing-chat[data-ready=true]")).to_be_attached()


def answers(page: Page) -> int:
    return page.locator(".hc-log > .hc-bot:not(.hc-welcome)").count()


def ask(page: Page, text: str) -> None:
    """Type a message and press Enter; wait for the bot's answer to be rendered."""
    before = answers(page)
    page.locator("#hc-input").fill(text)
    page.locator("#hc-input").press("Enter")
    expect(page.locator(".hc-log > .hc-bot:not(.hc-welcome)")).to_have_count(before + 1)


def last_answer(page: Page):  # type: ignore[no-untyped-def]
    return page.locator(".hc-log > .hc-bot:not(.hc-welcome)").last


def screenshot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"widget-{name}.png"), full_page=True)


def serious_accessibility_violations(page: Page) -> list[dict]:
    """Run axe-core (WCAG 2.0/2.1 A and AA rules) and keep serious and critical findings."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}
        })"""
    )
    assert len(result["passes"]) > 10, "axe-core did not check the page"
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("language", ["fi", "en", "ar"])
def test_a_conversation_in_each_language(page: Page, bot: RunningBot, language: str) -> None:
    question, topic = QUESTIONS[language]
    open_chat(page, bot, f"lang={language}")
    ask(page, question)
    answer = last_answer(page)
    card = answer.locator(".hc-card")
    expect(card).to_have_attribute("lang", language)
    title = card.locator(".hc-card-title").inner_text()
    article = httpx.get(f"{bot.actions_url}/articles/{language}/{topic}").json()
    assert title == article["title"]
    # The card shows where the information comes from and when it was checked.
    expect(card.locator(".hc-sources a")).to_have_count(len(article["sources"]))
    expect(card.locator("time")).to_have_attribute("datetime", article["reviewed"])
    assert card.locator(".hc-sources a").first.get_attribute("href") == article["sources"][0]["url"]
    # Quick replies offer "read more" in the same language.
    expect(answer.locator(".hc-quick-button").first).to_be_enabled()
    text = answer.locator(".hc-bubble").first.inner_text()
    assert bool(ARABIC.search(text)) == (language == "ar")
    screenshot(page, f"conversation-{language}")


def test_arabic_is_laid_out_right_to_left(page: Page, bot: RunningBot) -> None:
    open_chat(page, bot, "lang=ar")
    root = page.locator("#housing-chat")
    expect(root).to_have_attribute("dir", "rtl")
    expect(root).to_have_attribute("lang", "ar")
    ask(page, "عندي ديون كثيرة ولا أعرف ماذا أفعل")
    assert page.evaluate("getComputedStyle(document.querySelector('.hc-log')).direction") == "rtl"
    log = page.locator(".hc-log").bounding_box()
    user = page.locator(".hc-user .hc-bubble").last.bounding_box()
    bot_bubble = last_answer(page).locator(".hc-bubble").first.bounding_box()
    assert log and user and bot_bubble
    # Mirrored: the resident's own message sits on the left, the guide's answer starts right.
    assert user["x"] - log["x"] < 40
    assert (log["x"] + log["width"]) - (bot_bubble["x"] + bot_bubble["width"]) < 40
    # A Finnish word inside Arabic (mixed message) is still shown in the Arabic bubble.
    ask(page, "هل يمكنني الحصول على asumistuki إذا كنت طالبًا؟")
    expect(page.locator(".hc-user .hc-bubble").last).to_have_attribute("dir", "auto")
    screenshot(page, "arabic-rtl")


def test_a_keyboard_only_conversation(page: Page, bot: RunningBot) -> None:
    open_chat(page, bot, "lang=fi")
    page.keyboard.press("Tab")  # into the page: the first links, then the widget's controls
    for _ in range(30):
        if page.evaluate("document.activeElement.id") == "hc-input":
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "hc-input"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "the focused control must show a visible focus indicator"
    page.keyboard.type("Mitä vuokravakuudesta pitää tietää?")
    page.keyboard.press("Enter")
    expect(last_answer(page).locator(".hc-card")).to_have_count(1)
    expect(page.locator("#hc-input")).to_be_focused()
    # Shift+Tab back into the answer reaches its quick replies and the feedback buttons.
    for _ in range(40):
        page.keyboard.press("Shift+Tab")
        if page.evaluate("document.activeElement.textContent") == "Kyllä":
            break
    assert page.evaluate("document.activeElement.textContent") == "Kyllä"
    page.keyboard.press("Enter")
    expect(last_answer(page).locator(".hc-feedback-status")).to_have_text("Kiitos palautteesta!")
    engine = build_engine(bot.database_url)
    with build_session_factory(engine)() as session:
        stored = session.scalars(select(ArticleFeedback)).all()
    engine.dispose()
    assert any(f.topic == "deposit" and f.language == "fi" and f.helpful for f in stored)
    # "Read more" with the keyboard: focus it and press Space.
    before = answers(page)
    read_more = last_answer(page).get_by_role("button", name="Lue lisää")
    read_more.focus()
    page.keyboard.press("Space")
    expect(page.locator(".hc-log > .hc-bot:not(.hc-welcome)")).to_have_count(before + 1)
    expect(last_answer(page).locator("h4").first).to_be_visible()
    screenshot(page, "keyboard")


def test_html_and_script_in_messages_stay_text(page: Page, bot: RunningBot) -> None:
    open_chat(page, bot, "lang=en")
    attack = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script> my rent?'
    ask(page, attack)
    expect(page.locator(".hc-user .hc-bubble").last).to_have_text(attack)
    assert page.locator(".hc-log img, .hc-log script").count() == 0
    # A transcript in storage is rendered the same way, whatever a message contains.
    stored = json.loads(page.evaluate("sessionStorage.getItem('housing-chat:v1')"))
    stored["entries"].append(
        {
            "kind": "bot",
            "lang": "en",
            "messages": [
                {"text": "**Bold** [click](javascript:window.pwned=3) <b onclick=x>raw</b>"},
                {
                    "custom": {
                        "type": "article",
                        "topic": "deposit",
                        "lang": "en",
                        "dir": "ltr",
                        "title": "<img src=x onerror=window.pwned=4>",
                        "reviewed": "2026-11-24",
                        "sources": [{"title": "evil", "url": "javascript:window.pwned=5"}],
                    }
                },
            ],
        }
    )
    page.evaluate("(s) => sessionStorage.setItem('housing-chat:v1', s)", json.dumps(stored))
    page.reload()
    expect(page.locator("#housing-chat[data-ready=true]")).to_be_attached()
    answer = last_answer(page)
    expect(answer.locator("strong").first).to_have_text("Bold")
    expect(answer.locator(".hc-card-title")).to_have_text("<img src=x onerror=window.pwned=4>")
    hrefs = page.eval_on_selector_all(".hc-log a", "links => links.map(a => a.href)")
    assert not any(href.startswith("javascript:") for href in hrefs)
    assert page.locator(".hc-log img, .hc-log script, .hc-log b").count() == 0
    expect(answer.locator(".hc-sources li")).to_have_text(["evil"])
    assert page.evaluate("window.pwned") is None
    screenshot(page, "injection")


def test_orientation_mode_shows_two_languages_and_a_glossary(page: Page, bot: RunningBot) -> None:
    open_chat(page, bot, "lang=ar&orientation=ar,fi")
    font_size = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.hc')).fontSize)"
    )
    assert font_size >= 20, "orientation sessions use large text"
    ask(page, "ما هي وديعة الضمان وكيف أستردها؟")
    pair = last_answer(page)
    expect(pair.locator(".hc-col")).to_have_count(2)
    arabic, finnish = pair.locator(".hc-col").nth(0), pair.locator(".hc-col").nth(1)
    expect(arabic).to_have_attribute("dir", "rtl")
    expect(finnish).to_have_attribute("lang", "fi")
    assert ARABIC.search(arabic.locator(".hc-bubble").first.inner_text())
    assert "vuokranantaja" in finnish.inner_text().lower()
    assert not ARABIC.search(finnish.inner_text())
    # Side by side on a wide screen.
    left, right = arabic.bounding_box(), finnish.bounding_box()
    assert left and right and abs(left["y"] - right["y"]) < 5
    expect(finnish.locator("mark.hc-term").first).to_be_visible()
    glossary = pair.locator(".hc-glossary")
    expect(glossary.locator("dt", has_text="vuokravakuus")).to_have_count(1)
    explanation = glossary.locator("dt", has_text="vuokravakuus").locator(
        "xpath=following-sibling::dd[1]"
    )
    expect(explanation).to_have_attribute("lang", "ar")
    screenshot(page, "orientation")


def test_language_picker_switches_without_reloading(page: Page, bot: RunningBot) -> None:
    open_chat(page, bot, "lang=fi")
    page.evaluate("window.stillSamePage = true")
    ask(page, "Miten haen asumistukea?")
    page.get_by_role("button", name="العربية").click()
    expect(page.locator("#housing-chat")).to_have_attribute("dir", "rtl")
    expect(page.locator(".hc-send")).to_have_text("إرسال")
    expect(page.locator(".hc-log > .hc-bot:not(.hc-welcome)")).to_have_count(2)
    assert ARABIC.search(last_answer(page).inner_text())
    assert page.evaluate("window.stillSamePage") is True
    expect(page.get_by_role("button", name="العربية")).to_have_attribute("aria-pressed", "true")


def test_the_conversation_survives_a_reload_and_can_be_forgotten(
    page: Page, bot: RunningBot
) -> None:
    open_chat(page, bot, "lang=en")
    ask(page, "My landlord wants to evict me")
    sender = json.loads(page.evaluate("sessionStorage.getItem('housing-chat:v1')"))["sender"]
    page.reload()
    expect(page.locator("#housing-chat[data-ready=true]")).to_be_attached()
    expect(page.locator(".hc-user .hc-bubble")).to_have_text(["My landlord wants to evict me"])
    expect(last_answer(page).locator(".hc-card")).to_have_count(1)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Forget this conversation").click()
    expect(page.locator(".hc-user")).to_have_count(0)
    expect(page.locator(".hc-notice")).to_have_count(1)
    assert page.evaluate("sessionStorage.getItem('housing-chat:v1')") is None
    tracker = httpx.get(f"{bot.rasa_url}/conversations/{sender}/tracker", timeout=30).json()
    assert not [e for e in tracker.get("events", []) if e.get("event") == "user"]
    page.reload()
    expect(page.locator("#housing-chat[data-ready=true]")).to_be_attached()
    expect(page.locator(".hc-user")).to_have_count(0)


def test_a_counsellor_is_always_one_press_away(page: Page, bot: RunningBot) -> None:
    open_chat(page, bot, "lang=fi")
    ask(page, "Mitä on toimeentulotuki?")
    page.locator(".hc-log").evaluate("log => log.scrollTop = 0")
    counsellor = page.get_by_role("button", name="Pyydä asumisneuvojaa soittamaan")
    expect(counsellor).to_be_in_viewport()
    counsellor.click()
    expect(page.locator(".hc-log > .hc-bot:not(.hc-welcome)")).to_have_count(2)
    # The hand-off starts by saying what would be shared and asking for consent.
    expect(last_answer(page).get_by_role("button", name="Kyllä")).to_be_visible()


def test_typing_indicator_and_an_unreachable_bot(page: Page, bot: RunningBot) -> None:
    open_chat(page, bot, "lang=en")

    def slow(route: Route) -> None:
        page.wait_for_timeout(800)
        route.continue_()

    page.route("**/webhooks/rest/webhook", slow)
    page.locator("#hc-input").fill("hello")
    page.locator("#hc-input").press("Enter")
    expect(page.locator(".hc-typing")).to_have_text("The guide is writing")
    expect(page.locator(".hc-typing")).to_have_text("")
    page.unroute("**/webhooks/rest/webhook")
    # The network to Rasa is cut: the resident is told, and what they typed is not lost.
    page.route("**/webhooks/rest/webhook", lambda route: route.abort())
    page.locator("#hc-input").fill("I cannot pay my rent")
    page.locator("#hc-input").press("Enter")
    expect(page.locator(".hc-notice")).to_contain_text("cannot be reached")
    expect(page.locator("#hc-input")).to_have_value("I cannot pay my rent")


@pytest.mark.parametrize(("width", "name"), [(360, "phone-360px"), (640, "zoom-200pct")])
def test_usable_on_a_narrow_phone_and_at_200_percent_zoom(
    browser: Browser, bot: RunningBot, width: int, name: str
) -> None:
    # 200 % zoom of a 1280 px wide window leaves 640 CSS pixels, so that is what it is tested at.
    context = browser.new_context(viewport={"width": width, "height": 740})
    page = context.new_page()
    open_chat(page, bot, "lang=ar")
    ask(page, "صاحب البيت يريد طردي من الشقة")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, "no horizontal scrolling"
    for control in (".hc-send", ".hc-counsellor", ".hc-forget", "#hc-input"):
        box = page.locator(control).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= width, control
    screenshot(page, name)
    context.close()


@pytest.mark.parametrize("query", ["lang=fi", "lang=ar", "lang=en&orientation=en,fi"])
def test_axe_finds_no_serious_accessibility_violation(
    page: Page, bot: RunningBot, query: str
) -> None:
    open_chat(page, bot, query)
    assert serious_accessibility_violations(page) == []
    ask(page, QUESTIONS[query[5:7]][0])
    assert serious_accessibility_violations(page) == []


def test_arabic_phone_numbers_are_call_links_that_read_left_to_right(
    page: Page, bot: RunningBot
) -> None:
    open_chat(page, bot, "lang=ar")
    ask(page, "صاحب البيت يريد طردي من الشقة، ماذا أفعل؟")
    links = last_answer(page).locator(".hc-bubble a[href^='tel:']")
    expect(links.first).to_be_visible()
    grouped = [links.nth(i) for i in range(links.count()) if " " in links.nth(i).inner_text()]
    assert grouped, "the eviction answer gives a phone number in groups"
    for link in grouped:
        digits = re.sub(r"[^\d+]", "", link.inner_text())
        assert link.get_attribute("href") == f"tel:{digits}"
        # Its first digit is drawn left of its last digit: the groups are not reversed.
        assert link.evaluate(
            """a => { const text = a.firstChild, range = document.createRange();
                range.setStart(text, 0); range.setEnd(text, 1);
                const first = range.getBoundingClientRect().x;
                range.setStart(text, text.length - 1); range.setEnd(text, text.length);
                return first < range.getBoundingClientRect().x; }"""
        )
    screenshot(page, "arabic-phone-numbers")


def test_read_more_on_a_phone_is_one_page_to_scroll_and_ends_with_a_next_step(
    browser: Browser, bot: RunningBot
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    phone = context.new_page()
    try:
        open_chat(phone, bot, "lang=fi")
        ask(phone, "Mitä vuokravakuudesta pitää tietää?")
        before = answers(phone)
        last_answer(phone).get_by_role("button", name="Lue lisää").click()
        expect(phone.locator(".hc-log > .hc-bot:not(.hc-welcome)")).to_have_count(before + 1)
        overflow = phone.evaluate("getComputedStyle(document.querySelector('.hc-log')).overflowY")
        assert overflow == "visible", "no scrolling box inside the page on a phone"
        expect(
            last_answer(phone).get_by_role("button", name="Pyydä asumisneuvojaa soittamaan")
        ).to_be_visible()
        expect(phone.locator("#hc-input")).to_be_in_viewport()
        screenshot(phone, "phone-read-more")
    finally:
        context.close()
