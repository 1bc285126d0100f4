-- wrk reports p50/p90/p99 only; this prints one JSON line with p50/p95/p99 (microseconds) for bench/run.py.
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format(
    'BENCH {"requests": %d, "duration_us": %d, "bytes": %d, "errors": %d, "non_2xx": %d, ' ..
    '"p50_us": %d, "p95_us": %d, "p99_us": %d}\n',
    summary.requests, summary.duration, summary.bytes, errors, summary.errors.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
