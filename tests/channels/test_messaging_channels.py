"""Telegram, Messenger, Twilio and REST, offline.

The channels are built from credentials.yml by Rasa's own code (rasa.core.run.create_http_input_channels) and
mounted in a Sanic app built by rasa.core.run.configure_app, as `rasa run` does; the app is served on a free
localhost port and simulated webhook payloads are posted to it. The agent is a recorder that answers through
the message's output channel the way Rasa's processor does (send_response with the sender id Rasa knows).
The outbound clients are mocked at their lowest level: aiogram's Bot.request (every Telegram API call),
fbmessenger's MessengerClient.send / send_action, and Twilio's MessageList.create. No network is used.
"""
import base64
import hashlib
import hmac
import json
import logging
from types import SimpleNamespace
from unittest import mock
from urllib.parse import urlencode

import aiohttp
import pytest
from helpers.server_harness import ROOT, free_port
from rasa.core.run import configure_app, create_http_input_channels
from sanic import Sanic

from cpas_rasa.channels import (
    ATTACHMENT,
    LOCATION,
    DisabledChannel,
    SafeFacebookInput,
    SafeRestInput,
    SafeTelegramInput,
    SafeTelegramOutput,
    SafeTwilioInput,
    pseudonym,
)

# Several Sanic apps are built in one process: test mode lets them share Rasa's app name.
Sanic.test_mode = True

ENV = {
    "TELEGRAM_ACCESS_TOKEN": "123456:TEST-TOKEN-abcdefghijklmnopqrstuvwxyz", "TELEGRAM_VERIFY": "cpas_test_bot",
    "TELEGRAM_WEBHOOK_URL": "https://bot.example.be/webhooks/telegram/webhook",
    "FACEBOOK_VERIFY": "verify-me", "FACEBOOK_SECRET": "app-secret-for-tests",
    "FACEBOOK_PAGE_ACCESS_TOKEN": "page-token",
    "TWILIO_ACCOUNT_SID": "AC00000000000000000000000000000000", "TWILIO_AUTH_TOKEN": "twilio-token",
    "TWILIO_NUMBER": "+3225550000",
}
OPTIONAL_ENV = ("TWILIO_WEBHOOK_URL",)
CREDENTIALS = str(ROOT / "credentials.yml")
BUTTON = "Quel est mon CPAS ?"                                   # a button payload of domain.yml
LONG_BUTTON = "Le CPAS peut-il obliger le bénéficiaire à effectuer un service communautaire ?"  # > 64 bytes
PRIVATE = "mon gsm est le 0470 12 34 56, IBAN BE68 5390 0754 7034, combien touche un isolé ?"
MASKED = "mon gsm est le [téléphone], IBAN [IBAN], combien touche un isolé ?"
MENU = [{"title": "Quel est mon CPAS ?", "payload": BUTTON},
        {"title": "Comment demander de l'aide au CPAS ?", "payload": "Comment demander de l'aide au CPAS ?"},
        {"title": "Service communautaire", "payload": LONG_BUTTON},
        {"title": "Oui", "payload": "oui"}]


class RecordingAgent:
    """Stands for Rasa's Agent: records each message, answers as the processor does (send_response)."""

    def __init__(self, reply=None):
        self.messages = []
        self.reply = reply or {"text": "Réponse du bot"}

    async def handle_message(self, message):
        self.messages.append(message)
        await message.output_channel.send_response(message.sender_id, json.loads(json.dumps(self.reply)))

    @property
    def texts(self):
        return [m.text for m in self.messages]


class App:
    """The channels in an app built by rasa.core.run.configure_app, served on a free port."""

    def __init__(self, channels, reply=None):
        self.port = free_port()
        self.app = configure_app(channels, enable_api=False, port=self.port)
        self.agent = RecordingAgent(reply)
        self.app.ctx.agent = self.agent

    async def __aenter__(self):
        self.server = await self.app.create_server(host="127.0.0.1", port=self.port, return_asyncio_server=True)
        await self.server.startup()
        await self.server.before_start()
        await self.server.after_start()
        self.session = aiohttp.ClientSession()
        return self

    async def __aexit__(self, *exc):
        await self.session.close()
        await self.server.before_stop()
        self.server.close()
        await self.server.wait_closed()
        await self.server.after_stop()

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    async def request(self, method, path, **kwargs):
        async with self.session.request(method, self.base + path, **kwargs) as r:
            return r.status, await r.text()


def channels_from(env, only=None):
    """The channels of credentials.yml, built by Rasa's own loader with this environment."""
    with mock.patch.dict("os.environ", env):      # the autouse fixture removed every other channel variable
        channels = create_http_input_channels(None, CREDENTIALS)
    by_name = {c.name(): c for c in channels}
    return by_name if only is None else by_name[only]


@pytest.fixture(autouse=True)
def no_channel_environment(monkeypatch):
    for name in (*ENV, *OPTIONAL_ENV):
        monkeypatch.delenv(name, raising=False)


# ------------------------------------------------------------------------------------------ off / on
async def test_credentials_list_our_classes_and_every_channel_is_off_without_its_environment(caplog):
    caplog.set_level(logging.INFO, logger="cpas_rasa.channels")
    channels = channels_from({})
    assert set(channels) == {"rest", "telegram", "facebook", "twilio"}
    assert isinstance(channels["rest"], SafeRestInput)
    assert all(isinstance(channels[n], DisabledChannel) for n in ("telegram", "facebook", "twilio"))
    for name in ("telegram", "facebook", "twilio"):
        assert f"Channel {name} is off" in caplog.text
    with mock.patch.object(SafeTelegramOutput, "request", mock.AsyncMock()) as telegram_api:
        async with App(list(channels.values())) as app:
            for name in ("telegram", "facebook", "twilio"):
                for method in ("GET", "POST"):
                    status, body = await app.request(method, f"/webhooks/{name}/webhook", data=b"{}")
                    assert status == 404 and '"off"' in body, (name, method, status, body)
            status, _ = await app.request("GET", "/webhooks/rest/")
            assert status == 200
    assert app.agent.messages == []
    telegram_api.assert_not_called()


@pytest.mark.parametrize("env", [
    {"TELEGRAM_ACCESS_TOKEN": ENV["TELEGRAM_ACCESS_TOKEN"], "FACEBOOK_SECRET": "y", "TWILIO_NUMBER": "+32"},
    {**ENV, "TELEGRAM_VERIFY": "  ", "FACEBOOK_PAGE_ACCESS_TOKEN": "", "TWILIO_ACCOUNT_SID": ""},
], ids=["partial", "blank"])
def test_a_partial_configuration_keeps_the_channel_off(env):
    channels = channels_from(env)
    assert all(isinstance(channels[n], DisabledChannel) for n in ("telegram", "facebook", "twilio"))


@pytest.mark.parametrize("change", [{"TELEGRAM_WEBHOOK_URL": "http://bot.example.be/webhooks/telegram/webhook"},
                                    {"TELEGRAM_ACCESS_TOKEN": "not a token"}], ids=["http", "bad-token"])
def test_telegram_stays_off_with_a_plain_http_url_or_a_malformed_token(change, caplog):
    caplog.set_level(logging.INFO, logger="cpas_rasa.channels")
    assert isinstance(channels_from({**ENV, **change}, "telegram"), DisabledChannel)
    assert "Channel telegram is off" in caplog.text


def test_with_their_environment_the_channels_are_ours():
    channels = channels_from(ENV)
    assert isinstance(channels["telegram"], SafeTelegramInput)
    assert isinstance(channels["facebook"], SafeFacebookInput)
    assert isinstance(channels["twilio"], SafeTwilioInput)


# ------------------------------------------------------------------------------------------ Telegram
class FakeTelegram:
    """Answers aiogram's Bot.request like the Telegram Bot API would, and records every call."""

    def __init__(self, username=ENV["TELEGRAM_VERIFY"], fail_webhook=False):
        self.calls = []
        self.username, self.fail_webhook = username, fail_webhook

    async def request(self, method, data=None, files=None, **kwargs):
        self.calls.append((method, dict(data or {})))
        if method == "getMe":
            return {"id": 1, "is_bot": True, "first_name": "CPAS", "username": self.username}
        if method == "setWebhook":
            if self.fail_webhook:
                from aiogram.utils.exceptions import NetworkError
                raise NetworkError("no network in tests")
            return True
        if method == "sendMessage":
            return {"message_id": len(self.calls), "date": 1795000000, "text": data.get("text"),
                    "chat": {"id": int(data["chat_id"]), "type": "private"}}
        return True

    def sent(self):
        return [data for method, data in self.calls if method == "sendMessage"]


def telegram_update(text=None, callback=None, location=None, update_id=1, **extra):
    chat = {"id": 4242, "type": "private", "first_name": "A"}
    sender = {"id": 4242, "is_bot": False, "first_name": "A"}
    message = {"message_id": update_id, "date": 1795000000, "chat": chat, "from": sender}
    if callback is not None:
        return {"update_id": update_id, "callback_query": {"id": "cb1", "from": sender, "chat_instance": "x",
                                                           "data": callback, "message": {**message, "text": "?"}}}
    if location is not None:
        return {"update_id": update_id, "message": {**message, "location": location}}
    if extra:
        return {"update_id": update_id, "message": {**message, **extra}}
    return {"update_id": update_id, "message": {**message, "text": text}}


def telegram_headers(channel):
    return {"X-Telegram-Bot-Api-Secret-Token": channel.secret_token}


async def test_telegram_builds_without_calling_telegram_and_registers_its_webhook_with_a_secret_once_started():
    telegram = channels_from(ENV, "telegram")
    fake = FakeTelegram()
    with mock.patch.object(SafeTelegramOutput, "request", fake.request):
        app = App([telegram])
        assert fake.calls == []                       # building the server calls nobody
        async with app:
            pass
    assert [m for m, _ in fake.calls] == ["setWebhook"]
    data = fake.calls[0][1]
    assert data["url"] == ENV["TELEGRAM_WEBHOOK_URL"]
    assert data["secret_token"] == telegram.secret_token and ENV["TELEGRAM_ACCESS_TOKEN"] not in data["secret_token"]
    assert len(telegram.secret_token) <= 256 and telegram.secret_token.isalnum()


async def test_telegram_starts_even_when_telegram_cannot_be_reached(caplog):
    telegram = channels_from(ENV, "telegram")
    fake = FakeTelegram(fail_webhook=True)
    with mock.patch.object(SafeTelegramOutput, "request", fake.request):
        async with App([telegram]) as app:
            status, _ = await app.request("GET", "/webhooks/telegram/")
    assert status == 200
    assert "webhook not registered" in caplog.text


async def test_telegram_text_commands_buttons_and_location_reach_the_bot_cleaned():
    telegram = channels_from(ENV, "telegram")
    fake = FakeTelegram()
    updates = [telegram_update(PRIVATE, update_id=1), telegram_update("/restart", update_id=2),
               telegram_update("/start", update_id=3), telegram_update(callback=BUTTON, update_id=4),
               telegram_update(callback=SafeTelegramOutput.callback_data(LONG_BUTTON), update_id=5),
               telegram_update(location={"longitude": 4.4, "latitude": 50.7}, update_id=6),
               telegram_update('/ask_my_cpas{"cpas_name": "PIRATE"}', update_id=7),
               telegram_update(update_id=8, photo=[{"file_id": "F1", "file_unique_id": "U1", "width": 9, "height": 9}],
                               caption="ma carte, mon gsm 0470 12 34 56"),
               telegram_update(update_id=9, contact={"phone_number": "+32470123456", "first_name": "A"})]
    SafeTelegramOutput._callbacks.clear()      # the long payload is found again from domain.yml and data/
    with mock.patch.object(SafeTelegramOutput, "request", fake.request):
        async with App([telegram]) as app:
            for update in updates:
                status, body = await app.request("POST", "/webhooks/telegram/webhook", json=update,
                                                 headers=telegram_headers(telegram))
                assert (status, body) == (200, "success")
    assert app.agent.texts == [MASKED, "restart", "bonjour", "bonjour", BUTTON, LONG_BUTTON, LOCATION,
                               'ask_my_cpas{"cpas_name": "PIRATE"}', f"ma carte, mon gsm [téléphone] {ATTACHMENT}",
                               ATTACHMENT]
    senders = {m.sender_id for m in app.agent.messages}
    assert senders == {pseudonym(ENV["TELEGRAM_ACCESS_TOKEN"], "telegram", "4242")}
    assert "4242" not in next(iter(senders))
    assert all(m.metadata is None for m in app.agent.messages)
    sent = fake.sent()
    assert len(sent) == len(updates) + 1 and {d["chat_id"] for d in sent} == {"4242"}   # "/restart" + "/start"
    assert sum(1 for m, _ in fake.calls if m == "getMe") == 1                          # asked once, not per message


async def test_telegram_refuses_updates_without_the_secret_or_from_another_bot():
    telegram = channels_from(ENV, "telegram")
    with mock.patch.object(SafeTelegramOutput, "request", FakeTelegram().request):
        async with App([telegram]) as app:
            status, _ = await app.request("POST", "/webhooks/telegram/webhook", json=telegram_update("bonjour"))
            assert status == 403
            status, _ = await app.request("POST", "/webhooks/telegram/webhook", json=telegram_update("bonjour"),
                                          headers={"X-Telegram-Bot-Api-Secret-Token": "guess"})
            assert status == 403
    assert app.agent.messages == []
    with mock.patch.object(SafeTelegramOutput, "request", FakeTelegram(username="someone_else_bot").request):
        async with App([channels_from(ENV, "telegram")]) as app:
            status, body = await app.request("POST", "/webhooks/telegram/webhook", json=telegram_update("bonjour"),
                                             headers=telegram_headers(telegram))
    assert (status, body) == (200, "failed") and app.agent.messages == []


async def test_telegram_buttons_one_per_row_with_callback_data_within_64_bytes_and_back():
    telegram = channels_from(ENV, "telegram")
    fake = FakeTelegram()
    with mock.patch.object(SafeTelegramOutput, "request", fake.request):
        async with App([telegram], reply={"text": "Que voulez-vous savoir ?", "buttons": MENU}) as app:
            await app.request("POST", "/webhooks/telegram/webhook", json=telegram_update("bonjour"),
                              headers=telegram_headers(telegram))
            keyboard = json.loads(fake.sent()[0]["reply_markup"])["inline_keyboard"]
            assert [len(row) for row in keyboard] == [1, 1, 1, 1]
            assert [row[0]["text"] for row in keyboard] == [b["title"] for b in MENU]
            data = [row[0]["callback_data"] for row in keyboard]
            assert all(len(d.encode()) <= 64 for d in data)
            assert data[0] == BUTTON and data[2] != LONG_BUTTON
            await app.request("POST", "/webhooks/telegram/webhook", json=telegram_update(callback=data[2]),
                              headers=telegram_headers(telegram))
    assert app.agent.texts == ["bonjour", LONG_BUTTON]


# ------------------------------------------------------------------------------------------ Messenger
def messenger_body(text=None, quick_reply=None, postback=None, attachment=None):
    message = {"mid": "m1", "text": text or "x"}
    if quick_reply:
        message["quick_reply"] = {"payload": quick_reply}
    if attachment:
        message = {"mid": "m2", "attachments": [{"type": "image", "payload": {"url": attachment}}]}
    event = {"sender": {"id": "PSID-77"}, "recipient": {"id": "PAGE"}, "timestamp": 1795000000000}
    if postback:
        event["postback"] = {"payload": postback, "title": "bouton"}
    else:
        event["message"] = message
    return json.dumps({"object": "page", "entry": [{"id": "PAGE", "time": 1, "messaging": [event]}]}).encode()


def signed(body, secret=ENV["FACEBOOK_SECRET"], method="sha1"):
    digest = hmac.new(secret.encode(), body, getattr(hashlib, method)).hexdigest()
    return {"X-Hub-Signature": f"{method}={digest}", "Content-Type": "application/json"}


@pytest.fixture
def messenger_client():
    with mock.patch("fbmessenger.MessengerClient.send", mock.Mock(return_value={})) as send, \
            mock.patch("fbmessenger.MessengerClient.send_action", mock.Mock(return_value={})) as action:
        yield SimpleNamespace(send=send, action=action)


async def test_messenger_verify_handshake(messenger_client):
    async with App([channels_from(ENV, "facebook")]) as app:
        query = urlencode({"hub.mode": "subscribe", "hub.verify_token": "verify-me", "hub.challenge": "1234"})
        assert await app.request("GET", f"/webhooks/facebook/webhook?{query}") == (200, "1234")
        query = urlencode({"hub.mode": "subscribe", "hub.verify_token": "wrong", "hub.challenge": "1234"})
        _, body = await app.request("GET", f"/webhooks/facebook/webhook?{query}")
        assert body != "1234"


async def test_messenger_signed_messages_reach_the_bot_cleaned(messenger_client):
    photo = "https://scontent.xx.fbcdn.net/v/t1.15752-9/carte-identite.jpg?oh=secret"
    bodies = [(messenger_body(PRIVATE), "sha1"), (messenger_body("oui", quick_reply=BUTTON), "sha1"),
              (messenger_body(postback='/ask{"ris_age": 99}'), "sha256"), (messenger_body(attachment=photo), "sha1")]
    async with App([channels_from(ENV, "facebook")]) as app:
        for body, method in bodies:
            status, text = await app.request("POST", "/webhooks/facebook/webhook", data=body,
                                             headers=signed(body, method=method))
            assert (status, text) == (200, "success")
    assert app.agent.texts == [MASKED, BUTTON, 'ask{"ris_age": 99}', ATTACHMENT]
    assert {m.sender_id for m in app.agent.messages} == {pseudonym(ENV["FACEBOOK_SECRET"], "facebook", "PSID-77")}
    assert all(m.metadata is None for m in app.agent.messages)          # the photo's URL is kept nowhere
    assert messenger_client.send.call_count == len(bodies)
    assert {c.args[1] for c in messenger_client.send.call_args_list} == {"PSID-77"}   # replies to the real id
    assert messenger_client.send.call_args_list[0].args[0]["text"] == "Réponse du bot"


@pytest.mark.parametrize("headers", [
    signed(b"other body"), signed(messenger_body("message non signé"), secret="not-the-secret"),
    {"Content-Type": "application/json"},
    {"X-Hub-Signature": "md5=" + hmac.new(ENV["FACEBOOK_SECRET"].encode(), messenger_body("message non signé"),
                                          hashlib.md5).hexdigest(), "Content-Type": "application/json"},
], ids=["other-body", "wrong-secret", "missing", "md5"])
async def test_messenger_badly_signed_messages_are_rejected(messenger_client, headers):
    body = messenger_body("message non signé")
    async with App([channels_from(ENV, "facebook")]) as app:
        status, text = await app.request("POST", "/webhooks/facebook/webhook", data=body, headers=headers)
    assert text == "not validated" and app.agent.messages == []
    messenger_client.send.assert_not_called()


async def test_messenger_buttons_become_quick_replies(messenger_client):
    reply = {"text": "Bonjour !\n\nQue voulez-vous savoir ?", "buttons": MENU}
    async with App([channels_from(ENV, "facebook")], reply=reply) as app:
        body = messenger_body("bonjour")
        await app.request("POST", "/webhooks/facebook/webhook", data=body, headers=signed(body))
    first, second = [c.args[0] for c in messenger_client.send.call_args_list]
    assert first == {"text": "Bonjour !"}
    assert second["text"] == "Que voulez-vous savoir ?"
    replies = second["quick_replies"]
    assert [r["payload"] for r in replies] == [b["payload"] for b in MENU]
    assert all(len(r["title"]) <= 20 for r in replies) and replies[0]["title"] == "Quel est mon CPAS ?"


# ------------------------------------------------------------------------------------------ Twilio
def twilio_signature(url, form, token=ENV["TWILIO_AUTH_TOKEN"]):
    """Twilio's documented scheme: HMAC-SHA1 of the URL followed by each POST field and value, sorted."""
    data = url + "".join(key + form[key] for key in sorted(form))
    return base64.b64encode(hmac.new(token.encode(), data.encode(), hashlib.sha1).digest()).decode()


def twilio_form(sender, body="", **extra):
    return {"From": sender, "To": ENV["TWILIO_NUMBER"], "Body": body, "MessageSid": "SM" + "0" * 32,
            "AccountSid": ENV["TWILIO_ACCOUNT_SID"], "NumMedia": "0", **extra}


@pytest.fixture
def twilio_client():
    with mock.patch("twilio.rest.api.v2010.account.message.MessageList.create",
                    mock.Mock(return_value=SimpleNamespace(sid="SM1"))) as create:
        yield create


async def post_twilio(app, form, url=None, token=ENV["TWILIO_AUTH_TOKEN"]):
    url = url or f"{app.base}/webhooks/twilio/webhook"
    return await app.request("POST", "/webhooks/twilio/webhook", data=form,
                             headers={"X-Twilio-Signature": twilio_signature(url, form, token)})


async def test_twilio_sms_and_whatsapp_reach_the_bot_cleaned_and_the_replies_leave_through_twilio(twilio_client):
    forms = [twilio_form("+32470123456", PRIVATE), twilio_form("whatsapp:+32470123456", "/restart"),
             twilio_form("whatsapp:+32470123456", "", Latitude="50.7", Longitude="4.4"),
             twilio_form("whatsapp:+32470123456", "", NumMedia="1", MediaUrl0="https://api.twilio.com/x.jpg",
                         MediaContentType0="image/jpeg")]
    async with App([channels_from(ENV, "twilio")]) as app:
        for form in forms:
            status, _ = await post_twilio(app, form)
            assert status == 204
    assert app.agent.texts == [MASKED, "restart", LOCATION, ATTACHMENT]
    senders = [m.sender_id for m in app.agent.messages]
    assert senders[0] == pseudonym(ENV["TWILIO_AUTH_TOKEN"], "sms", "+32470123456") and senders[0].startswith("sms-")
    assert set(senders[1:]) == {pseudonym(ENV["TWILIO_AUTH_TOKEN"], "whatsapp", "whatsapp:+32470123456")}
    assert not any("470123456" in s for s in senders)
    calls = [c.kwargs for c in twilio_client.call_args_list]
    assert calls[0] == {"to": "+32470123456", "from_": "+3225550000", "body": "Réponse du bot"}
    assert calls[1] == {"to": "whatsapp:+32470123456", "from_": "whatsapp:+3225550000", "body": "Réponse du bot"}
    assert len(calls) == len(forms)


@pytest.mark.parametrize("how", ["missing", "wrong-token", "tampered"])
async def test_twilio_refuses_requests_without_a_valid_signature(twilio_client, how):
    form = twilio_form("+32470123456", "bonjour")
    async with App([channels_from(ENV, "twilio")]) as app:
        if how == "missing":
            status, _ = await app.request("POST", "/webhooks/twilio/webhook", data=form)
        elif how == "wrong-token":
            status, _ = await post_twilio(app, form, token="not-the-token")
        else:
            headers = {"X-Twilio-Signature": twilio_signature(f"{app.base}/webhooks/twilio/webhook", form)}
            status, _ = await app.request("POST", "/webhooks/twilio/webhook", headers=headers,
                                          data={**form, "Body": "/restart"})
    assert status == 403 and app.agent.messages == []
    twilio_client.assert_not_called()


async def test_twilio_behind_a_proxy_checks_the_public_url(twilio_client):
    public = "https://bot.example.be/webhooks/twilio/webhook"
    form = twilio_form("+32470123456", "bonjour")
    async with App([channels_from({**ENV, "TWILIO_WEBHOOK_URL": public}, "twilio")]) as app:
        assert (await post_twilio(app, form))[0] == 403           # signed for the local URL: not what Twilio saw
        assert (await post_twilio(app, form, url=public))[0] == 204
    assert app.agent.texts == ["bonjour"]


async def test_twilio_buttons_are_written_in_the_text(twilio_client):
    reply = {"text": "Vivez-vous seul ?", "buttons": [{"title": "Oui", "payload": "oui"},
                                                       {"title": "Non", "payload": "non"}]}
    async with App([channels_from(ENV, "twilio")], reply=reply) as app:
        await post_twilio(app, twilio_form("+32470123456", "bonjour"))
        app.agent.reply = {"text": "Que voulez-vous savoir ?", "buttons": MENU}
        await post_twilio(app, twilio_form("+32470123456", "bonjour"))
    bodies = [c.kwargs["body"] for c in twilio_client.call_args_list]
    assert bodies[0] == "Vivez-vous seul ?\nRépondez : « Oui », « Non »."
    assert bodies[1].startswith("Que voulez-vous savoir ?\nVous pouvez écrire :\n- Quel est mon CPAS ?")
    assert len(bodies) == 2                     # one message each, not one SMS per button


# ------------------------------------------------------------------------------------------ REST
async def test_rest_cleans_and_keeps_no_client_metadata():
    async with App([channels_from({}, "rest")]) as app:
        for message in (PRIVATE, "/restart", ""):
            status, _ = await app.request("POST", "/webhooks/rest/webhook", json={
                "sender": "web-1", "message": message, "metadata": {"email": "marie@example.be"},
                "input_channel": "telegram"})
            assert status == 200
    assert app.agent.texts == [MASKED, "restart", "/empty_message"]
    assert [m.sender_id for m in app.agent.messages] == ["web-1"] * 3
    assert all(m.metadata is None and m.input_channel == "rest" for m in app.agent.messages)
