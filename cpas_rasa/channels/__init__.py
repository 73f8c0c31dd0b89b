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
from cpas_rasa.channels.common import (
    ATTACHMENT,
    ENVIRONMENT,
    GREETING,
    LOCATION,
    DisabledChannel,
    PrivateOutput,
    from_environment,
    pseudonym,
)
from cpas_rasa.channels.messenger import MessengerOutput, SafeFacebookInput
from cpas_rasa.channels.rest import SafeRestInput
from cpas_rasa.channels.telegram import SafeTelegramInput, SafeTelegramOutput
from cpas_rasa.channels.twilio import SafeTwilioInput, SafeTwilioOutput, TextButtonsOutput

__all__ = [
    "ATTACHMENT", "ENVIRONMENT", "GREETING", "LOCATION", "DisabledChannel", "MessengerOutput", "PrivateOutput",
    "SafeFacebookInput", "SafeRestInput", "SafeTelegramInput", "SafeTelegramOutput", "SafeTwilioInput",
    "SafeTwilioOutput", "TextButtonsOutput", "from_environment", "pseudonym",
]
