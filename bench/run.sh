#!/usr/bin/env bash
# Search benchmark on PostgreSQL: a database of its own, N generated stories, then latencies.
#   bash bench/run.sh                     # 100,000 stories in database wecitizens_bench
#   BENCH_DATABASE_NAME=x BENCH_STORIES=20000 bash bench/run.sh
# Generating 100,000 stories takes a few minutes the first time; later runs reuse them.
set -euo pipefail
cd "$(dirname "$0")/.."
db=${BENCH_DATABASE_NAME:-wecitizens_bench}
stories=${BENCH_STORIES:-100000}
pg="postgres://postgres@${BENCH_DATABASE_HOST:-127.0.0.1}:5432"
export DATABASE_URL="$pg/$db" DJANGO_SETTINGS_MODULE=config.settings.dev
if ! psql "$pg/postgres" -Atc "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
  # pg_trgm sees Thai letters only under a UTF-8 LC_CTYPE.
  psql "$pg/postgres" -c "CREATE DATABASE \"$db\" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
fi
.venv/bin/python manage.py migrate --noinput -v0
have=$(psql "$DATABASE_URL" -Atc "SELECT count(*) FROM stories_story")
if [ "$have" -lt "$stories" ]; then
  .venv/bin/python manage.py generate_demo_data --stories $((stories - have))
fi
.venv/bin/python bench/search_latency.py
