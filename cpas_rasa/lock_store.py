"""Redis lock store whose waiting messages never hang when a replica dies holding a conversation's lock.

Rasa 3.6 serves one message per conversation at a time with numbered tickets that expire after
TICKET_LOCK_LIFETIME seconds. When a replica dies while handling a message, its ticket stays until it expires,
and the next message of that conversation (replayed by the proxy on another replica) waits for it. But the
waiting message's own ticket has the same lifetime and was issued a moment later: when both have expired by
the time the waiter looks again (it looks once a second), Rasa's loop waits for a ticket that no longer exists,
until the HTTP request times out and the person gets no answer (seen in `make test-scale`). Here, a message
whose ticket expired while it waited takes a new one and goes on.

Use it with `type: cpas_rasa.lock_store.ExpiryProofRedisLockStore` in the endpoints file (deploy/endpoints.scale.yml).
"""
from __future__ import annotations

import asyncio
import logging
from contextlib import asynccontextmanager
from typing import AsyncGenerator, Optional, Text

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

logger = logging.getLogger(__name__)


class ExpiryProofRedisLockStore(RedisLockStore):
    def __init__(self, endpoint_config: Optional[EndpointConfig] = None, **kwargs) -> None:
        if endpoint_config is not None:   # built by Rasa from the endpoints file
            kwargs = {"host": endpoint_config.url, **endpoint_config.kwargs, **kwargs}
        super().__init__(**kwargs)

    @asynccontextmanager
    async def lock(self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME,
                   wait_time_in_seconds: float = 1) -> AsyncGenerator[TicketLock, None]:
        ticket = self.issue_ticket(conversation_id, lock_lifetime)
        try:
            while True:
                lock = self.get_lock(conversation_id)
                if lock is None:
                    raise LockError(f"Could not acquire lock for conversation_id '{conversation_id}'.")
                if not lock.is_locked(ticket):
                    break
                if all(held.number != ticket for held in lock.tickets):
                    logger.warning("A lock ticket expired while its message waited (a replica died holding the "
                                   "conversation's lock?): the message takes a new ticket.")
                    ticket = self.issue_ticket(conversation_id, lock_lifetime)
                    continue
                await asyncio.sleep(wait_time_in_seconds)
                self.update_lock(conversation_id)
            yield lock
        finally:
            self.cleanup(conversation_id, ticket)
