"""Counsellor log-in: e-mail and password in, a short-lived bearer token out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, status
from fastapi.security import OAuth2PasswordRequestForm
from starlette.concurrency import run_in_threadpool

from actions.api.deps import SessionFactory, SettingsDep
from actions.api.schemas import TokenOut
from actions.security import issue_token
from actions.services.counsellors import authenticate

router = APIRouter(prefix="/api/auth", tags=["counsellors"])


@router.post("/token", response_model=TokenOut)
async def log_in(
    form: Annotated[OAuth2PasswordRequestForm, Depends()],
    factory: SessionFactory,
    settings: SettingsDep,
) -> TokenOut:
    """Exchange a counsellor's e-mail and password for an access token."""
    counsellor = await run_in_threadpool(authenticate, factory, form.username, form.password)
    if counsellor is None:
        raise HTTPException(
            status_code=status.HTTP_401_UNAUTHORIZED,
            detail="Wrong e-mail or password",
            headers={"WWW-Authenticate": "Bearer"},
        )
    minutes = settings.access_token_minutes
    token = issue_token(counsellor.email, settings.signing_key(), minutes)
    return TokenOut(access_token=token, expires_in=minutes * 60)
