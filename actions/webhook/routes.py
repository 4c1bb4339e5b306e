"""`POST /webhook` and `GET /actions`, the endpoints Rasa's `action_endpoint` calls."""

from __future__ import annotations

import logging
import zlib
from collections.abc import Callable, Coroutine
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from rasa_sdk.executor import ActionExecutor
from rasa_sdk.interfaces import ActionExecutionRejection, ActionNotFoundException

from actions.webhook.models import ActionCall, ActionError, ActionResult

logger = logging.getLogger(__name__)


class InflatingRequest(Request):
    """Rasa deflates the body when COMPRESS_ACTION_SERVER_REQUEST is true."""

    async def body(self) -> bytes:
        if not hasattr(self, "_body"):
            raw = await super().body()
            if self.headers.get("content-encoding", "").lower() == "deflate":
                try:
                    raw = zlib.decompress(raw)
                except zlib.error as error:
                    raise RequestValidationError([{"msg": f"bad deflate body: {error}"}]) from error
            self._body = raw
        return self._body


class WebhookRoute(APIRoute):
    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def inflating_handler(request: Request) -> Response:
            try:
                return await handler(InflatingRequest(request.scope, request.receive))
            except RequestValidationError as error:
                return invalid_body_response(error)

        return inflating_handler


def invalid_body_response(error: RequestValidationError) -> JSONResponse:
    """Answer a malformed or incomplete call with 400 and say what is wrong."""
    problems = "; ".join(
        f"{'.'.join(str(part) for part in item.get('loc', ()) if part != 'body')}: {item['msg']}"
        if item.get("loc")
        else str(item["msg"])
        for item in error.errors()
    )
    body = ActionError(error=f"Invalid body request: {problems}")
    return JSONResponse(body.model_dump(exclude_none=True), status_code=400)


router = APIRouter(route_class=WebhookRoute, tags=["rasa action server"])


def get_executor(request: Request) -> ActionExecutor:
    executor: ActionExecutor = request.app.state.executor
    return executor


Executor = Annotated[ActionExecutor, Depends(get_executor)]
_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ActionError},
    404: {"model": ActionError},
}


@router.post("/webhook", response_model=ActionResult, responses=_ERRORS)
async def run_action(call: ActionCall, executor: Executor) -> ActionResult | JSONResponse:
    """Run the custom action Rasa asks for."""
    try:
        result = await executor.run(call.model_dump())
    except ActionNotFoundException as error:
        logger.error("unknown action %s", error.action_name)
        body = ActionError(error=error.message, action_name=error.action_name)
        return JSONResponse(body.model_dump(), status_code=404)
    except ActionExecutionRejection as error:
        body = ActionError(error=error.message, action_name=error.action_name)
        return JSONResponse(body.model_dump(), status_code=400)
    return ActionResult.model_validate(result or {"events": [], "responses": []})


@router.get("/actions")
async def list_actions(executor: Executor) -> list[dict[str, str]]:
    """List the registered actions, as rasa-sdk does."""
    return [{"name": name} for name in executor.actions]
