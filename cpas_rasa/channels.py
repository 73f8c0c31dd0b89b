"""The REST channel of the assistant, at the stock URL /webhooks/rest/webhook.

It is Rasa's RestInput with one change: every message goes through ``clean_message`` first.
"""
from typing import Optional, Text

from rasa.core.channels.rest import RestInput
from sanic.request import Request

from cpas_rasa.sanitize import clean_message


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
