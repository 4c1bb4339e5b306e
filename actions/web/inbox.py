"""`/inbox`: log in with a session cookie, then see and work tickets, urgent first."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool

from actions.api.deps import SESSION_COOKIE, SessionFactory, SettingsDep
from actions.i18n.catalog import Translator
from actions.security import issue_token, token_subject
from actions.services.counsellors import active_counsellor, authenticate

router = APIRouter(tags=["inbox"], include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).with_name("templates"))
INBOX_LANGUAGE = "fi"


def _page(request: Request, name: str, status_code: int = 200, **context: object) -> HTMLResponse:
    text = Translator(INBOX_LANGUAGE)
    return templates.TemplateResponse(
        request,
        name,
        {"_": text.gettext, "lang": INBOX_LANGUAGE, **context},
        status_code=status_code,
    )


@router.get("/inbox", response_class=HTMLResponse)
def inbox(request: Request, factory: SessionFactory, settings: SettingsDep) -> HTMLResponse:
    """Show the inbox to a logged-in counsellor, or the log-in form."""
    cookie = request.cookies.get(SESSION_COOKIE)
    subject = token_subject(cookie, settings.signing_key()) if cookie else None
    counsellor = active_counsellor(factory, subject) if subject else None
    if counsellor is None:
        return _page(request, "login.html")
    return _page(request, "inbox.html", counsellor=counsellor)


@router.post("/inbox/login", response_model=None)
async def log_in(
    request: Request,
    factory: SessionFactory,
    settings: SettingsDep,
    email: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
) -> Response:
    """Check the password and set an HttpOnly, SameSite=Strict session cookie."""
    counsellor = await run_in_threadpool(authenticate, factory, email, password) if email else None
    if counsellor is None:
        return _page(request, "login.html", status_code=401, failed=True)
    response = RedirectResponse("/inbox", status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        issue_token(counsellor.email, settings.signing_key(), settings.access_token_minutes),
        max_age=settings.access_token_minutes * 60,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )
    return response


@router.post("/inbox/logout")
def log_out() -> RedirectResponse:
    response = RedirectResponse("/inbox", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response
