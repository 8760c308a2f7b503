# Sourced by pages.sh and serving.sh, which run gunicorn on a database of their own: the tools
# they need, and the database and environment the server is started with. From the
# repository's root, under `set -euo pipefail`.

# Stops with a message unless each named tool is on PATH (varnishd and nginx may be in /usr/sbin).
bench_require() {
  local tool
  for tool; do
    command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || { echo "$tool is missing"; exit 1; }
  done
}

# Prepares PostgreSQL database $1 (created if missing, migrated, loaded with the real content
# if it has none) and exports what gunicorn with bench.settings reads, DATABASE_URL and
# BENCH_LOG (gunicorn's log, in a new scratch folder) among them.
bench_prepare_server() {
  local db=$1
  local pg="postgres://postgres@${BENCH_DATABASE_HOST:-127.0.0.1}:5432"
  if ! psql "$pg/postgres" -Atc "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
    # pg_trgm sees Thai letters only under a UTF-8 LC_CTYPE.
    psql "$pg/postgres" -c "CREATE DATABASE \"$db\" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
  fi
  local work
  work=$(mktemp -d)
  export DATABASE_URL="$pg/$db" DJANGO_SETTINGS_MODULE=bench.settings
  export DJANGO_SECRET_KEY=bench-$(head -c 32 /dev/urandom | base64 | tr -d '/+=\n')
  export DJANGO_SECURE_SSL_REDIRECT=0 DJANGO_SECURE_COOKIES=0 DJANGO_LOG_LEVEL=WARNING
  # Uploads of the loaded content are kept beside the database they belong to, across runs.
  export DJANGO_STATIC_ROOT=$work/static MEDIA_ROOT=${BENCH_MEDIA_ROOT:-$PWD/bench/.media-$db} BENCH_LOG=$work/gunicorn.log
  export DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost
  # Cache-on runs use a shared Redis, as production with several workers must.
  export REDIS_URL=${BENCH_REDIS_URL:-redis://127.0.0.1:6379/1}
  mkdir -p bench/results
  .venv/bin/python manage.py migrate --noinput -v0
  .venv/bin/python manage.py collectstatic --noinput -v0
  # Generated stories (slugs demo-…) are not the real content.
  if [ "$(psql "$DATABASE_URL" -Atc "SELECT count(*) FROM stories_story WHERE slug NOT LIKE 'demo-%'")" = 0 ]; then
    .venv/bin/python manage.py load_content >/dev/null
  fi
}
