"""The lock store of the replicas (cpas_rasa/lock_store.py) against Rasa's, on an in-memory stand-in for Redis,
with the clock moved by hand: a replica dies holding a conversation's ticket, and the next message of that
conversation, waiting on another replica, must be served once the dead ticket has expired."""
import asyncio
import json
import time

import pytest
from rasa.core.lock import TicketLock
from rasa.core.lock_store import RedisLockStore

from cpas_rasa.lock_store import ExpiryProofRedisLockStore

REAL_SLEEP = asyncio.sleep


class FakeRedis:
    def __init__(self):
        self.data = {}

    def get(self, key):
        return self.data.get(key)

    def set(self, key, value):
        self.data[key] = value

    def delete(self, key):
        self.data.pop(key, None)


def store_on(cls, redis):
    store = cls.__new__(cls)
    store.red = redis
    store.key_prefix = "cpas:lock:"
    return store


class Clock:
    def __init__(self, monkeypatch):
        self.now = 1_000.0
        monkeypatch.setattr(time, "time", lambda: self.now)

    async def sleep(self, seconds):
        self.now += seconds + 0.01   # a wait always lasts a little longer than asked
        await REAL_SLEEP(0)


async def waiter_after_a_dead_replica(cls, monkeypatch, gap):
    """A dead replica's ticket issued `gap` seconds before the waiter's; both live 20 s."""
    clock = Clock(monkeypatch)
    monkeypatch.setattr(asyncio, "sleep", clock.sleep)   # the lock stores' waits, on the fake clock
    redis = FakeRedis()
    dead = store_on(cls, redis)
    dead.issue_ticket("conv", 20)                     # the replica that died: never cleans up
    clock.now += gap
    alive = store_on(cls, redis)

    async def handle():
        async with alive.lock("conv", lock_lifetime=20, wait_time_in_seconds=1):
            return clock.now

    served_at = await asyncio.wait_for(handle(), timeout=1)  # real seconds: the guard against a hang
    return served_at - 1_000.0, redis


@pytest.mark.asyncio
async def test_a_message_waiting_behind_a_dead_replica_is_served_when_the_dead_ticket_expires(monkeypatch):
    waited, redis = await waiter_after_a_dead_replica(ExpiryProofRedisLockStore, monkeypatch, gap=0.05)
    assert 20 <= waited <= 22
    stored = redis.get("cpas:lock:conv")
    # its ticket was given back: the next message goes at once
    assert stored is None or not TicketLock.from_dict(json.loads(stored)).tickets


@pytest.mark.asyncio
async def test_rasa_s_own_lock_store_hangs_in_that_case(monkeypatch):
    # Why the class exists: with Rasa's RedisLockStore the same message waits for ever (here: the test's
    # 1-second guard fires while the fake clock runs).
    with pytest.raises(asyncio.TimeoutError):
        await waiter_after_a_dead_replica(RedisLockStore, monkeypatch, gap=0.05)


@pytest.mark.asyncio
async def test_messages_of_one_conversation_still_go_one_at_a_time(monkeypatch):
    clock = Clock(monkeypatch)
    monkeypatch.setattr(asyncio, "sleep", clock.sleep)
    redis = FakeRedis()
    first, second = store_on(ExpiryProofRedisLockStore, redis), store_on(ExpiryProofRedisLockStore, redis)
    order = []

    async def handle(store, name, work):
        async with store.lock("conv", lock_lifetime=20, wait_time_in_seconds=1):
            order.append(f"{name} in")
            await clock.sleep(work)
            order.append(f"{name} out")

    await asyncio.gather(handle(first, "a", 3), handle(second, "b", 1))
    assert order == ["a in", "a out", "b in", "b out"]


def test_built_from_the_endpoints_file():
    from rasa.core.lock_store import LockStore
    from rasa.utils.endpoints import EndpointConfig

    config = EndpointConfig(url="127.0.0.1", type="cpas_rasa.lock_store.ExpiryProofRedisLockStore", port=6390,
                            db=1, password="x", key_prefix="cpas")
    store = LockStore.create(config)
    assert isinstance(store, ExpiryProofRedisLockStore)
    assert store.key_prefix == "cpas:lock:"
    kwargs = store.red.connection_pool.connection_kwargs
    assert (kwargs["host"], kwargs["port"], kwargs["db"], kwargs["password"]) == ("127.0.0.1", 6390, 1, "x")
