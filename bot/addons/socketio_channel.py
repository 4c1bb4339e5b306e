"""socket.io channel whose custom payloads reach the client.

Rasa 3.6's `SocketIOOutput.send_custom_json` calls `sio.emit(event, **payload)`, so a payload such
as `{"type": "article", ...}` raises TypeError and never arrives. This channel sends custom
payloads as `{"custom": payload}`, the same shape the REST channel uses.
"""

from __future__ import annotations

from typing import Any, Awaitable, Callable, Dict, Text

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput, SocketIOOutput
from sanic import Blueprint


class PayloadSafeSocketIOOutput(SocketIOOutput):
    async def send_custom_json(
        self, recipient_id: Text, json_message: Dict[Text, Any], **kwargs: Any
    ) -> None:
        await self._send_message(recipient_id, {"custom": json_message})


class PayloadSafeSocketIOInput(SocketIOInput):
    """Rasa's socket.io input (same name, path and events), with the output above."""

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> Blueprint:
        async def with_safe_output(message: UserMessage) -> None:
            original = message.output_channel
            if isinstance(original, SocketIOOutput):
                message.output_channel = PayloadSafeSocketIOOutput(
                    original.sio, original.bot_message_evt
                )
            await on_new_message(message)

        return super().blueprint(with_safe_output)
