"""Code that runs inside the Rasa server (`rasa run`), never in the action server:

- ``channels/``: the input channels of credentials.yml (REST, Telegram, Messenger, Twilio);
- ``nlu/``: the custom NLU components of config.yml (docs/architecture.md lists them);
- ``privacy/``: masking of personal numbers and cleaning of typed text, used by the channels;
- ``lock_store``: the Redis lock store of the replicas (deploy/endpoints.scale.yml);
- ``action_response_check``: the action server's answers checked with a validator built once (installed here,
  so that every Rasa server that loads this package gets it: the channels of credentials.yml load it first).

The action server's code and the pure rules live in ``actions/``; the staff tools in ``staff/``.
"""
from cpas_rasa.action_response_check import install as _install_action_response_check

_install_action_response_check()
