"""Twilio SMS and WhatsApp: /webhooks/twilio/webhook, X-Twilio-Signature checked, buttons as text."""
from __future__ import annotations

import asyncio
import functools
import os
import re
from typing import Any, Dict, List, Optional, Text

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.core.channels.twilio import TwilioInput, TwilioOutput
from sanic import Blueprint, response
from sanic.request import Request

from cpas_rasa.channels.common import (
    _PRIVATE,
    ATTACHMENT,
    ENVIRONMENT,
    LOCATION,
    DisabledChannel,
    Handler,
    PrivateOutput,
    _Cleaning,
    _log_state,
    from_environment,
    logger,
)


class TextButtonsOutput(PrivateOutput):
    """SMS and WhatsApp: the buttons are written in the text, for the person to type one of them."""

    async def send_text_with_buttons(self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]],
                                     **kwargs: Any) -> None:
        titles = [" ".join(str(b.get("title") or b.get("payload") or "").split()) for b in buttons]
        titles = [t for t in titles if t]
        if not titles:
            await self.inner.send_text_message(self.recipient, text)
        elif all(len(t) <= 20 for t in titles):
            await self.inner.send_text_message(
                self.recipient, f"{text}\nRépondez : " + ", ".join(f"« {t} »" for t in titles) + ".")
        else:
            await self.inner.send_text_message(
                self.recipient, f"{text}\nVous pouvez écrire :\n" + "\n".join(f"- {t}" for t in titles))


class SafeTwilioOutput(TwilioOutput):
    """Twilio's output: WhatsApp replies leave from whatsapp:<number>; the HTTP call runs in a thread."""

    async def _send_message(self, message_data: Dict[Text, Any]) -> Any:
        data = dict(message_data)
        number = str(data.get("from_") or "")
        if number:
            bare = number[len("whatsapp:"):] if number.startswith("whatsapp:") else number
            data["from_"] = f"whatsapp:{bare}" if str(data.get("to", "")).startswith("whatsapp:") else bare
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(None, functools.partial(self.messages.create, **data))
        except Exception as error:  # broad on purpose: one failed reply must not stop the conversation
            logger.error("Twilio: message not sent (%s).", type(error).__name__)
            return None


TWILIO_LOCATION = re.compile(r"^/locationData\{.*\}$", re.DOTALL)


class SafeTwilioInput(_Cleaning, TwilioInput):
    private_output = TextButtonsOutput

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        settings = from_environment("twilio")
        if settings is None:
            return DisabledChannel("twilio", ENVIRONMENT["twilio"])
        _log_state("Channel twilio is on: /webhooks/twilio/webhook")
        channel = cls(settings["TWILIO_ACCOUNT_SID"], settings["TWILIO_AUTH_TOKEN"], settings["TWILIO_NUMBER"],
                      debug_mode=False)
        channel.webhook_url = os.environ.get("TWILIO_WEBHOOK_URL", "").strip() or None
        return channel

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.channel_secret = self.auth_token or ""
        self.webhook_url: Optional[str] = None

    def get_output_channel(self) -> OutputChannel:
        return SafeTwilioOutput(self.account_sid, self.auth_token, self.twilio_number)

    def _sender_channel(self, platform_id: str) -> str:
        return "whatsapp" if platform_id.startswith("whatsapp:") else "sms"

    def get_metadata(self, request: Request) -> Optional[Dict[Text, Any]]:
        try:
            media = int(request.form.get("NumMedia") or 0)
        except ValueError:
            media = 0
        return {_PRIVATE: {"media": media}}

    def _channel_text(self, message: UserMessage, private: Dict[str, Any]) -> Any:
        text = message.text if isinstance(message.text, str) else ""
        if TWILIO_LOCATION.match(text.strip()):
            return LOCATION
        if not text.strip() and private.get("media"):
            return ATTACHMENT
        return text

    def public_url(self, request: Request) -> str:
        """The URL Twilio called (TWILIO_WEBHOOK_URL when set: behind a proxy the server sees another one)."""
        if self.webhook_url:
            return self.webhook_url
        scheme = request.headers.get("X-Forwarded-Proto") or request.scheme
        host = request.headers.get("X-Forwarded-Host") or request.headers.get("Host") or request.host
        query = f"?{request.query_string}" if request.query_string else ""
        return f"{scheme}://{host}{request.path}{query}"

    @staticmethod
    def form_with_blanks(request: Request) -> Any:
        """The POSTed form with its empty fields (Twilio signs "Body=" too; Sanic's request.form drops it)."""
        from urllib.parse import parse_qs

        from sanic.request import RequestParameters

        if request.content_type.split(";")[0].strip() == "application/x-www-form-urlencoded":
            try:
                request.parsed_form = RequestParameters(
                    parse_qs(request.body.decode("utf-8"), keep_blank_values=True))
            except UnicodeDecodeError:
                pass
        return request.form

    def signature_is_valid(self, request: Request) -> bool:
        from twilio.request_validator import RequestValidator

        signature = request.headers.get("X-Twilio-Signature") or ""
        if not signature or not self.auth_token:
            return False
        form = self.form_with_blanks(request)
        return RequestValidator(self.auth_token).validate(self.public_url(request), form, signature)

    def blueprint(self, on_new_message: Handler) -> Blueprint:
        blueprint = super().blueprint(self.cleaning(on_new_message))

        @blueprint.middleware("request")
        async def only_from_twilio(request: Request) -> Any:
            if request.method == "POST" and request.path.rstrip("/").endswith("/webhook"):
                if not self.signature_is_valid(request):
                    logger.warning("Twilio: request refused, X-Twilio-Signature missing or wrong "
                                   "(behind a proxy, set TWILIO_WEBHOOK_URL to the URL configured at Twilio).")
                    return response.text("forbidden", status=403)
                if request.form.get("Body") is None:       # Rasa 3.6 fails on a form without Body
                    request.form["Body"] = [""]
            return None

        return blueprint
