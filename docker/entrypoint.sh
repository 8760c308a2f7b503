#!/bin/sh
# On every start: bring the database schema up to date, collect static files,
# load the real content (idempotent: only what is missing is created), then serve.
set -e
python manage.py migrate --noinput
python manage.py collectstatic --noinput -v0
python manage.py load_content
exec "$@"
