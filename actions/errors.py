"""One place that turns failures into HTTP answers; backend error text never reaches a client."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError

logger = logging.getLogger(__name__)


async def _database_unavailable(request: Request, error: Exception) -> JSONResponse:
    logger.error("database unavailable during %s %s", request.method, request.url.path)
    return JSONResponse(
        {"error": "The database is unavailable; try again shortly."}, status_code=503
    )


async def _unexpected(request: Request, error: Exception) -> JSONResponse:
    logger.exception("unexpected error during %s %s", request.method, request.url.path)
    return JSONResponse({"error": "Internal server error"}, status_code=500)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(OperationalError, _database_unavailable)
    app.add_exception_handler(Exception, _unexpected)
