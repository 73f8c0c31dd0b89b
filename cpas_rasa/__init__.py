"""Code that runs inside the Rasa server (`rasa run`), never in the action server:

- ``channels/``: the input channels of credentials.yml (REST, Telegram, Messenger, Twilio);
- ``nlu/``: the custom NLU components of config.yml (MaskRemover, the lean SpacyNLP, SiteMentionClassifier);
- ``privacy/``: masking of personal numbers and cleaning of typed text, used by the channels;
- ``lock_store``: the Redis lock store of the replicas (deploy/endpoints.scale.yml).

The action server's code and the pure rules live in ``actions/``; the staff tools in ``staff/``.
"""
