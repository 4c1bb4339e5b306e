"""Counsellor accounts: creation by operators, authentication by the API."""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from actions.db.engine import transaction
from actions.db.models import Counsellor, Role
from actions.db.repositories import CounsellorRepository
from actions.security import hash_password, verify_password

MIN_PASSWORD_LENGTH = 12
# Verified against when the e-mail is unknown, so a wrong e-mail costs as long as a wrong password.
_TIMING_DECOY_HASH = hash_password("decoy password that matches nothing")


class AccountError(ValueError):
    """A counsellor account cannot be created as asked."""


def create_counsellor(
    factory: sessionmaker[Session], email: str, password: str, role: Role = Role.COUNSELLOR
) -> Counsellor:
    if "@" not in email or email.startswith("@") or email.endswith("@"):
        raise AccountError(f"not an e-mail address: {email!r}")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"the password must have at least {MIN_PASSWORD_LENGTH} characters")
    with transaction(factory) as session:
        accounts = CounsellorRepository(session)
        if accounts.by_email(email) is not None:
            raise AccountError(f"a counsellor with e-mail {email} already exists")
        return accounts.add(email, hash_password(password), role)


def authenticate(factory: sessionmaker[Session], email: str, password: str) -> Counsellor | None:
    with factory() as session:
        counsellor = CounsellorRepository(session).by_email(email)
    if counsellor is None or not counsellor.is_active:
        verify_password(_TIMING_DECOY_HASH, password)
        return None
    return counsellor if verify_password(counsellor.password_hash, password) else None


def active_counsellor(factory: sessionmaker[Session], email: str) -> Counsellor | None:
    with factory() as session:
        counsellor = CounsellorRepository(session).by_email(email)
    return counsellor if counsellor is not None and counsellor.is_active else None
