"""One configuration object, read from the environment (and an optional `.env` file)."""

from __future__ import annotations

import secrets
from datetime import date, time
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent

LanguageCode = Literal["fi", "en", "ar"]
SUPPORTED_LANGUAGES: tuple[LanguageCode, ...] = ("fi", "en", "ar")


class Settings(BaseSettings):
    """Every setting of the action server; README documents each variable."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    database_url: str = Field(
        default=f"sqlite:///{PROJECT_ROOT / 'var' / 'housing-guide.db'}",
        description="SQLAlchemy URL; PostgreSQL in production (postgresql+psycopg://...).",
    )
    secret_key: SecretStr | None = Field(
        default=None,
        description="Signs counsellor tokens. Unset: a random key kept in var/secret-key.",
    )
    access_token_minutes: int = Field(default=30, ge=1, le=24 * 60)
    content_dir: Path = PROJECT_ROOT / "content"
    default_language: LanguageCode = "fi"
    log_level: str = "INFO"
    office_opens: time = Field(default=time(9, 0), description="Counselling office hours start.")
    office_closes: time = Field(default=time(15, 0), description="Counselling office hours end.")
    office_closed_days: list[date] = Field(
        default_factory=list, description="Extra closed days besides weekends and public holidays."
    )
    contact_within_working_hours: float = Field(
        default=6, gt=0, description="Promised time to first contact, in office hours."
    )
    counsellor_languages: list[str] = Field(
        default_factory=lambda: ["fi", "en"],
        min_length=1,
        description="Languages the counsellors speak; any other means booking an interpreter.",
    )
    public_rasa_url: str = Field(
        default="http://127.0.0.1:5005",
        description="Where browsers reach Rasa's chat channels; empty: the page's own origin.",
    )
    widget_origins: list[str] = Field(
        default_factory=lambda: ["*"],
        description="Sites that may embed the chat widget (CORS for its public endpoints).",
    )
    purge_closed_after_days: int = Field(
        default=90, ge=1, description="Personal data of closed tickets is purged after this."
    )

    @field_validator("database_url")
    @classmethod
    def _use_psycopg3(cls, url: str) -> str:
        """Accept the common `postgres://` and `postgresql://` forms and pick psycopg 3."""
        for prefix in ("postgres://", "postgresql://"):
            if url.startswith(prefix):
                return "postgresql+psycopg://" + url[len(prefix) :]
        return url

    def signing_key(self) -> str:
        """Return SECRET_KEY, or a random key persisted beside the SQLite default."""
        if self.secret_key is not None:
            return self.secret_key.get_secret_value()
        key_file = PROJECT_ROOT / "var" / "secret-key"
        if not key_file.exists():
            key_file.parent.mkdir(parents=True, exist_ok=True)
            key_file.write_text(secrets.token_urlsafe(48))
            key_file.chmod(0o600)
        return key_file.read_text().strip()


@lru_cache
def get_settings() -> Settings:
    """Build the settings once per process; tests clear the cache to override."""
    return Settings()
