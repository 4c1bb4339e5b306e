"""An action endpoint that keeps its HTTP connections open between action calls.

Rasa 3.6 opens a new aiohttp session, and so a new TCP connection, for every custom action it
runs; profiling a replica under load put about a tenth of its time there. This endpoint sends
the same requests with the same headers, auth and timeout through one session per event loop,
whose connections are reused (HTTP keep-alive).
"""

from __future__ import annotations

import asyncio
from typing import Any

import aiohttp
from rasa.utils.endpoints import DEFAULT_REQUEST_TIMEOUT, EndpointConfig

_SESSION_ATTRIBUTE = "_pooled_session"
# A connection idle longer than this is not reused. It must stay below the action server's own
# keep-alive (uvicorn closes idle connections after 5 s), or a request can be written into a
# connection the server is closing ("Cannot write to closing transport").
IDLE_CONNECTION_SECONDS = 2.0


class _OpenSession:
    """`async with` that hands out the shared session and leaves it open afterwards."""

    def __init__(self, session: aiohttp.ClientSession) -> None:
        self._session = session

    async def __aenter__(self) -> aiohttp.ClientSession:
        return self._session

    async def __aexit__(self, *_exc_info: Any) -> None:
        return None


class PooledEndpointConfig(EndpointConfig):
    """EndpointConfig whose `request` reuses one client session (and its connections)."""

    def session(self) -> Any:
        shared: aiohttp.ClientSession | None = self.__dict__.get(_SESSION_ATTRIBUTE)
        loop = asyncio.get_running_loop()
        if shared is None or shared.closed or shared._loop is not loop:  # noqa: SLF001
            auth = None
            if self.basic_auth:
                auth = aiohttp.BasicAuth(self.basic_auth["username"], self.basic_auth["password"])
            shared = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(keepalive_timeout=IDLE_CONNECTION_SECONDS),
                headers=self.headers,
                auth=auth,
                timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
            )
            self.__dict__[_SESSION_ATTRIBUTE] = shared
        return _OpenSession(shared)

    async def close_session(self) -> None:
        """Close the shared session (on server stop), so no connection is left dangling."""
        shared: aiohttp.ClientSession | None = self.__dict__.pop(_SESSION_ATTRIBUTE, None)
        if shared is not None and not shared.closed:
            await shared.close()
