"""Counsellor log-in: e-mail and password in, a short-lived bearer token out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, status
from starlette.concurrency import run_in_threadpool

from actions.api.deps import SessionFactory, SettingsDep
from actions.api.schemas import TokenOut
from actions.security import issue_token
from actions.services.counsellors import authenticate

router = APIRouter(prefix="/api/auth", tags=["counsellors"])


@router.post("/token", response_model=TokenOut)
async def log_in(
    factory: SessionFactory,
    settings: SettingsDep,
    username: Annotated[str | None, Form()] = None,
    password: Annotated[str | None, Form()] = None,
) -> TokenOut:
    """Exchange a counsellor's e-mail and password (OAuth2 password form) for an access token."""
    counsellor = None
    if username and password:
        counsellor = await run_in_threadpool(authenticate, factory, username, password)
    if counsellor is None:
        raise HTTPException(
            status_code=status.HTTP_401_UNAUTHORIZED,
            detail="Wrong e-mail or password",
            headers={"WWW-Authenticate": "Bearer"},
        )
    minutes = settings.access_token_minutes
    token = issue_token(counsellor.email, settings.signing_key(), minutes)
    return TokenOut(access_token=token, expires_in=minutes * 60)
