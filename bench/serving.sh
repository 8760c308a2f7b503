#!/usr/bin/env bash
# Serving benchmark (not part of CI): Varnish, gunicorn with the page cache, gunicorn uncached
# and an nginx floor, then a flash crowd through Varnish with an edit every few seconds.
#   bash bench/serving.sh        (or: make bench-serving)
# Needs wrk, varnishd and nginx (apt-get install wrk varnish nginx-light), PostgreSQL and Redis.
# Environment: BENCH_DATABASE_NAME (default wecitizens_serving_bench, created and loaded with
# the real content if missing), BENCH_SECONDS (per wrk run, default 3), BENCH_ROUNDS (default
# 3), BENCH_CROWD_SECONDS (default 60), BENCH_CROWDS (default 32,256), BENCH_PORT (first of
# five ports, default 18800), BENCH_REDIS_URL (default redis://127.0.0.1:6379/1).
# Results: bench/results/serving.json and the tables on stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/server.sh
bench_require wrk varnishd nginx
bench_prepare_server "${BENCH_DATABASE_NAME:-wecitizens_serving_bench}"
.venv/bin/python bench/serving.py --seconds "${BENCH_SECONDS:-3}" --rounds "${BENCH_ROUNDS:-3}" \
  --crowd-seconds "${BENCH_CROWD_SECONDS:-60}" --crowds "${BENCH_CROWDS:-32,256}" \
  --port "${BENCH_PORT:-18800}" --json bench/results/serving.json
echo "gunicorn log: $BENCH_LOG"
