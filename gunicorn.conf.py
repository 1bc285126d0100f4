"""gunicorn settings for production: ``gunicorn cms.wsgi`` reads this file from the repository root.

PORT (8000), BIND (overrides PORT), WEB_CONCURRENCY (2 x cores + 1), GUNICORN_THREADS (1),
GUNICORN_TIMEOUT (30 s), GUNICORN_KEEPALIVE (75 s), GUNICORN_MAX_WORKER_MEMORY_MB (512; 0 = no limit),
GUNICORN_MAX_REQUESTS (0 = never recycle by count). Access log off by default; errors go to stderr.

Recycling: workers that all start together and are recycled after about the same number of
requests restart together, and during their restart nobody answers (the stalls of over 2 s seen
under sustained load). So workers are not recycled by count unless GUNICORN_MAX_REQUESTS asks for
it, and then each worker draws its own limit between N and 2N. Instead a worker whose memory grew
beyond GUNICORN_MAX_WORKER_MEMORY_MB (each worker's limit drawn within ±10 %, so they do not all
reach it at once) finishes its request and exits; the arbiter starts a fresh one while the
others go on serving.

Keep-alive: behind a reverse proxy that keeps connections open to the app (nginx ``keepalive``,
load balancers with 60 s idle timeouts) the app must hold idle connections longer than the proxy,
or the proxy sends a request on a connection the app is just closing (sporadic 502). Keep-alive
needs threads (gthread worker, GUNICORN_THREADS > 1); the sync worker closes after each request.
"""

import multiprocessing
import os
import random

bind = os.environ.get("BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "75"))
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "0"))
max_requests_jitter = max_requests  # each worker: between N and 2N requests
MAX_WORKER_MEMORY = int(os.environ.get("GUNICORN_MAX_WORKER_MEMORY_MB", "512")) * 1024 * 1024
MEMORY_CHECK_EVERY = 100  # requests
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "warning")
wsgi_app = "cms.wsgi:application"


def resident_memory():
    """This process's resident memory in bytes (Linux /proc; 0 where unavailable)."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def post_fork(server, worker):
    worker.memory_limit = int(MAX_WORKER_MEMORY * random.uniform(0.9, 1.1))
    worker.requests_since_check = 0


def post_request(worker, req, environ, resp):
    limit = getattr(worker, "memory_limit", 0)
    if not limit:
        return
    worker.requests_since_check += 1
    if worker.requests_since_check < MEMORY_CHECK_EVERY:
        return
    worker.requests_since_check = 0
    used = resident_memory()
    if used > limit:
        worker.log.warning("worker %s uses %d MB (limit %d MB): restarting it", worker.pid, used >> 20, limit >> 20)
        worker.alive = False  # finishes this request, then the arbiter starts a fresh worker
