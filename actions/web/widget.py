"""The resident chat widget: its demo page, interface text, glossary and feedback.

The widget itself is static JavaScript (`static/widget/`) that talks to Rasa's REST channel;
everything it says that is not a bot answer comes from the gettext catalogs served here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request, status
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from actions.api.deps import CurrentCounsellor, DbSession, SessionFactory, SettingsDep
from actions.content import ContentLibrary
from actions.glossary import Glossary
from actions.i18n.catalog import N_, Translator, text_direction
from actions.language import supported_language
from actions.services.feedback import FeedbackTotals, feedback_totals, record_feedback
from actions.settings import SUPPORTED_LANGUAGES, LanguageCode

router = APIRouter(tags=["web chat"])
templates = Jinja2Templates(directory=Path(__file__).with_name("templates"))
STATIC_DIR = Path(__file__).with_name("static") / "widget"

# Interface text of the widget, one catalog key each (English is the fallback catalog).
WIDGET_KEYS = (
    N_("widget.title"),
    N_("widget.language_label"),
    N_("widget.log_label"),
    N_("widget.you"),
    N_("widget.guide"),
    N_("widget.input_label"),
    N_("widget.input_hint"),
    N_("widget.send"),
    N_("widget.counsellor"),
    N_("widget.forget"),
    N_("widget.forget_confirm"),
    N_("widget.forgotten"),
    N_("widget.typing"),
    N_("widget.unreachable"),
    N_("widget.too_long"),
    N_("widget.welcome"),
    N_("widget.start_rent_arrears"),
    N_("widget.start_deposit"),
    N_("widget.start_housing_allowance"),
    N_("widget.start_newcomer"),
    N_("widget.start_debt_collection"),
    N_("widget.sources"),
    N_("widget.reviewed"),
    N_("widget.helpful_question"),
    N_("widget.helpful_yes"),
    N_("widget.helpful_no"),
    N_("widget.feedback_thanks"),
    N_("widget.feedback_failed"),
    N_("widget.ticket_reference"),
    N_("widget.orientation"),
    N_("widget.companion_label"),
    N_("widget.glossary_title"),
    N_("widget.privacy_note"),
    N_("widget.new_window"),
)


def get_content(request: Request) -> ContentLibrary:
    content: ContentLibrary = request.app.state.content
    return content


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def demo_page(
    request: Request, settings: SettingsDep, lang: Annotated[str, Query()] = "fi"
) -> HTMLResponse:
    """A page of the city website with the widget embedded: one element, one script tag."""
    language = supported_language(lang) or settings.default_language
    text = Translator(language)
    return templates.TemplateResponse(
        request,
        "widget_demo.html",
        {
            "_": text.gettext,
            "lang": language,
            "dir": text_direction(language),
            "rasa_url": settings.public_rasa_url,
        },
    )


@router.get("/widget/strings/{language}")
def widget_strings(language: str) -> dict[str, Any]:
    """The widget's interface text in one language, its direction and the languages' names."""
    code = supported_language(language)
    if code is None:
        raise HTTPException(404, f"unknown language {language!r}; use fi, en or ar")
    text = Translator(code)
    strings: dict[str, Any] = {
        key.removeprefix("widget."): text.template(key) for key in WIDGET_KEYS
    }
    # Each language is offered by its own name (suomi, English, العربية), whatever the interface.
    names = {other: Translator(other).gettext("language.name") for other in SUPPORTED_LANGUAGES}
    return {**strings, "languages": names, "lang": code, "dir": text_direction(code)}


@router.get("/widget/glossary")
def widget_glossary(request: Request) -> dict[str, Any]:
    """Key Finnish terms with English and Arabic explanations, for orientation sessions."""
    glossary: Glossary = request.app.state.glossary
    return glossary.model_dump(mode="json")


class FeedbackIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    topic: str = Field(max_length=40)
    language: LanguageCode
    helpful: bool
    orientation_session: bool = False


class FeedbackTotalsOut(BaseModel):
    topic: str
    language: str
    helpful: int
    not_helpful: int


@router.post("/feedback", status_code=status.HTTP_201_CREATED)
async def give_feedback(
    feedback: FeedbackIn, request: Request, factory: SessionFactory
) -> dict[str, bool]:
    """Store a resident's "was this helpful?" answer to one article."""
    if get_content(request).get(feedback.topic, feedback.language) is None:
        raise HTTPException(422, f"no article {feedback.topic!r} in {feedback.language!r}")
    await run_in_threadpool(
        record_feedback,
        factory,
        feedback.topic,
        feedback.language,
        feedback.helpful,
        feedback.orientation_session,
    )
    return {"stored": True}


@router.get("/api/feedback", tags=["counsellors"])
def read_feedback(session: DbSession, _: CurrentCounsellor) -> list[FeedbackTotalsOut]:
    """How helpful residents found each article, least helpful first."""
    totals: list[FeedbackTotals] = feedback_totals(session)
    return [FeedbackTotalsOut(**vars(row)) for row in totals]
