"""The input channels of the assistant. Every message is cleaned before Rasa sees, stores or logs it
(cpas_rasa.privacy.sanitize.clean_message): personal numbers masked (cpas_rasa.privacy.redaction), empty and very long
messages handled, and "/intent{...}" typed by a person turned into plain text unless it is exactly one of the
bot's own button payloads. Button payloads come back through each platform's own field (Telegram
callback_query data, Messenger quick_reply and postback payloads, the text of an SMS) and go through the same
cleaning, so they keep working.

- ``SafeRestInput``: Rasa's RestInput at the stock URL /webhooks/rest/webhook (the web widget uses it).
  Metadata sent by a client is not stored.
- ``SafeTelegramInput``, ``SafeFacebookInput``, ``SafeTwilioInput``: Rasa 3.6's channels at
  /webhooks/telegram/webhook, /webhooks/facebook/webhook and /webhooks/twilio/webhook, configured only from
  environment variables (never from a file in the repository). When one of their variables is missing the
  channel is off: a log line says so, its URLs answer 404 and nothing is sent anywhere.

    Telegram   TELEGRAM_ACCESS_TOKEN, TELEGRAM_VERIFY (the bot's username), TELEGRAM_WEBHOOK_URL (https)
    Messenger  FACEBOOK_VERIFY, FACEBOOK_SECRET (app secret: checks X-Hub-Signature), FACEBOOK_PAGE_ACCESS_TOKEN
    Twilio     TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_NUMBER (e.g. +3225550000);
               optional TWILIO_WEBHOOK_URL, the public URL configured at Twilio (behind a reverse proxy)

What the messaging channels add to Rasa's:
- Authenticity. Messenger: Rasa's X-Hub-Signature check (HMAC of the body with the app secret), here only
  SHA-1/SHA-256 and in constant time. Twilio: Rasa 3.6 does not check X-Twilio-Signature; here every POST
  must carry a valid one (HMAC-SHA1 of the URL and the form with TWILIO_AUTH_TOKEN), otherwise 403.
  Telegram: the webhook is registered with a secret token derived from TELEGRAM_ACCESS_TOKEN, and every POST
  must carry it (X-Telegram-Bot-Api-Secret-Token), otherwise 403.
- Pseudonyms. Rasa stores a conversation under its sender id, which would be a phone number (SMS,
  WhatsApp), a Telegram chat id or a Messenger page-scoped id. Here the sender id is a keyed hash of it
  ("whatsapp-3f9c...", key: the channel's secret), the same for every message of that person, and the reply
  is sent to the real id, which stays in memory for the time of that message only.
- Attachments and locations are not stored: an image, a file, a voice message or a shared position becomes
  "[pièce jointe]" or "[position]" (Rasa would store the file's URL or the coordinates).
- Telegram: no call to Telegram when the server is built (Rasa 3.6 registers the webhook there and fails the
  start when Telegram cannot be reached); the webhook is registered once the server has started, and a
  failure is logged. Buttons are shown one per row, and a payload longer than Telegram's 64 bytes travels as
  a short token. "/start" (sent by Telegram when a person opens the bot) is read as "bonjour".
- Messenger: buttons become quick replies (Messenger's button template takes at most 3 buttons).
- Twilio: buttons are listed in the text (SMS and WhatsApp have no buttons here); WhatsApp replies leave from
  "whatsapp:" + TWILIO_NUMBER; the Twilio client is called outside the event loop.
"""
from __future__ import annotations

import asyncio
import functools
import hashlib
import hmac
import logging
import os
import re
from typing import Any, Awaitable, Callable, Dict, List, Optional, Sequence, Text

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.core.channels.facebook import FacebookInput
from rasa.core.channels.rest import RestInput
from rasa.core.channels.telegram import TelegramInput, TelegramOutput
from rasa.core.channels.twilio import TwilioInput, TwilioOutput
from sanic import Blueprint, response
from sanic.request import Request

from cpas_rasa.privacy.sanitize import all_button_payloads, clean_message

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


def _short_title(title: Any, size: int = 20) -> str:
    title = " ".join(str(title).split())
    return title if len(title) <= size else title[: size - 1].rstrip() + "…"


class MessengerOutput(PrivateOutput):
    """Messenger: the buttons become quick replies (titles of 20 characters at most, 11 at most)."""

    async def send_text_with_buttons(self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]],
                                     **kwargs: Any) -> None:
        parts = [part for part in (text or "").strip().split("\n\n") if part.strip()] or [" "]
        for part in parts[:-1]:
            await self.inner.send_text_message(self.recipient, part)
        replies = [{"title": _short_title(b.get("title") or b.get("payload")), "payload": b.get("payload") or
                    b.get("title"), "content_type": "text"} for b in buttons[:11]]
        await self.inner.send_quick_replies(self.recipient, parts[-1], replies)


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

    def _extract_input_channel(self, req: Request) -> Text:
        return self.name()

    def get_metadata(self, request: Request) -> Optional[Dict[Text, Any]]:
        """Rasa would store whatever a client sends as metadata; nothing is kept."""
        return None


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


class SafeFacebookInput(_Cleaning, FacebookInput):
    """Messenger: Rasa checks X-Hub-Signature (HMAC-SHA1 of the body with FACEBOOK_SECRET) on every POST."""

    private_output = MessengerOutput

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        settings = from_environment("facebook")
        if settings is None:
            return DisabledChannel("facebook", ENVIRONMENT["facebook"])
        _log_state("Channel facebook is on: /webhooks/facebook/webhook")
        return cls(settings["FACEBOOK_VERIFY"], settings["FACEBOOK_SECRET"], settings["FACEBOOK_PAGE_ACCESS_TOKEN"])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.channel_secret = self.fb_secret or ""

    @staticmethod
    def validate_hub_signature(app_secret: Text, request_payload: bytes, hub_signature_header: Text) -> bool:
        """Rasa's check, but only with SHA-1/SHA-256 (Rasa takes any hashlib name from the header) and
        compared in constant time."""
        method, _, signature = (hub_signature_header or "").partition("=")
        if method not in ("sha1", "sha256") or not signature or not app_secret:
            return False
        expected = hmac.new(app_secret.encode("utf-8"), request_payload, getattr(hashlib, method)).hexdigest()
        return hmac.compare_digest(expected.encode("ascii"), signature.strip().encode("utf-8", "replace"))

    def get_metadata(self, request: Request) -> Optional[Dict[Text, Any]]:
        """The URLs of the attachments in this update, so that the cleaning recognises them."""
        urls = []
        body = request.json if isinstance(request.json, dict) else {}
        for entry in body.get("entry") or []:
            for event in (entry or {}).get("messaging") or []:
                for attachment in ((event or {}).get("message") or {}).get("attachments") or []:
                    url = ((attachment or {}).get("payload") or {}).get("url")
                    if url:
                        urls.append(url)
        return {_PRIVATE: {"attachments": urls}}

    def _channel_text(self, message: UserMessage, private: Dict[str, Any]) -> Any:
        if message.text in (private.get("attachments") or ()):
            return ATTACHMENT
        return message.text

    def blueprint(self, on_new_message: Handler) -> Blueprint:
        return super().blueprint(self.cleaning(on_new_message))


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
