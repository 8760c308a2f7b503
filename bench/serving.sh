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
for tool in wrk varnishd nginx; do
  command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || { echo "$tool is missing"; exit 1; }
done
db=${BENCH_DATABASE_NAME:-wecitizens_serving_bench}
pg="postgres://postgres@${BENCH_DATABASE_HOST:-127.0.0.1}:5432"
if ! psql "$pg/postgres" -Atc "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
  psql "$pg/postgres" -c "CREATE DATABASE \"$db\" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
fi
work=$(mktemp -d)
export DATABASE_URL="$pg/$db" DJANGO_SETTINGS_MODULE=bench.settings
export DJANGO_SECRET_KEY=bench-$(head -c 32 /dev/urandom | base64 | tr -d '/+=\n')
export DJANGO_SECURE_SSL_REDIRECT=0 DJANGO_SECURE_COOKIES=0 DJANGO_LOG_LEVEL=WARNING
export DJANGO_STATIC_ROOT=$work/static MEDIA_ROOT=${BENCH_MEDIA_ROOT:-$PWD/bench/.media-$db} BENCH_LOG=$work/gunicorn.log
export DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost
export REDIS_URL=${BENCH_REDIS_URL:-redis://127.0.0.1:6379/1}
mkdir -p bench/results
.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py collectstatic --noinput -v0
if [ "$(psql "$DATABASE_URL" -Atc "SELECT count(*) FROM stories_story")" = 0 ]; then
  .venv/bin/python manage.py load_content >/dev/null
fi
.venv/bin/python bench/serving.py --seconds "${BENCH_SECONDS:-3}" --rounds "${BENCH_ROUNDS:-3}" \
  --crowd-seconds "${BENCH_CROWD_SECONDS:-60}" --crowds "${BENCH_CROWDS:-32,256}" \
  --port "${BENCH_PORT:-18800}" --json bench/results/serving.json
echo "gunicorn log: $work/gunicorn.log"
