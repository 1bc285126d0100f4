"""``/healthz`` for load balancers and monitoring: can this process reach its database and cache?

Answers 200 when the database works, 503 when it does not (the process cannot serve pages).
A cache outage is reported but keeps the answer at 200: the site is slower, not down.
Nothing about the configuration (hosts, names, versions) is shown.
"""

import logging
import os
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)


def sqlite_file_missing():
    """SQLite answers ``SELECT`` from an open connection to a deleted file, and would create an empty file
    on a new one: the file itself must still be there."""
    if connection.vendor != "sqlite":
        return False
    name = str(connection.settings_dict["NAME"])
    in_memory = name == ":memory:" or name.startswith("file::memory:") or "mode=memory" in name
    return not in_memory and not os.path.exists(name)


def database_ok():
    try:
        if sqlite_file_missing():
            logger.error("healthz: the SQLite database file is missing")
            return False
        with connection.cursor() as cursor:
            # A table the site cannot work without, not only "SELECT 1", which an empty database answers too.
            cursor.execute("SELECT 1 FROM django_migrations LIMIT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        logger.error("healthz: database unreachable", exc_info=True)
        return False


def cache_ok():
    key = f"healthz:{uuid.uuid4().hex}"
    try:
        cache.set(key, "ok", 10)
        found = cache.get(key) == "ok"
        cache.delete(key)
        return found
    except Exception:
        logger.error("healthz: cache unreachable", exc_info=True)
        return False


@never_cache
def healthz(request):
    checks = {"database": database_ok(), "cache": cache_ok()}
    status = "ok" if all(checks.values()) else ("degraded" if checks["database"] else "down")
    body = {"status": status, **{name: "ok" if ok else "error" for name, ok in checks.items()}}
    return JsonResponse(body, status=200 if checks["database"] else 503)
