"""Request dependencies: settings, database sessions and the authenticated counsellor."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy.orm import Session, sessionmaker

from actions.db.models import Counsellor
from actions.security import token_subject
from actions.services.counsellors import active_counsellor
from actions.settings import Settings, get_settings

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/api/auth/token", auto_error=False)


def get_session_factory(request: Request) -> sessionmaker[Session]:
    factory: sessionmaker[Session] = request.app.state.sessions
    return factory


SessionFactory = Annotated[sessionmaker[Session], Depends(get_session_factory)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


def get_db(factory: SessionFactory) -> Iterator[Session]:
    with factory() as session:
        yield session


DbSession = Annotated[Session, Depends(get_db)]

_UNAUTHORIZED = HTTPException(
    status_code=status.HTTP_401_UNAUTHORIZED,
    detail="Not authenticated",
    headers={"WWW-Authenticate": "Bearer"},
)


def current_counsellor(
    factory: SessionFactory,
    settings: SettingsDep,
    token: Annotated[str | None, Depends(oauth2_scheme)],
) -> Counsellor:
    """Return the counsellor the bearer token names, or answer 401."""
    subject = token_subject(token, settings.signing_key()) if token else None
    counsellor = active_counsellor(factory, subject) if subject else None
    if counsellor is None:
        raise _UNAUTHORIZED
    return counsellor


CurrentCounsellor = Annotated[Counsellor, Depends(current_counsellor)]
