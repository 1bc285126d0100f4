"""gunicorn.conf.py: workers are never recycled together, and keep-alive outlasts a proxy's idle timeout."""

import runpy
from pathlib import Path
from types import SimpleNamespace
from unittest import mock

ROOT = Path(__file__).resolve().parents[1]


def load(**env):
    with mock.patch.dict("os.environ", env):
        return runpy.run_path(str(ROOT / "gunicorn.conf.py"))


def worker():
    return SimpleNamespace(alive=True, pid=4711, log=mock.Mock())


def test_no_recycling_by_count_unless_asked_and_then_spread_per_worker():
    conf = load()
    assert conf["max_requests"] == 0
    conf = load(GUNICORN_MAX_REQUESTS="5000")
    assert conf["max_requests"] == 5000 and conf["max_requests_jitter"] == 5000  # each worker: 5,000 to 10,000


def test_keepalive_outlasts_a_load_balancers_idle_timeout():
    assert load()["keepalive"] > 60
    assert load(GUNICORN_KEEPALIVE="5")["keepalive"] == 5


def test_each_worker_draws_its_own_memory_limit():
    conf = load(GUNICORN_MAX_WORKER_MEMORY_MB="400")
    limits = set()
    for _ in range(20):
        each = worker()
        conf["post_fork"](None, each)
        assert 0.9 * 400 * 2**20 <= each.memory_limit <= 1.1 * 400 * 2**20
        limits.add(each.memory_limit)
    assert len(limits) > 1


def test_a_worker_above_its_memory_limit_finishes_and_is_replaced():
    conf = load(GUNICORN_MAX_WORKER_MEMORY_MB="400")
    grown, small = worker(), worker()
    for each in (grown, small):
        conf["post_fork"](None, each)
    grown.memory_limit = 1  # this process uses more than one byte
    small.memory_limit = conf["resident_memory"]() + 2**30  # the suite's own size must not decide this
    for _ in range(conf["MEMORY_CHECK_EVERY"]):
        conf["post_request"](grown, None, {}, None)
        conf["post_request"](small, None, {}, None)
    assert grown.alive is False and grown.log.warning.called
    assert small.alive is True


def test_memory_limit_off():
    conf = load(GUNICORN_MAX_WORKER_MEMORY_MB="0")
    each = worker()
    conf["post_fork"](None, each)
    for _ in range(conf["MEMORY_CHECK_EVERY"]):
        conf["post_request"](each, None, {}, None)
    assert each.alive is True
