#!/usr/bin/env bash
# Page benchmark (not part of CI). One command:
#   bash bench/pages.sh
# Environment: BENCH_DATABASE_NAME (default wecitizens_pages_bench, created if missing), the
# generated data set for the second size: BENCH_CITIES (default 1000), BENCH_PROJECTS (5000),
# BENCH_PEOPLE (20000), BENCH_STORIES (100000) — generating them takes about 7 minutes on
# 2 cores; BENCH_SECONDS (per wrk run, default 2), BENCH_ROUNDS (alternating page/floor
# rounds, medians kept, default 3), BENCH_PORT (default 18710), BENCH_REDIS_URL (the cache,
# default redis://127.0.0.1:6379/1). Results: bench/results/*.json.
set -euo pipefail
cd "$(dirname "$0")/.."
db=${BENCH_DATABASE_NAME:-wecitizens_pages_bench}
cities=${BENCH_CITIES:-1000} projects=${BENCH_PROJECTS:-5000}
people=${BENCH_PEOPLE:-20000} stories=${BENCH_STORIES:-100000}
pg="postgres://postgres@${BENCH_DATABASE_HOST:-127.0.0.1}:5432"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk"; exit 1; }
if ! psql "$pg/postgres" -Atc "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
  psql "$pg/postgres" -c "CREATE DATABASE \"$db\" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
fi
work=$(mktemp -d)
export DATABASE_URL="$pg/$db" DJANGO_SETTINGS_MODULE=bench.settings
export DJANGO_SECRET_KEY=bench-$(head -c 32 /dev/urandom | base64 | tr -d '/+=\n')
export DJANGO_SECURE_SSL_REDIRECT=0 DJANGO_SECURE_COOKIES=0 DJANGO_LOG_LEVEL=WARNING
# Uploads of the loaded content are kept beside the database they belong to, across runs.
export DJANGO_STATIC_ROOT=$work/static MEDIA_ROOT=${BENCH_MEDIA_ROOT:-$PWD/bench/.media-$db} BENCH_LOG=$work/gunicorn.log
export DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost
# Cache-on runs use a shared Redis, as production with several workers must.
export REDIS_URL=${BENCH_REDIS_URL:-redis://127.0.0.1:6379/1}
args=(--port "${BENCH_PORT:-18710}" --seconds "${BENCH_SECONDS:-2}" --rounds "${BENCH_ROUNDS:-3}")
mkdir -p bench/results
.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py collectstatic --noinput -v0
if [ "$(psql "$DATABASE_URL" -Atc "SELECT count(*) FROM stories_story WHERE slug NOT LIKE 'demo-%'")" = 0 ]; then
  .venv/bin/python manage.py load_content >/dev/null
fi
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
echo "gunicorn log: $work/gunicorn.log"
