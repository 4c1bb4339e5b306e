"""Password hashing (Argon2id) and short-lived signed access tokens for counsellors."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()
TOKEN_ALGORITHM = "HS256"  # noqa: S105 - an algorithm name
TOKEN_AUDIENCE = "housing-guide-counsellor"  # noqa: S105 - a claim value


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def issue_token(subject: str, key: str, minutes: int) -> str:
    now = datetime.now(timezone.utc)
    claims = {
        "sub": subject,
        "aud": TOKEN_AUDIENCE,
        "iat": now,
        "exp": now + timedelta(minutes=minutes),
    }
    return jwt.encode(claims, key, algorithm=TOKEN_ALGORITHM)


def token_subject(token: str, key: str) -> str | None:
    """Return the token's subject, or None when it is forged, expired or malformed."""
    try:
        claims = jwt.decode(token, key, algorithms=[TOKEN_ALGORITHM], audience=TOKEN_AUDIENCE)
    except jwt.PyJWTError:
        return None
    subject = claims.get("sub")
    return subject if isinstance(subject, str) else None
