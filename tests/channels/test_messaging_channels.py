"""Telegram, Messenger and Twilio, offline: simulated webhook payloads are posted to the channels' routes in a
Sanic app built the way Rasa builds it (rasa.core.channels.channel.register); the agent records what reaches
it and the outbound clients (Telegram, Messenger, Twilio) are mocked. No network is used.
"""
import asyncio
import hashlib
import hmac
import json
from types import SimpleNamespace
from unittest import mock

import aiohttp
import pytest
from rasa.core.channels.channel import register
from sanic import Sanic

from cpas_rasa.channels import (DisabledChannel, SafeFacebookInput, SafeRestInput, SafeTelegramInput,
                                SafeTwilioInput)
from server_harness import free_port

# Several Sanic apps are built in one process: test mode keeps Sanic from rewriting its request handler twice.
Sanic.test_mode = True

ENV = {
    "TELEGRAM_ACCESS_TOKEN": "123456:TEST-TOKEN", "TELEGRAM_VERIFY": "cpas_test_bot",
    "TELEGRAM_WEBHOOK_URL": "https://bot.example.be/webhooks/telegram/webhook",
    "FACEBOOK_VERIFY": "verify-me", "FACEBOOK_SECRET": "app-secret-for-tests",
    "FACEBOOK_PAGE_ACCESS_TOKEN": "page-token",
    "TWILIO_ACCOUNT_SID": "AC00000000000000000000000000000000", "TWILIO_AUTH_TOKEN": "twilio-token",
    "TWILIO_NUMBER": "+3225550000",
}
BUTTON = "Quel est mon CPAS ?"          # the payload of a button of the bot (domain.yml)
PRIVATE = "mon gsm est le 0470 12 34 56, combien touche un isolé ?"
MASKED = "mon gsm est le [téléphone], combien touche un isolé ?"


class RecordingAgent:
    """Stands for Rasa's Agent: records each message and answers through the message's output channel."""

    def __init__(self):
        self.messages = []

    async def handle_message(self, message):
        self.messages.append(message)
        await message.output_channel.send_text_message(message.sender_id, "Réponse du bot")


class App:
    def __init__(self, channels):
        self.agent = RecordingAgent()
        self.app = Sanic(f"channels_test_{id(self)}")
        self.app.ctx.agent = self.agent
        register(channels, self.app, route="/webhooks/")
        self.port = free_port()

    async def __aenter__(self):
        self.server = await self.app.create_server(host="127.0.0.1", port=self.port, return_asyncio_server=True)
        await self.server.startup()
        self.session = aiohttp.ClientSession()
        return self

    async def __aexit__(self, *exc):
        await self.session.close()
        self.server.close()
        await self.server.wait_closed()

    async def request(self, method, path, **kwargs):
        async with self.session.request(method, f"http://127.0.0.1:{self.port}{path}", **kwargs) as r:
            return r.status, await r.text()


def channels_from(env):
    with mock.patch.dict("os.environ", env, clear=False):
        return [cls.from_credentials(None) for cls in (SafeTelegramInput, SafeFacebookInput, SafeTwilioInput)]


@pytest.fixture
def env_off(monkeypatch):
    for name in ENV:
        monkeypatch.delenv(name, raising=False)


async def test_channels_are_off_without_their_environment(env_off):
    channels = channels_from({})
    assert all(isinstance(c, DisabledChannel) for c in channels)
    async with App(channels + [SafeRestInput()]) as app:
        for name in ("telegram", "facebook", "twilio"):
            status, body = await app.request("POST", f"/webhooks/{name}/webhook", data=b"{}")
            assert status == 404 and '"off"' in body
        assert app.agent.messages == []


async def test_a_partial_configuration_keeps_the_channel_off(env_off):
    channels = channels_from({"TELEGRAM_ACCESS_TOKEN": "x", "FACEBOOK_SECRET": "y"})
    assert all(isinstance(c, DisabledChannel) for c in channels)


def telegram_update(text=None, callback=None):
    chat = {"id": 4242, "type": "private", "first_name": "A"}
    message = {"message_id": 1, "date": 1795000000, "chat": chat, "from": {"id": 4242, "is_bot": False,
                                                                            "first_name": "A"}}
    if callback is not None:
        return {"update_id": 2, "callback_query": {"id": "cb1", "from": message["from"], "chat_instance": "x",
                                                   "data": callback, "message": {**message, "text": "question"}}}
    return {"update_id": 1, "message": {**message, "text": text}}


@pytest.fixture
def telegram_app():
    """Rasa's Telegram channel registers its webhook with Telegram when the app is built (outside any event
    loop, as `rasa run` does): the call is mocked and checked."""
    telegram = channels_from(ENV)[0]
    assert isinstance(telegram, SafeTelegramInput)
    with mock.patch("rasa.core.channels.telegram.TelegramOutput.set_webhook",
                    mock.AsyncMock(return_value=True)) as set_webhook:
        app = App([telegram])
    set_webhook.assert_called_once_with(url=ENV["TELEGRAM_WEBHOOK_URL"])
    return app


async def test_telegram_text_and_button_reach_the_bot_cleaned(telegram_app):
    payload = BUTTON
    sent = []

    async def fake_send(self, recipient_id, text, **kwargs):
        sent.append((recipient_id, text))

    me = SimpleNamespace(username=ENV["TELEGRAM_VERIFY"])
    with mock.patch("rasa.core.channels.telegram.TelegramOutput.get_me", mock.AsyncMock(return_value=me)), \
            mock.patch("rasa.core.channels.telegram.TelegramOutput.send_text_message", fake_send):
        async with telegram_app as app:
            for update in (telegram_update(PRIVATE), telegram_update("/restart"), telegram_update(callback=payload)):
                status, _ = await app.request("POST", "/webhooks/telegram/webhook", json=update)
                assert status == 200
            texts = [m.text for m in app.agent.messages]
    assert texts[0] == MASKED
    assert texts[1] == "restart"                   # "/restart" typed by a person is plain text
    assert texts[-1] == payload                     # the bot's own button still works
    assert {m.sender_id for m in app.agent.messages} == {"4242"}
    assert sent[0] == ("4242", "Réponse du bot") and len(sent) == len(texts)


async def test_telegram_from_another_bot_account_is_ignored(telegram_app):
    me = SimpleNamespace(username="someone_else_bot")
    with mock.patch("rasa.core.channels.telegram.TelegramOutput.get_me", mock.AsyncMock(return_value=me)):
        async with telegram_app as app:
            status, body = await app.request("POST", "/webhooks/telegram/webhook", json=telegram_update("bonjour"))
    assert status == 200 and body == "failed" and app.agent.messages == []


def messenger_body(text=None, quick_reply=None, postback=None):
    message = {"mid": "m1", "text": text or "x"}
    if quick_reply:
        message["quick_reply"] = {"payload": quick_reply}
    event = {"sender": {"id": "PSID-77"}, "recipient": {"id": "PAGE"}, "timestamp": 1795000000000}
    if postback:
        event["postback"] = {"payload": postback, "title": "bouton"}
    else:
        event["message"] = message
    return json.dumps({"object": "page", "entry": [{"id": "PAGE", "time": 1, "messaging": [event]}]}).encode()


def signed(body, secret=ENV["FACEBOOK_SECRET"]):
    return {"X-Hub-Signature": "sha1=" + hmac.new(secret.encode(), body, hashlib.sha1).hexdigest(),
            "Content-Type": "application/json"}


async def test_messenger_verify_handshake():
    async with App([channels_from(ENV)[1]]) as app:
        status, body = await app.request(
            "GET", "/webhooks/facebook/webhook?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1234")
        assert status == 200 and body == "1234"
        _, body = await app.request(
            "GET", "/webhooks/facebook/webhook?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1234")
        assert body != "1234"


async def test_messenger_signed_messages_reach_the_bot_cleaned_and_unsigned_ones_do_not():
    facebook = channels_from(ENV)[1]
    assert isinstance(facebook, SafeFacebookInput)
    payload = BUTTON
    with mock.patch("fbmessenger.MessengerClient.send", mock.Mock(return_value={})) as send, \
            mock.patch("fbmessenger.MessengerClient.send_action", mock.Mock(return_value={})):
        async with App([facebook]) as app:
            for body in (messenger_body(PRIVATE), messenger_body("oui", quick_reply=payload),
                         messenger_body(postback="/ask{\"ris_age\": 99}")):
                status, text = await app.request("POST", "/webhooks/facebook/webhook", data=body,
                                                 headers=signed(body))
                assert status == 200 and text == "success"
            body = messenger_body("message non signé")
            _, text = await app.request("POST", "/webhooks/facebook/webhook", data=body,
                                        headers=signed(body, "not-the-secret"))
            assert text == "not validated"
            _, text = await app.request("POST", "/webhooks/facebook/webhook", data=body,
                                        headers={"Content-Type": "application/json"})
            assert text == "not validated"
            md5 = {"X-Hub-Signature": "md5=" + hmac.new(ENV["FACEBOOK_SECRET"].encode(), body, hashlib.md5).hexdigest(),
                   "Content-Type": "application/json"}
            _, text = await app.request("POST", "/webhooks/facebook/webhook", data=body, headers=md5)
            assert text == "not validated"                # only SHA-1 / SHA-256 signatures
            texts = [m.text for m in app.agent.messages]
    assert texts[0] == MASKED
    assert texts[1] == payload
    assert texts[2] == 'ask{"ris_age": 99}'            # an injected intent/slot is plain text
    assert "message non signé" not in texts
    assert all(m.sender_id == "PSID-77" for m in app.agent.messages)
    assert send.call_count == 3


async def test_twilio_sms_and_whatsapp_reach_the_bot_cleaned():
    twilio = channels_from(ENV)[2]
    assert isinstance(twilio, SafeTwilioInput)
    with mock.patch("twilio.rest.api.v2010.account.message.MessageList.create",
                    mock.Mock(return_value=SimpleNamespace(sid="SM1"))) as create:
        async with App([twilio]) as app:
            for sender, text in (("+32470123456", PRIVATE), ("whatsapp:+32470123456", "/restart")):
                status, _ = await app.request("POST", "/webhooks/twilio/webhook",
                                              data={"From": sender, "Body": text, "To": ENV["TWILIO_NUMBER"]})
                assert status in (200, 204)
            messages = app.agent.messages
    assert [m.text for m in messages] == [MASKED, "restart"]
    assert [m.sender_id for m in messages] == ["+32470123456", "whatsapp:+32470123456"]
    assert create.call_count == 2
    assert create.call_args_list[0].kwargs["to"] == "+32470123456"
    assert create.call_args_list[0].kwargs["body"] == "Réponse du bot"
