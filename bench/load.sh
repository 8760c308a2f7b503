#!/usr/bin/env bash
# Load run (not part of CI): 50 concurrent readers for 60 s against gunicorn
# (docker/gunicorn.conf.py, production settings) on PostgreSQL, while a member of staff
# publishes and unpublishes stories in the admin. Loopback only, bounded in time.
#
#   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/wecitizens_bench bash bench/load.sh
#
# Needs wrk (apt-get install wrk). The database is migrated and seeded; use a scratch one.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${BENCH_DATABASE_URL:?set BENCH_DATABASE_URL to a scratch PostgreSQL database}"
PORT=${BENCH_PORT:-18520}
SECONDS_TO_RUN=${BENCH_SECONDS:-60}
CONNECTIONS=${BENCH_CONNECTIONS:-50}
work=$(mktemp -d)
export DATABASE_URL=$BENCH_DATABASE_URL
export DJANGO_SETTINGS_MODULE=config.settings.production
export DJANGO_SECRET_KEY=bench-$(head -c 32 /dev/urandom | base64 | tr -d '/+=\n')
export DJANGO_SECURE_SSL_REDIRECT=0 DJANGO_SECURE_COOKIES=0 DJANGO_LOG_LEVEL=WARNING
export DJANGO_STATIC_ROOT=$work/static MEDIA_ROOT=$work/media
export GUNICORN_BIND=127.0.0.1:$PORT
export AXES_FAILURE_LIMIT=1000

.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py collectstatic --noinput -v0
.venv/bin/python manage.py load_content >/dev/null
password=bench-$(head -c 12 /dev/urandom | base64 | tr -d '/+=\n')
DJANGO_SUPERUSER_PASSWORD=$password .venv/bin/python manage.py createsuperuser \
  --noinput --username bench-editor --email bench@example.org 2>/dev/null || \
  .venv/bin/python manage.py shell -c "from django.contrib.auth import get_user_model as m; u=m().objects.get(username='bench-editor'); u.set_password('$password'); u.save()" >/dev/null

.venv/bin/gunicorn --config docker/gunicorn.conf.py --access-logfile /dev/null \
  config.wsgi:application > "$work/gunicorn.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 60); do curl -fsS -o /dev/null "http://127.0.0.1:$PORT/healthz" 2>/dev/null && break; sleep 0.5; done

.venv/bin/python bench/publisher.py --base "http://127.0.0.1:$PORT" --username bench-editor \
  --password "$password" --seconds "$SECONDS_TO_RUN" > "$work/publisher.log" 2>&1 &
publisher=$!
wrk --threads 2 --connections "$CONNECTIONS" --duration "${SECONDS_TO_RUN}s" --timeout 10s \
  --latency --script bench/readers.lua "http://127.0.0.1:$PORT" | tee "$work/wrk.log"
publisher_status=0
wait $publisher || publisher_status=$?
cat "$work/publisher.log"
server_errors=$(grep -c '"level": "ERROR"' "$work/gunicorn.log" || true)
echo "server error log lines: $server_errors"
if grep -q "Non-2xx or 3xx responses" "$work/wrk.log" || grep -q "Socket errors" "$work/wrk.log" \
  || [ "$publisher_status" != 0 ] || [ "$server_errors" != 0 ]; then
  echo "LOAD RUN FAILED"; exit 1
fi
echo "LOAD RUN OK: zero errors"
