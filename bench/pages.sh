#!/usr/bin/env bash
# Page benchmark (not part of CI). One command:
#   bash bench/pages.sh
# Needs wrk (apt-get install wrk), PostgreSQL and Redis.
# Environment: BENCH_DATABASE_NAME (default wecitizens_pages_bench, created if missing), the
# generated data set for the second size: BENCH_CITIES (default 1000), BENCH_PROJECTS (5000),
# BENCH_PEOPLE (20000), BENCH_STORIES (100000) — generating them takes about 7 minutes on
# 2 cores; BENCH_SECONDS (per wrk run, default 2), BENCH_ROUNDS (alternating page/floor
# rounds, medians kept, default 3), BENCH_PORT (default 18710), BENCH_REDIS_URL (the cache,
# default redis://127.0.0.1:6379/1). Results: bench/results/*.json.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/server.sh
cities=${BENCH_CITIES:-1000} projects=${BENCH_PROJECTS:-5000}
people=${BENCH_PEOPLE:-20000} stories=${BENCH_STORIES:-100000}
bench_require wrk
bench_prepare_server "${BENCH_DATABASE_NAME:-wecitizens_pages_bench}"
args=(--port "${BENCH_PORT:-18710}" --seconds "${BENCH_SECONDS:-2}" --rounds "${BENCH_ROUNDS:-3}")
demo() {  # how many generated rows of a table there are
  psql "$DATABASE_URL" -Atc "SELECT count(*) FROM $1 WHERE slug LIKE 'demo-$2%'"
}
have=$(demo stories_story "")
if [ "$have" = 0 ] && [ "$(demo cities_city city-)" = 0 ]; then
  .venv/bin/python bench/pages.py --label real "${args[@]}" --json bench/results/real.json
fi
missing() { local want=$1 got=$2; echo $((want > got ? want - got : 0)); }
need=(--cities "$(missing "$cities" "$(demo cities_city city-)")"
      --people "$(missing "$people" "$(demo projects_person person-)")"
      --projects "$(missing "$projects" "$(demo projects_researchproject project-)")"
      --stories "$(missing "$stories" "$have")")
if [ "${need[*]}" != "--cities 0 --people 0 --projects 0 --stories 0" ]; then
  time .venv/bin/python manage.py generate_demo_data --force "${need[@]}"
fi
# The shared demo pictures live in MEDIA_ROOT, which may be new for an existing database.
.venv/bin/python manage.py generate_demo_data --images-only
.venv/bin/python bench/pages.py --label generated "${args[@]}" --json bench/results/generated.json
if [ -f bench/results/real.json ]; then
  .venv/bin/python bench/pages.py --compare bench/results/real.json bench/results/generated.json
  .venv/bin/python bench/pages.py --table bench/results/real.json bench/results/generated.json
fi
echo "gunicorn log: $BENCH_LOG"
