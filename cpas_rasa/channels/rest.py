"""The REST channel of the web widget: /webhooks/rest/webhook, metadata not stored."""
from __future__ import annotations

from typing import Any, Dict, Optional, Text

from rasa.core.channels.rest import RestInput
from sanic.request import Request

from cpas_rasa.privacy.sanitize import clean_message


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
