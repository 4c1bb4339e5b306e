"""Configuration from the environment."""

from __future__ import annotations

import pytest

from actions.settings import Settings


@pytest.mark.parametrize("given", ["postgres://u:p@db:5432/app", "postgresql://u:p@db:5432/app"])
def test_postgres_urls_use_psycopg3(given: str) -> None:
    assert Settings(database_url=given).database_url == "postgresql+psycopg://u:p@db:5432/app"


def test_environment_variables_configure_the_server(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "sqlite:////tmp/x.db")
    monkeypatch.setenv("DEFAULT_LANGUAGE", "ar")
    monkeypatch.setenv("ACCESS_TOKEN_MINUTES", "15")
    settings = Settings()
    assert (settings.database_url, settings.default_language, settings.access_token_minutes) == (
        "sqlite:////tmp/x.db",
        "ar",
        15,
    )


def test_an_unknown_default_language_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEFAULT_LANGUAGE", "de")
    with pytest.raises(ValueError, match="default_language"):
        Settings()
