"""What every channel shares: settings from the environment, pseudonyms, the channel that is off, the
output that replies to the platform's id, and the cleaning of each message (see the package docstring)."""
from __future__ import annotations

import hashlib
import hmac
import logging
import os
from typing import Any, Awaitable, Callable, Dict, List, Optional, Sequence, Text

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request

from cpas_rasa.privacy.sanitize import clean_message

logger = logging.getLogger(__name__)

Handler = Callable[[UserMessage], Awaitable[Any]]

ENVIRONMENT = {
    "telegram": ("TELEGRAM_ACCESS_TOKEN", "TELEGRAM_VERIFY", "TELEGRAM_WEBHOOK_URL"),
    "facebook": ("FACEBOOK_VERIFY", "FACEBOOK_SECRET", "FACEBOOK_PAGE_ACCESS_TOKEN"),
    "twilio": ("TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_NUMBER"),
}
ATTACHMENT = "[pièce jointe]"
LOCATION = "[position]"
GREETING = "bonjour"
_PRIVATE = "_cpas_channel"            # metadata key used between get_metadata() and the cleaning; never stored


def _log_state(message: str, *args: Any) -> None:
    """Channel on/off lines (`rasa run` shows INFO lines of every logger)."""
    logger.info(message, *args)


def from_environment(channel: str) -> Optional[Dict[str, str]]:
    """The channel's settings from the environment, or None (channel off) when one is missing."""
    names = ENVIRONMENT[channel]
    values = {name: os.environ.get(name, "").strip() for name in names}
    missing = [name for name, value in values.items() if not value]
    if missing:
        _log_state("Channel %s is off (canal désactivé): set %s to turn it on.", channel, ", ".join(missing))
        return None
    return values


def pseudonym(secret: str, channel: str, platform_id: Any) -> str:
    """A stable sender id that does not reveal the platform's id (phone number, chat id, PSID)."""
    digest = hmac.new(secret.encode("utf-8"), f"{channel}:{platform_id}".encode("utf-8"), hashlib.sha256)
    return f"{channel}-{digest.hexdigest()[:24]}"


class DisabledChannel(InputChannel):
    """Stands in for a messaging channel whose environment variables are not set: every URL answers 404."""

    def __init__(self, channel: str, variables: Sequence[str]) -> None:
        self.channel, self.variables = channel, tuple(variables)

    def name(self) -> Text:  # type: ignore[override]
        return self.channel

    def url_prefix(self) -> Text:
        return self.channel

    def blueprint(self, on_new_message: Handler) -> Blueprint:
        blueprint = Blueprint(f"{self.channel}_off", __name__)

        @blueprint.route("/", methods=["GET", "POST"])
        @blueprint.route("/<path:path>", methods=["GET", "POST"])
        async def off(_: Request, path: str = "") -> Any:
            return response.json({"status": "off", "channel": self.channel}, status=404)

        return blueprint


# ------------------------------------------------------------------------------------------ output side
class PrivateOutput(OutputChannel):
    """The output channel Rasa sees: Rasa addresses the pseudonym, the reply goes to the platform's id."""

    def __init__(self, inner: OutputChannel, recipient: str) -> None:
        self.inner, self.recipient = inner, recipient

    def name(self) -> Text:  # type: ignore[override]
        return self.inner.name()

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        await self.inner.send_text_message(self.recipient, text, **kwargs)

    async def send_text_with_buttons(self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]],
                                     **kwargs: Any) -> None:
        await self.inner.send_text_with_buttons(self.recipient, text, buttons, **kwargs)

    async def send_quick_replies(self, recipient_id: Text, text: Text, quick_replies: List[Dict[Text, Any]],
                                 **kwargs: Any) -> None:
        await self.send_text_with_buttons(recipient_id, text, quick_replies, **kwargs)

    async def send_image_url(self, recipient_id: Text, image: Text, **kwargs: Any) -> None:
        await self.inner.send_image_url(self.recipient, image, **kwargs)

    async def send_attachment(self, recipient_id: Text, attachment: Text, **kwargs: Any) -> None:
        await self.inner.send_attachment(self.recipient, attachment, **kwargs)

    async def send_elements(self, recipient_id: Text, elements: Any, **kwargs: Any) -> None:
        await self.inner.send_elements(self.recipient, elements, **kwargs)

    async def send_custom_json(self, recipient_id: Text, json_message: Any, **kwargs: Any) -> None:
        await self.inner.send_custom_json(self.recipient, json_message, **kwargs)


# ------------------------------------------------------------------------------------------- input side
class _Cleaning:
    """What every messaging channel does to a message before Rasa sees it."""

    channel_secret: str = ""
    private_output = PrivateOutput

    def _channel_text(self, message: UserMessage, private: Dict[str, Any]) -> Any:
        return message.text

    def _sender_channel(self, platform_id: str) -> str:
        return self.name()  # type: ignore[attr-defined]

    def cleaning(self, on_new_message: Handler) -> Handler:
        async def handler(message: UserMessage) -> Any:
            metadata = message.metadata if isinstance(message.metadata, dict) else {}
            private = metadata.pop(_PRIVATE, None) or {}
            message.metadata = metadata or None
            message.text = clean_message(self._channel_text(message, private))
            platform_id = str(message.sender_id)
            message.sender_id = pseudonym(self.channel_secret, self._sender_channel(platform_id), platform_id)
            message.output_channel = self.private_output(message.output_channel, platform_id)
            return await on_new_message(message)
        return handler
