"""Telegram: /webhooks/telegram/webhook, a secret token on every POST, the webhook registered after start."""
from __future__ import annotations

import hashlib
import hmac
import re
from typing import Any, Dict, List, Optional, Text

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.telegram import TelegramInput, TelegramOutput
from sanic import Blueprint, response
from sanic.request import Request

from cpas_rasa.channels.common import (
    ATTACHMENT,
    ENVIRONMENT,
    GREETING,
    LOCATION,
    DisabledChannel,
    Handler,
    PrivateOutput,
    _Cleaning,
    _log_state,
    from_environment,
    logger,
)
from cpas_rasa.privacy.sanitize import all_button_payloads


class SafeTelegramOutput(TelegramOutput):
    """Telegram's output with the webhook's secret token, buttons one per row and short callback data."""

    CALLBACK_PREFIX = "cb:"
    _callbacks: Dict[str, str] = {}     # token -> payload, for payloads longer than Telegram's 64 bytes

    def __init__(self, access_token: Optional[Text], secret_token: Text = "") -> None:
        super().__init__(access_token)
        self.secret_token = secret_token
        self._me: Any = None

    @classmethod
    def callback_data(cls, payload: str) -> str:
        if len(payload.encode("utf-8")) <= 64:
            return payload
        token = cls.CALLBACK_PREFIX + hashlib.sha256(payload.encode("utf-8")).hexdigest()[:24]
        cls._callbacks[token] = payload
        return token

    @classmethod
    def payload_of(cls, data: str) -> str:
        """The payload behind a callback token; the payloads of domain.yml and data/ are known at start."""
        if data.startswith(cls.CALLBACK_PREFIX) and data not in cls._callbacks:
            for payload in all_button_payloads():
                cls.callback_data(payload)
        return cls._callbacks.get(data, data)

    async def send_text_with_buttons(self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]],
                                     button_type: Optional[Text] = "vertical", **kwargs: Any) -> None:
        buttons = [{**b, "payload": self.callback_data(str(b.get("payload") or b.get("title")))} for b in buttons]
        await super().send_text_with_buttons(recipient_id, text, buttons, button_type=button_type, **kwargs)

    async def set_webhook(self, url: Text, **kwargs: Any) -> bool:  # type: ignore[override]
        """Telegram's setWebhook with the secret token it will send back on every update."""
        from aiogram.bot import api

        payload = {"url": url, "secret_token": self.secret_token,
                   "allowed_updates": '["message", "edited_message", "callback_query"]'}
        return bool(await self.request(api.Methods.SET_WEBHOOK, payload))

    async def get_me(self) -> Any:  # type: ignore[override]
        """Rasa asks Telegram who the bot is for every message; once is enough."""
        if self._me is None:
            self._me = await super().get_me()
        return self._me


ATTACHMENT_KINDS = ("photo", "document", "voice", "audio", "video", "video_note", "sticker", "animation", "contact")
TELEGRAM_LOCATION = re.compile(r'^\{"lng":-?[\d.eE+-]+, "lat":-?[\d.eE+-]+\}$')


class SafeTelegramInput(_Cleaning, TelegramInput):
    private_output = PrivateOutput

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        settings = from_environment("telegram")
        if settings is None:
            return DisabledChannel("telegram", ENVIRONMENT["telegram"])
        if not settings["TELEGRAM_WEBHOOK_URL"].startswith("https://"):
            _log_state("Channel telegram is off (canal désactivé): TELEGRAM_WEBHOOK_URL must start with https://.")
            return DisabledChannel("telegram", ENVIRONMENT["telegram"])
        from aiogram.bot.api import check_token
        from aiogram.utils.exceptions import ValidationError

        try:
            check_token(settings["TELEGRAM_ACCESS_TOKEN"])
        except ValidationError:
            _log_state("Channel telegram is off (canal désactivé): TELEGRAM_ACCESS_TOKEN is not a bot token.")
            return DisabledChannel("telegram", ENVIRONMENT["telegram"])
        _log_state("Channel telegram is on: /webhooks/telegram/webhook")
        return cls(settings["TELEGRAM_ACCESS_TOKEN"], settings["TELEGRAM_VERIFY"],
                   settings["TELEGRAM_WEBHOOK_URL"], debug_mode=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.channel_secret = self.access_token or ""
        # The secret Telegram sends back with every update (letters and digits, up to 256 characters).
        self.secret_token = hmac.new(self.channel_secret.encode("utf-8"), b"cpas-telegram-webhook",
                                     hashlib.sha256).hexdigest()
        self._output: Optional[SafeTelegramOutput] = None

    def get_output_channel(self) -> SafeTelegramOutput:
        """Rasa 3.6 calls Telegram here, while the server is being built; here nothing is called."""
        if self._output is None:
            self._output = SafeTelegramOutput(self.access_token, self.secret_token)
        return self._output

    def _channel_text(self, message: UserMessage, private: Dict[str, Any]) -> Any:
        text = message.text if isinstance(message.text, str) else ""
        if TELEGRAM_LOCATION.match(text.strip()):
            return LOCATION
        if text.strip() == "/start" or text.startswith("/start "):
            return GREETING
        return SafeTelegramOutput.payload_of(text)

    @staticmethod
    def mark_attachments(request: Request) -> None:
        """A photo, a file, a voice message... has no text: Rasa 3.6 would ignore it and the person would get
        no answer. It becomes "[pièce jointe]" (with its caption, if any); the file itself is never fetched."""
        try:
            update = request.json
        except Exception:  # broad on purpose: Rasa answers a malformed body itself
            return
        if not isinstance(update, dict):
            return
        for key in ("message", "edited_message"):
            message = update.get(key)
            if isinstance(message, dict) and message.get("text") is None and message.get("location") is None:
                if any(message.get(kind) for kind in ATTACHMENT_KINDS):
                    caption = str(message.get("caption") or "").strip()
                    message["text"] = f"{caption} {ATTACHMENT}".strip()
                    message.pop("caption", None)
                    request.parsed_json = update

    def blueprint(self, on_new_message: Handler) -> Blueprint:
        blueprint = super().blueprint(self.cleaning(on_new_message))
        output = self.get_output_channel()

        @blueprint.middleware("request")
        async def only_from_telegram(request: Request) -> Any:
            if request.method == "POST" and request.path.rstrip("/").endswith("/webhook"):
                sent = request.headers.get("X-Telegram-Bot-Api-Secret-Token") or ""
                if not hmac.compare_digest(sent.encode("utf-8"), self.secret_token.encode("utf-8")):
                    logger.warning("Telegram: update refused, wrong or missing secret token.")
                    return response.text("forbidden", status=403)
                self.mark_attachments(request)
            return None

        @blueprint.listener("after_server_start")
        async def register_webhook(*_: Any) -> None:
            try:
                ok = await output.set_webhook(self.webhook_url)
            except Exception as error:  # broad on purpose: Telegram down or a wrong token: log, keep running
                logger.error("Telegram: webhook not registered (%s). Check TELEGRAM_ACCESS_TOKEN; "
                             "GET /webhooks/telegram/set_webhook retries.", type(error).__name__)
                return
            if ok:
                logger.info("Telegram: webhook registered.")
            else:
                logger.error("Telegram: webhook refused by Telegram.")

        return blueprint
