"""Rasa server: the custom actions of actions/ run inside this process, without an HTTP round trip.

endpoints.yml says where the actions run:
- ``action_endpoint: {actions_module: actions}`` (what ``make run`` and ``make shell`` use): Rasa's
  ``RemoteAction`` hands its call to rasa-sdk's ``ActionExecutor`` here, in the Rasa server, and gets the same
  answer the action server would send (events and responses), checked by the same schema;
- ``action_endpoint: {url: http://.../webhook}`` (deploy/: the action server in its own container, scaled on its
  own): Rasa's HTTP call, unchanged.
Rasa Pro 3.10 added the same ``actions_module`` key; Rasa Open Source 3.6 only knows the URL, so ``install()``
(run when the Rasa server imports cpas_rasa, cpas_rasa/__init__.py) teaches ``EndpointConfig.request`` the key.

Why: under 20 users on 2 cores, a turn that called the action server waited for the Rasa server's event loop once
more per call (about one turn of every other user each time), so the turns of the checks were the slow tail
(docs/performance.md). In-process, the call does not leave the turn. The same outcomes as the action server:
a form's validation rejection becomes Rasa's ``ActionExecutionRejection`` (via the 400 answer Rasa parses), an
unknown action a 404 error, an action's own exception an error of the turn (the action server answered 500).
"""
from __future__ import annotations

import functools
import json
import logging
from typing import Any, Optional, Text

from rasa.utils.endpoints import ClientResponseError, EndpointConfig

logger = logging.getLogger(__name__)

MODULE_KEY = "actions_module"
_http_request = EndpointConfig.request


@functools.lru_cache(maxsize=None)
def executor_for(module: Text):
    """rasa-sdk's executor with every action of ``module`` registered (imported once per process)."""
    from rasa_sdk.executor import ActionExecutor

    executor = ActionExecutor()
    executor.register_package(module)
    return executor


async def run_in_process(module: Text, action_call: Any) -> Optional[Any]:
    """What the action server's webhook answers for ``action_call``, as the value Rasa's request returns."""
    from rasa_sdk.interfaces import ActionExecutionRejection, ActionNotFoundException

    if not isinstance(action_call, dict):
        raise ClientResponseError(400, "Bad Request", json.dumps({"error": "Invalid body request"}))
    try:
        return await executor_for(module).run(action_call)
    except ActionExecutionRejection as e:
        logger.debug(e)
        body = {"error": e.message, "action_name": e.action_name}
        raise ClientResponseError(400, "Bad Request", json.dumps(body)) from None
    except ActionNotFoundException as e:
        logger.error(e)
        body = {"error": e.message, "action_name": e.action_name}
        raise ClientResponseError(404, "Not Found", json.dumps(body)) from None


async def request(self: EndpointConfig, method: Text = "post", subpath: Optional[Text] = None,
                  content_type: Optional[Text] = "application/json", compress: bool = False,
                  **kwargs: Any) -> Optional[Any]:
    """``EndpointConfig.request``, which runs the action in this process when the endpoint names a module."""
    module = self.kwargs.get(MODULE_KEY) if isinstance(self.kwargs, dict) else None
    if not module:
        return await _http_request(self, method=method, subpath=subpath, content_type=content_type,
                                   compress=compress, **kwargs)
    return await run_in_process(module, kwargs.get("json"))


def install() -> None:
    EndpointConfig.request = request
