"""`make bench`: the site on its real stack under load, one table of throughput, latency and SQL queries.

A throwaway PostgreSQL cluster and Redis server, the demo content plus seeded volume
(bench/seed.py: 1,000 organisations, 10,000 events), gunicorn with production settings on
loopback, and Debian's `wrk` (one thread, four connections, so the load generator leaves the
server the cores) for BENCH_SECONDS per URL (default 10; CI uses 2). Each page is measured with
the whole-page cache off, then on (PAGE_CACHE_SECONDS); the frame cache (menu, footer, language
versions, filter choices, feeds: caching/frame.py) is on in both, as in production with
Redis. A static file of about the size of a page is the ceiling: each page's throughput is given
as a ratio to it, measured in the same run, so the figure means the same on any machine.

Targets (printed as PASS/FAIL, never failing the command): at most 15 SQL queries per public
page; with the page cache on, at least half the static file's throughput; uncached p95 below
10 times the static file's p95. The table is printed and saved to bench/results/latest.json.
"""

import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

from postgres import ThrowawayPostgres  # noqa: E402

sys.path.insert(0, str(ROOT))
from tests.servers import RedisServer  # noqa: E402

SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = 4  # -c4: the load generator must not starve the server on two cores
MAX_QUERIES = 15
CACHED_RATIO_TARGET = 0.5
P95_FACTOR_TARGET = 10
STATIC = "static file"
HASHED = re.compile(r"\.[0-9a-f]{12}\.\w+$")


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(workdir, database_url, redis_url):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "DEMO_CONTENT": "true",  # the benchmark measures the example site
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "WAGTAILADMIN_BASE_URL": "http://127.0.0.1:8000",  # loopback: nothing to derive the address from
        "SECURE_SSL_REDIRECT": "false",  # plain http on loopback; never off live
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "SECURE_HSTS_SECONDS": "0",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "MEDIA_ROOT": str(workdir / "media"),
        "STATIC_ROOT": str(workdir / "static"),
        "ADMIN_PASSWORD": secrets.token_urlsafe(24),
        "AXES_ENABLED": "false",
        "LOG_LEVEL": "ERROR",
        "PAGE_CACHE_SECONDS": "0",
        # Threaded workers keep connections alive, as they are behind a reverse proxy. Without
        # keep-alive wrk opens a connection per request, runs out of loopback ports at
        # static-file speed, and the static file's p95 becomes TCP's one-second retry timer.
        "GUNICORN_THREADS": "2",
        # No recycling of workers during the measurement: at static-file speed the production
        # default would restart each worker every few seconds, and the next page would be
        # measured on cold workers.
        "GUNICORN_MAX_REQUESTS": "0",
    }


def python(env, *args):
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True)


def prepare(env):
    log("collectstatic, migrate, demo content")
    python(env, "manage.py", "collectstatic", "--no-input", "-v0")
    python(env, "manage.py", "migrate", "--no-input", "-v0")
    python(env, "manage.py", "load_demo_content")
    log("seeding volume")
    log(python(env, str(BENCH / "seed.py")).stdout.strip())


def static_file_like(static_root, size):
    """The hashed static file (uncompressed original) closest in size to a page."""
    files = [path for path in Path(static_root).rglob("*") if path.is_file() and HASHED.search(path.name)]
    best = min(files, key=lambda path: abs(path.stat().st_size - size))
    return "/static/" + best.relative_to(static_root).as_posix()


def start_server(env, page_cache_seconds):
    port = free_port()
    server_env = {**env, "PAGE_CACHE_SECONDS": str(page_cache_seconds), "BIND": f"127.0.0.1:{port}"}
    process = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py")],
                               cwd=ROOT, env=server_env)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{url}/healthz", timeout=2)
            return process, url
        except OSError:
            time.sleep(0.3)
    process.terminate()
    raise SystemExit("gunicorn did not start")


def stop(process):
    process.terminate()
    try:
        process.wait(20)
    except subprocess.TimeoutExpired:
        process.kill()


def wrk(url):
    # Warm up: the first request fills the shared caches, then one second of load reaches every
    # worker (templates, per-process lookups), so the measurement shows the steady state.
    urllib.request.urlopen(urllib.request.Request(url, headers={"Accept-Encoding": "gzip"}), timeout=60).read()
    subprocess.run(["wrk", "-t1", f"-c{CONNECTIONS}", "-d1s", "--timeout", "30s", "-H", "Accept-Encoding: gzip", url],
                   check=True, capture_output=True)
    output = subprocess.run(
        ["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--latency", "--timeout", "30s",
         "-H", "Accept-Encoding: gzip", "-s", str(BENCH / "report.lua"), url],
        check=True, capture_output=True, text=True,
    ).stdout
    result = json.loads(output.split("BENCH ", 1)[1].splitlines()[0])
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    return result


def best_of(first, second):
    """The static file's better figure of two runs, each: on two cores, one stall of the machine
    moves its tail latency by a hundred milliseconds, and the ceiling should not move with it."""
    best = dict(max(first, second, key=lambda run: run["rps"]))
    for key in ("p50_us", "p95_us", "p99_us"):
        best[key] = min(first[key], second[key])
    return best


def measure(env, urls, page_cache_seconds):
    """wrk against every URL; the static file first and last, keeping its better figures: the
    ceiling is what the stack can do, and other processes on the machine must not lower it by chance."""
    process, base = start_server(env, page_cache_seconds)
    try:
        results = {STATIC: wrk(base + urls[STATIC])}
        for name, path in urls.items():
            result = wrk(base + path)
            if name == STATIC:
                result = best_of(result, results[STATIC])
            results[name] = result
            log(f"{'cached' if page_cache_seconds else 'uncached'} {name}: {result['rps']:.0f} req/s")
        return results
    finally:
        stop(process)


def verdicts(name, uncached, cached, static_uncached, static_cached, queries):
    if name == STATIC:
        return {}
    checks = {"queries": queries is not None and queries <= MAX_QUERIES,
              "p95": uncached["requests"] > 0 and uncached["p95_us"] < P95_FACTOR_TARGET * static_uncached["p95_us"]}
    if cached:
        checks["cached"] = cached["requests"] > 0 and cached["rps"] >= CACHED_RATIO_TARGET * static_cached["rps"]
    return checks


def build_rows(urls, queries, uncached, cached):
    rows = []
    for name, path in urls.items():
        row_cached = cached.get(name)
        checks = verdicts(name, uncached[name], row_cached, uncached[STATIC], cached[STATIC], queries.get(name))
        rows.append({
            "name": name,
            "path": path,
            "rps": round(uncached[name]["rps"], 1),
            "p50_ms": round(uncached[name]["p50_us"] / 1000, 1),
            "p95_ms": round(uncached[name]["p95_us"] / 1000, 1),
            "p99_ms": round(uncached[name]["p99_us"] / 1000, 1),
            "ratio": round(uncached[name]["rps"] / uncached[STATIC]["rps"], 3),
            "cached_rps": round(row_cached["rps"], 1) if row_cached else None,
            "cached_ratio": round(row_cached["rps"] / cached[STATIC]["rps"], 3) if row_cached else None,
            "queries": queries.get(name),
            "errors": uncached[name]["errors"] + (row_cached["errors"] if row_cached else 0),
            "checks": checks,
            "verdict": "" if not checks else ("PASS" if all(checks.values()) else "FAIL"),
        })
    return rows


def table(rows):
    head = ("| page | req/s | p50 ms | p95 ms | p99 ms | × static | cached req/s | cached × static | SQL | errors | targets |\n"
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    lines = [head]
    for row in rows:
        failed = [name for name, ok in row["checks"].items() if not ok]
        verdict = row["verdict"] + (f" ({', '.join(failed)})" if failed else "")
        if row["rps"]:
            latency = f"{row['p50_ms']} | {row['p95_ms']} | {row['p99_ms']}"
        else:
            latency = f"> {SECONDS} s | – | –"  # not one answer within the measuring time
        cached = (f"{row['cached_rps']:.0f} | {row['cached_ratio']:.2f}" if row["cached_rps"] is not None
                  else "– | –")
        lines.append(
            f"| {row['name']} | {row['rps']:.1f} | {latency} | {row['ratio']:.3f} | {cached} | "
            f"{'' if row['queries'] is None else row['queries']} | {row['errors']} | {verdict} |"
        )
    return "\n".join(lines)


def main():
    if not shutil.which("wrk"):
        raise SystemExit("wrk not found: apt-get install wrk")
    workdir = Path(tempfile.mkdtemp(prefix="ak-bench-"))
    postgres = ThrowawayPostgres()
    redis = RedisServer()
    try:
        log("starting PostgreSQL and Redis")
        postgres.start()
        redis.start()
        env = production_env(workdir, postgres.url, redis.url)
        prepare(env)
        log("finding URLs, counting SQL queries")
        probe = json.loads(python(env, str(BENCH / "probe.py")).stdout.strip().splitlines()[-1])
        urls, queries = probe["urls"], probe["queries"]
        process, base = start_server(env, 0)
        try:
            home_html = urllib.request.urlopen(base + urls["home"], timeout=30).read()
        finally:
            stop(process)
        urls[STATIC] = static_file_like(env["STATIC_ROOT"], len(home_html))
        log(f"{len(urls)} URLs, {SECONDS} s each, page cache off (load average {os.getloadavg()[0]:.1f})")
        uncached = measure(env, urls, 0)
        log("page cache on")
        cached = measure(env, {name: path for name, path in urls.items() if not path.startswith("/api/")
                               and not path.endswith(".ics")}, 600)
        rows = build_rows(urls, queries, uncached, cached)
        report = {
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "seconds_per_url": SECONDS,
            "connections": CONNECTIONS,
            "cpus": os.cpu_count(),
            "load_average_at_end": round(os.getloadavg()[0], 1),  # other work on the machine skews absolute figures
            "volume": {"organisations": int(os.environ.get("BENCH_ORGANISATIONS", "1000")),
                       "events": int(os.environ.get("BENCH_EVENTS", "10000"))},
            "targets": {"max_queries": MAX_QUERIES, "cached_ratio_min": CACHED_RATIO_TARGET,
                        "p95_factor_max": P95_FACTOR_TARGET},
            "rows": rows,
        }
        results = BENCH / "results"
        results.mkdir(exist_ok=True)
        (results / "latest.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
        print()
        print(table(rows))
        print(f"\nsaved: {results / 'latest.json'}")
    finally:
        postgres.stop()
        redis.stop()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
