"""Code that runs inside the Rasa server (`rasa run`), never in the action server:

- ``channels/``: the input channels of credentials.yml (REST, Telegram, Messenger, Twilio);
- ``nlu/``: the custom NLU components of config.yml (docs/architecture.md lists them);
- ``privacy/``: masking of personal numbers and cleaning of typed text, used by the channels;
- ``lock_store``: the Redis lock store of the replicas (deploy/endpoints.scale.yml);
- ``actions_in_process``: the custom actions run in the Rasa server when endpoints.yml names their module
  (``action_endpoint: actions_module: actions``), without an HTTP round trip (installed here);
- ``action_response_check``: the action server's answers checked with a validator built once (installed here,
  so that every Rasa server that loads this package gets it: the channels of credentials.yml load it first);
- ``event_types``: an event's class found from a table when a tracker is rebuilt from the store (installed here
  too: Rasa walked every Event subclass for every stored event, at every turn);
- ``sql_tracker_read``: the SQL tracker store reads the events' JSON only, not whole ORM rows (installed here);
- ``tf_model_load``: DIET and the ResponseSelector loaded to predict without training them on one example first
  (installed here: no optimizer state kept in memory, a quicker start).

The custom actions and the pure rules live in ``actions/``; the staff tools in ``staff/``.
"""
from cpas_rasa.action_response_check import install as _install_action_response_check
from cpas_rasa.actions_in_process import install as _install_actions_in_process
from cpas_rasa.event_types import install as _install_event_types
from cpas_rasa.sql_tracker_read import install as _install_sql_tracker_read
from cpas_rasa.tf_model_load import install as _install_tf_model_load

_install_action_response_check()
_install_actions_in_process()
_install_event_types()
_install_sql_tracker_read()
_install_tf_model_load()
