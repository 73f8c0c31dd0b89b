"""The input channels of the assistant. Each one cleans a message before Rasa sees it (``clean_message``):
personal numbers masked, empty and very long messages handled, and "/intent{...}" typed by a person turned
into plain text unless it is exactly one of the bot's own button payloads.

- ``SafeRestInput``: Rasa's RestInput at the stock URL /webhooks/rest/webhook (the web widget uses it).
- ``SafeTelegramInput``, ``SafeFacebookInput``, ``SafeTwilioInput``: Rasa's channels, configured only from
  environment variables (never from a file in the repository). When their variables are not all set, the
  channel is off: its URL answers 404 and nothing is sent anywhere.

    Telegram   TELEGRAM_ACCESS_TOKEN, TELEGRAM_VERIFY (the bot's username), TELEGRAM_WEBHOOK_URL
    Messenger  FACEBOOK_VERIFY, FACEBOOK_SECRET (app secret: checks X-Hub-Signature), FACEBOOK_PAGE_ACCESS_TOKEN
    Twilio     TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_NUMBER (e.g. +3225550000 or whatsapp:+3225550000)
"""
from __future__ import annotations

import hashlib
import hmac
import logging
import os
from typing import Any, Awaitable, Callable, Dict, Optional, Sequence, Text

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.facebook import FacebookInput
from rasa.core.channels.rest import RestInput
from rasa.core.channels.telegram import TelegramInput
from rasa.core.channels.twilio import TwilioInput
from sanic import Blueprint, response
from sanic.request import Request

from cpas_rasa.sanitize import clean_message

logger = logging.getLogger(__name__)

Handler = Callable[[UserMessage], Awaitable[Any]]

ENVIRONMENT = {
    "telegram": ("TELEGRAM_ACCESS_TOKEN", "TELEGRAM_VERIFY", "TELEGRAM_WEBHOOK_URL"),
    "facebook": ("FACEBOOK_VERIFY", "FACEBOOK_SECRET", "FACEBOOK_PAGE_ACCESS_TOKEN"),
    "twilio": ("TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_NUMBER"),
}


def cleaning(on_new_message: Handler) -> Handler:
    """Wrap Rasa's message handler so that every message is cleaned first."""
    async def handler(message: UserMessage) -> Any:
        message.text = clean_message(message.text)
        return await on_new_message(message)
    return handler


def from_environment(channel: str) -> Optional[Dict[str, str]]:
    """The channel's settings from the environment, or None (channel off) when one is missing."""
    names = ENVIRONMENT[channel]
    values = {name: os.environ.get(name, "").strip() for name in names}
    missing = [name for name, value in values.items() if not value]
    if missing:
        logger.info(f"Channel {channel} is off: set {', '.join(missing)} to turn it on.")
        return None
    return values


class DisabledChannel(InputChannel):
    """Stands in for a messaging channel whose environment variables are not set: every URL answers 404."""

    def __init__(self, channel: str, variables: Sequence[str]) -> None:
        self.channel, self.variables = channel, tuple(variables)

    def url_prefix(self) -> Text:
        return self.channel

    def blueprint(self, on_new_message: Handler) -> Blueprint:
        blueprint = Blueprint(f"{self.channel}_off", __name__)

        @blueprint.route("/", methods=["GET", "POST"])
        @blueprint.route("/<path:path>", methods=["GET", "POST"])
        async def off(_: Request, path: str = "") -> Any:
            return response.json({"status": "off", "channel": self.channel}, status=404)

        return blueprint


class SafeRestInput(RestInput):
    @classmethod
    def name(cls) -> Text:
        return "rest"

    def _extract_message(self, req: Request) -> Optional[Text]:
        body = req.json if isinstance(req.json, dict) else {}
        return clean_message(body.get("message"))

    async def _extract_sender(self, req: Request) -> Optional[Text]:
        body = req.json if isinstance(req.json, dict) else {}
        sender = body.get("sender")
        return str(sender)[:128] if sender not in (None, "") else "default"


class SafeTelegramInput(TelegramInput):
    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        settings = from_environment("telegram")
        if settings is None:
            return DisabledChannel("telegram", ENVIRONMENT["telegram"])
        return cls(settings["TELEGRAM_ACCESS_TOKEN"], settings["TELEGRAM_VERIFY"],
                   settings["TELEGRAM_WEBHOOK_URL"], debug_mode=False)

    def blueprint(self, on_new_message: Handler) -> Blueprint:
        return super().blueprint(cleaning(on_new_message))


class SafeFacebookInput(FacebookInput):
    """Messenger: Rasa checks X-Hub-Signature (HMAC-SHA1 of the body with FACEBOOK_SECRET) on every POST."""

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        settings = from_environment("facebook")
        if settings is None:
            return DisabledChannel("facebook", ENVIRONMENT["facebook"])
        return cls(settings["FACEBOOK_VERIFY"], settings["FACEBOOK_SECRET"], settings["FACEBOOK_PAGE_ACCESS_TOKEN"])

    @staticmethod
    def validate_hub_signature(app_secret: Text, request_payload: bytes, hub_signature_header: Text) -> bool:
        """Rasa's check, but only with SHA-1/SHA-256 (Rasa takes any hashlib name from the header) and
        compared in constant time."""
        method, _, signature = (hub_signature_header or "").partition("=")
        if method not in ("sha1", "sha256") or not signature:
            return False
        expected = hmac.new(app_secret.encode("utf-8"), request_payload, getattr(hashlib, method)).hexdigest()
        return hmac.compare_digest(expected, signature)

    def blueprint(self, on_new_message: Handler) -> Blueprint:
        return super().blueprint(cleaning(on_new_message))


class SafeTwilioInput(TwilioInput):
    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        settings = from_environment("twilio")
        if settings is None:
            return DisabledChannel("twilio", ENVIRONMENT["twilio"])
        return cls(settings["TWILIO_ACCOUNT_SID"], settings["TWILIO_AUTH_TOKEN"], settings["TWILIO_NUMBER"],
                   debug_mode=False)

    def blueprint(self, on_new_message: Handler) -> Blueprint:
        return super().blueprint(cleaning(on_new_message))
