"""Request dependencies: settings, database sessions and the authenticated counsellor."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy.orm import Session, sessionmaker

from actions.db.models import Counsellor, Role
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


SESSION_COOKIE = "hg_session"
CSRF_HEADER = "x-requested-with"
_SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def current_counsellor(
    request: Request,
    factory: SessionFactory,
    settings: SettingsDep,
    token: Annotated[str | None, Depends(oauth2_scheme)],
) -> Counsellor:
    """Return the counsellor named by the bearer token or the inbox's session cookie, or 401.

    A cookie-authenticated change must carry the X-Requested-With header, which a page on
    another site cannot add (the cookie is SameSite=Strict as well).
    """
    cookie = request.cookies.get(SESSION_COOKIE)
    cookie_change = not token and cookie and request.method not in _SAFE_METHODS
    if cookie_change and not request.headers.get(CSRF_HEADER):
        raise _UNAUTHORIZED
    credential = token or cookie
    subject = token_subject(credential, settings.signing_key()) if credential else None
    counsellor = active_counsellor(factory, subject) if subject else None
    if counsellor is None:
        raise _UNAUTHORIZED
    return counsellor


def admin_counsellor(counsellor: Annotated[Counsellor, Depends(current_counsellor)]) -> Counsellor:
    if counsellor.role is not Role.ADMIN:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "Admins only")
    return counsellor


CurrentCounsellor = Annotated[Counsellor, Depends(current_counsellor)]
AdminCounsellor = Annotated[Counsellor, Depends(admin_counsellor)]
