"""The FastAPI application: Rasa action server, counsellor API and health check."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from actions.api import audit, auth, tickets
from actions.content import ContentLibrary
from actions.db.engine import build_engine, build_session_factory, database_is_up
from actions.dialogue.context import DialogueContext
from actions.dialogue.registry import build_executor
from actions.errors import install_error_handlers
from actions.glossary import load_glossary
from actions.handoff.schedule import OfficeHours
from actions.language import LanguageIdentifier
from actions.privacy.redaction import RedactingFilter
from actions.settings import Settings, get_settings
from actions.web import articles, inbox, widget
from actions.webhook import routes as webhook


def configure_logging(level: str) -> None:
    """Log at `level`, with identity codes, IBANs and card numbers redacted from every record."""
    logging.basicConfig(level=level.upper())
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, RedactingFilter) for f in handler.filters):
            handler.addFilter(RedactingFilter())


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app; engines, content and detectors are made in the lifespan, not at import."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        config = settings or get_settings()
        configure_logging(config.log_level)
        engine = build_engine(config.database_url)
        app.state.engine = engine
        app.state.sessions = build_session_factory(engine)
        app.state.content = ContentLibrary.load(config.content_dir)
        app.state.glossary = load_glossary(config.content_dir)
        app.state.executor = build_executor(
            DialogueContext(
                content=app.state.content,
                languages=LanguageIdentifier(
                    finnish_terms=tuple(s for t in app.state.glossary.terms for s in t.match)
                ),
                sessions=app.state.sessions,
                default_language=config.default_language,
                office_hours=OfficeHours(
                    opens=config.office_opens,
                    closes=config.office_closes,
                    extra_closed_days=frozenset(config.office_closed_days),
                ),
                contact_within_hours=config.contact_within_working_hours,
                counsellor_languages=tuple(config.counsellor_languages),
            )
        )
        yield
        engine.dispose()

    app = FastAPI(title="Housing guide action server", version="0.1.0", lifespan=lifespan)
    if settings is not None:
        app.dependency_overrides[get_settings] = lambda: settings
    install_error_handlers(app)
    # The widget may be embedded on other sites: they may read its text and send feedback,
    # but never with credentials, and never with the Authorization header the /api needs.
    app.add_middleware(
        CORSMiddleware,
        allow_origins=(settings or get_settings()).widget_origins,
        allow_methods=["GET", "POST"],
        allow_headers=["Content-Type"],
        allow_credentials=False,
    )
    app.include_router(webhook.router)
    app.include_router(auth.router)
    app.include_router(tickets.router)
    app.include_router(audit.router)
    app.include_router(inbox.router)
    app.include_router(articles.router)
    app.include_router(widget.router)
    app.mount(
        "/inbox/static",
        StaticFiles(directory=Path(inbox.__file__).with_name("static")),
        name="inbox-static",
    )
    # After the widget's routes, so /widget/strings and /widget/glossary are not files.
    app.mount("/widget", StaticFiles(directory=widget.STATIC_DIR), name="widget-static")

    @app.get("/health", tags=["operations"])
    def health(request: Request) -> JSONResponse:
        """Report whether the server and its database are up (503 when the database is down)."""
        database_up = database_is_up(request.app.state.engine)
        body = {
            "status": "ok" if database_up else "degraded",
            "database": "up" if database_up else "down",
        }
        return JSONResponse(body, status_code=200 if database_up else 503)

    return app
