"""A Redis cache that degrades to "no cache" while Redis is unreachable.

Django's RedisCache raises on a connection error, and Wagtail itself reads the cache on every
page (site root paths), so a Redis outage would take the whole site down. Here every cache
operation that cannot reach Redis is logged and answered like a miss: pages get slower, they
do not break. Short socket timeouts keep a hanging Redis from holding requests.
"""

import functools
import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
OUTAGES = (RedisConnectionError, RedisTimeoutError, OSError)


def _tolerant(method, fallback):
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except OUTAGES:
            logger.warning("cache unreachable: %s", method.__name__)
            return fallback(*args, **kwargs) if callable(fallback) else fallback

    return wrapper


class TolerantRedisCache(RedisCache):
    def __init__(self, server, params):
        params = {**params, "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5, **params.get("OPTIONS", {})}}
        super().__init__(server, params)

    get = _tolerant(RedisCache.get, lambda key, default=None, version=None: default)
    get_many = _tolerant(RedisCache.get_many, {})
    set = _tolerant(RedisCache.set, None)
    set_many = _tolerant(RedisCache.set_many, [])
    add = _tolerant(RedisCache.add, False)
    touch = _tolerant(RedisCache.touch, False)
    delete = _tolerant(RedisCache.delete, False)
    delete_many = _tolerant(RedisCache.delete_many, None)
    has_key = _tolerant(RedisCache.has_key, False)
    clear = _tolerant(RedisCache.clear, None)

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except OUTAGES as error:
            raise ValueError("cache unreachable") from error
