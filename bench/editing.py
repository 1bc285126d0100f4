"""Page cache under editors at work, the hit path against a static file, and the uncached price per page.

Part of ``make bench``; every figure is a ratio or a percentage measured in this run, and the
machine's load average is recorded with them (other work on the machine moves absolute numbers).

1. **Editing load** (BENCH_EDITING_SECONDS, default 60; BENCH_SECONDS when set, so CI's short
   mode stays short): gunicorn (production settings, Redis, a copy of the demo database) serves
   20 wrk connections cycling through the public pages while an editor saves a draft every second
   and publishes a news page of one working group's section every 10 s. Run twice, with
   ``PAGE_CACHE_INVALIDATION=everything`` (every write empties the cache: the behaviour before
   issue 20) and ``dependencies``. Reported: hit ratio, p50/p95/p99, and the share of answers that
   were the copy from before a publish, given while that page was being rendered again (``stale``,
   not counted as hits). Targets: ≥ 95 % hits, p99 ≤ 10 × p50 (dependencies).
2. **Hit path**: one cached page and a static file of about its size on the same server, 4
   connections each. Target: the cached page at ≥ 0.9 × the static file's requests per second.
3. **Uncached CPU**: process CPU ms per page rendered in-process (Django test client, page
   cache off, frame cache on as with Redis) with its SQL query count, and a bare ``wagtail start``
   home page measured the same way, so the framework's own floor is visible. Target: ≤ 15 queries.

PASS/FAIL lines are printed; the command exits 0 either way (the figures depend on the machine).
Results: bench/results/editing.json.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import servers  # noqa: E402

SECONDS = int(os.environ.get("BENCH_SECONDS") or os.environ.get("BENCH_EDITING_SECONDS") or "60")
CONNECTIONS = 20
HIT_RATIO_TARGET = 0.95
P99_FACTOR_TARGET = 10
STATIC_RATIO_TARGET = 0.9
MAX_QUERIES = 15
RESULTS = ROOT / "bench" / "results"
CPU_REPEAT = 5 if SECONDS < 10 else 20

URLS_CODE = """
import json
from wagtail.models import Page
pages = Page.objects.live().public().filter(depth__gt=1, locale__language_code__in=["de", "ar", "en"]).order_by("path")
urls = [page.get_url() for page in pages[:80]]
print("URLS " + json.dumps([url for url in urls if url]))
"""

EDITOR_CODE = """
import time
from home.models import NewsPage, WorkingGroupPage
group = WorkingGroupPage.objects.filter(locale__language_code="de").order_by("path").first()
news = list(NewsPage.objects.descendant_of(group).filter(locale=group.locale).live().order_by("path"))
print("READY", flush=True)
end = time.monotonic() + {seconds}
drafts = publishes = 0
tick = 0
while time.monotonic() < end:
    tick += 1
    page = news[tick % len(news)].specific.get_latest_revision_as_object()
    page.search_description = "Beispiel: Entwurf %d" % tick
    page.save_revision()
    drafts += 1
    if tick % 10 == 0:
        page = news[(tick // 10) % len(news)].specific
        page.title = page.title.split(" · ")[0] + " · Beispiel %d" % tick
        page.save_revision().publish()
        publishes += 1
    time.sleep(max(0.0, 1.0 - (time.monotonic() % 1.0)))
print("EDITOR %d %d" % (drafts, publishes))
"""

LUA = """
paths = %s
counter = 0
hits = 0
stale = 0
answers = 0
local threads = {}
setup = function(thread) table.insert(threads, thread) end
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1], {["Accept-Encoding"] = "gzip"})
end
response = function(status, headers, body)
  answers = answers + 1
  if headers["X-Page-Cache"] == "hit" then hits = hits + 1 end
  if headers["X-Page-Cache"] == "stale" then stale = stale + 1 end
end
done = function(summary, latency, requests)
  local h, s, a = 0, 0, 0
  for _, thread in ipairs(threads) do
    h = h + thread:get("hits"); s = s + thread:get("stale"); a = a + thread:get("answers")
  end
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format('BENCH {"requests": %%d, "duration_us": %%d, "errors": %%d, "hits": %%d, "stale": %%d, "answers": %%d, ' ..
    '"p50_us": %%d, "p95_us": %%d, "p99_us": %%d}\\n', summary.requests, summary.duration, errors, h, s, a,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""

CPU_CODE = """
import json, statistics, sys, time
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
settings.DEBUG = False
client = Client()
out = {}
for url in json.loads(sys.argv[-1]):
    client.get(url)  # templates, per-process lookups, the frame cache
    times = []
    for _ in range(REPEAT):
        start = time.process_time()
        with CaptureQueriesContext(connection) as queries:
            status = client.get(url).status_code
        times.append((time.process_time() - start) * 1000)
    out[url] = {"status": status, "cpu_ms": round(statistics.median(times), 2), "queries": len(queries)}
print("CPU " + json.dumps(out))
"""


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def wrk(url, connections, seconds, script=None):
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s",
               "-H", "Accept-Encoding: gzip", "-s", str(script or ROOT / "bench" / "report.lua"), url]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    result = json.loads(output.split("BENCH ", 1)[1].splitlines()[0])
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    return result


def shell(env, code, *args):
    return subprocess.run([sys.executable, str(ROOT / "manage.py"), "shell", "-c", code, *args], cwd=ROOT, env=env,
                          check=True, capture_output=True, text=True).stdout


def run_python(env, code, *args, cwd=ROOT):
    return subprocess.run([sys.executable, "-c", "import django; django.setup()\n" + code, *args], cwd=cwd, env=env,
                          check=True, capture_output=True, text=True).stdout


def editing_load(workdir, mode, redis):
    database_url, drop = servers.new_database_url(workdir / mode)
    env = servers.production_env(workdir / mode, database_url, REDIS_URL=redis.url, PAGE_CACHE_SECONDS="600",
                                 FRAME_CACHE_SECONDS="600", PAGE_CACHE_INVALIDATION=mode, GUNICORN_THREADS="4",
                                 AXES_ENABLED="false")
    urls = json.loads(shell(env, URLS_CODE).split("URLS ", 1)[1].splitlines()[0])
    process, base = servers.start_gunicorn(env, servers.free_port(), workers=2, threads=4)
    try:
        for url in urls:  # the cache starts warm, as on a site that has been running
            urllib.request.urlopen(urllib.request.Request(base + url, headers={"Accept-Encoding": "gzip"}), timeout=60).read()
        script = workdir / f"{mode}.lua"
        script.write_text(LUA % ("{" + ", ".join(json.dumps(url) for url in urls) + "}"))
        # The editor starts first (Django's start-up is not part of the measurement) and works
        # for exactly the measuring time.
        editing = subprocess.Popen([sys.executable, str(ROOT / "manage.py"), "shell", "-c",
                                    EDITOR_CODE.format(seconds=SECONDS)], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                                   text=True)
        try:
            for line in editing.stdout:  # Django's shell may first say what it imported
                if line.strip() == "READY":
                    break
            else:
                raise SystemExit("the editor did not start")
            result = wrk(base, CONNECTIONS, SECONDS, script)
            output = editing.communicate(timeout=SECONDS + 120)[0]
        finally:
            if editing.poll() is None:
                editing.kill()
        drafts, publishes = output.split("EDITOR ", 1)[1].split()[:2]
        editor = {"drafts": int(drafts), "publishes": int(publishes)}
        result.update(editor, mode=mode, urls=len(urls), hit_ratio=round(result["hits"] / max(result["answers"], 1), 4),
                      stale_ratio=round(result.get("stale", 0) / max(result["answers"], 1), 4))
        log(f"editing load, invalidation '{mode}': {result['hit_ratio']:.1%} hits ({result['stale_ratio']:.2%} stale), p50 {result['p50_us'] / 1000:.1f} ms, "
            f"p99 {result['p99_us'] / 1000:.1f} ms, {editor.get('drafts', 0)} drafts, {editor.get('publishes', 0)} publishes")
        if mode == "dependencies":
            result["hit_path"] = hit_path(base, env, urls)
        return result, env, urls
    finally:
        servers.stop(process)
        drop()


def hit_path(base, env, urls):
    """The cached page against a static file sent with as many bytes, measured alike.

    Both are asked for with ``Accept-Encoding: gzip`` (as every browser does), so WhiteNoise sends a
    file's ``.gz`` variant: the file is chosen by the size it is sent with, not by its size on disk
    (a file as large as the compressed page on disk goes out at about half the page's bytes). Each
    is measured twice, alternating, and the better run of each counts (the first measurement had
    the static file's best of two against the page's only run).
    """
    page = urls[0]
    size = len(urllib.request.urlopen(urllib.request.Request(base + page, headers={"Accept-Encoding": "gzip"})).read())
    static_root = Path(env["STATIC_ROOT"])

    def sent_size(path):
        compressed = path.with_name(path.name + ".gz")
        return compressed.stat().st_size if compressed.is_file() else path.stat().st_size

    files = [path for path in static_root.rglob("*") if path.is_file() and path.suffix in (".css", ".js")
             and path.stem.count(".") == 1 and not path.name.endswith((".gz", ".br"))]
    chosen = min(files, key=lambda path: abs(sent_size(path) - size))
    static = "/static/" + chosen.relative_to(static_root).as_posix()
    seconds = max(2, SECONDS // 6)
    statics, pages = [], []
    for _ in range(2):
        statics.append(wrk(base + static, 4, seconds))
        pages.append(wrk(base + page, 4, seconds))
    best = max(statics, key=lambda run: run["rps"])
    cached = max(pages, key=lambda run: run["rps"])
    result = {"page": page, "static": static, "page_bytes": size, "static_bytes": sent_size(chosen),
              "page_rps": round(cached["rps"], 1), "static_rps": round(best["rps"], 1),
              "page_p50_ms": cached["p50_us"] / 1000, "static_p50_ms": best["p50_us"] / 1000,
              "ratio": round(cached["rps"] / best["rps"], 3)}
    log(f"hit path: cached page {result['page_rps']:.0f} req/s ({size} bytes), static file {result['static_rps']:.0f} "
        f"req/s ({result['static_bytes']} bytes), ratio {result['ratio']:.2f}")
    return result


def uncached_cpu(env, urls, workdir):
    sample = urls[:: max(1, len(urls) // 8)][:8]
    page_env = {**env, "PAGE_CACHE_SECONDS": "0", "ALLOWED_HOSTS": "testserver"}
    (workdir / "cpu").mkdir()
    database_url, drop = servers.new_database_url(workdir / "cpu")
    page_env["DATABASE_URL"] = database_url
    try:
        site = json.loads(run_python(page_env, CPU_CODE.replace("REPEAT", str(CPU_REPEAT)), json.dumps(sample))
                          .split("CPU ", 1)[1])
    finally:
        drop()
    bare = bare_wagtail(workdir)
    return {"site": site, "bare_wagtail": bare}


def bare_wagtail(workdir):
    """A ``wagtail start`` project's home page, rendered the same way (SQLite, DEBUG off)."""
    project = workdir / "bare"
    project.mkdir()
    binary = Path(sys.executable).with_name("wagtail")
    subprocess.run([str(binary), "start", "bare", str(project)], check=True, capture_output=True)
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS"))}
    env["DJANGO_SETTINGS_MODULE"] = "bare.settings.dev"
    subprocess.run([sys.executable, "manage.py", "migrate", "--no-input", "-v0"], cwd=project, env=env, check=True,
                   capture_output=True)
    output = run_python({**env, "PYTHONPATH": str(project)}, CPU_CODE.replace("REPEAT", str(CPU_REPEAT)), '["/"]',
                        cwd=project)
    return json.loads(output.split("CPU ", 1)[1])["/"]


def verdict(name, ok, detail):
    line = f"{'PASS' if ok else 'FAIL'}  {name}: {detail}"
    print(line)
    return {"name": name, "pass": ok, "detail": detail}


def main():
    if not shutil.which("wrk"):
        raise SystemExit("wrk not found: apt-get install wrk")
    workdir = Path(tempfile.mkdtemp(prefix="ak-bench-editing-"))
    load_before = os.getloadavg()
    report = {"seconds": SECONDS, "connections": CONNECTIONS, "cpus": os.cpu_count(),
              "load_average_at_start": [round(value, 2) for value in load_before]}
    try:
        runs = {}
        for mode in ("everything", "dependencies"):
            (workdir / mode).mkdir()
            redis = servers.RedisServer().start()
            try:
                runs[mode], env, urls = editing_load(workdir, mode, redis)
                if mode == "dependencies":  # with its Redis still running: the frame cache as in production
                    report["uncached"] = uncached_cpu(env, urls, workdir)
            finally:
                redis.stop()
        report["editing"] = runs
        report["load_average_at_end"] = [round(value, 2) for value in os.getloadavg()]
        new, old = runs["dependencies"], runs["everything"]
        site = report["uncached"]["site"]
        bare = report["uncached"]["bare_wagtail"]
        print()
        print("| invalidation | hit ratio | stale | p50 ms | p95 ms | p99 ms | req/s | drafts | publishes | errors |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for mode, run in runs.items():
            print(f"| {mode} | {run['hit_ratio']:.1%} | {run['stale_ratio']:.2%} | {run['p50_us'] / 1000:.1f} | {run['p95_us'] / 1000:.1f} | "
                  f"{run['p99_us'] / 1000:.1f} | {run['rps']:.0f} | {run.get('drafts', 0)} | {run.get('publishes', 0)} | "
                  f"{run['errors']} |")
        print()
        print("| uncached page | CPU ms | × bare Wagtail | SQL |")
        print("| --- | ---: | ---: | ---: |")
        for url, row in site.items():
            print(f"| {url} | {row['cpu_ms']:.1f} | {row['cpu_ms'] / bare['cpu_ms']:.1f} | {row['queries']} |")
        print(f"| bare `wagtail start` home page | {bare['cpu_ms']:.1f} | 1.0 | {bare['queries']} |")
        print(f"\nload average {report['load_average_at_start']} at start, {report['load_average_at_end']} at end "
              f"({report['cpus']} cores)\n")
        hits = new["hit_path"]
        report["verdicts"] = [
            verdict("hit ratio under editing load", new["hit_ratio"] >= HIT_RATIO_TARGET,
                    f"{new['hit_ratio']:.1%} (target ≥ {HIT_RATIO_TARGET:.0%}; everything-invalidation: {old['hit_ratio']:.1%})"),
            verdict("p99 under editing load", new["p99_us"] <= P99_FACTOR_TARGET * new["p50_us"],
                    f"p99 {new['p99_us'] / 1000:.1f} ms = {new['p99_us'] / max(new['p50_us'], 1):.1f} × p50 "
                    f"(target ≤ {P99_FACTOR_TARGET} ×)"),
            verdict("cached page vs static file", hits["ratio"] >= STATIC_RATIO_TARGET,
                    f"{hits['ratio']:.2f} × (target ≥ {STATIC_RATIO_TARGET})"),
            verdict("SQL queries per uncached page", all(row["queries"] <= MAX_QUERIES for row in site.values()),
                    f"at most {max(row['queries'] for row in site.values())} (target ≤ {MAX_QUERIES})"),
        ]
        RESULTS.mkdir(exist_ok=True)
        (RESULTS / "editing.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
        print(f"saved: {RESULTS / 'editing.json'}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
