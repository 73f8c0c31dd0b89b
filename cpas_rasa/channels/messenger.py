"""Facebook Messenger: /webhooks/facebook/webhook, signatures checked, buttons as quick replies."""
from __future__ import annotations

import hashlib
import hmac
from typing import Any, Dict, List, Optional, Text

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.facebook import FacebookInput
from sanic import Blueprint
from sanic.request import Request

from cpas_rasa.channels.common import (
    _PRIVATE,
    ATTACHMENT,
    ENVIRONMENT,
    DisabledChannel,
    Handler,
    PrivateOutput,
    _Cleaning,
    _log_state,
    from_environment,
)


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
