#!/bin/sh
# On every start: bring the database schema up to date, collect static files,
# load the real content (safe to repeat: what staff edited is kept), start the
# content history, then serve.
set -e
python manage.py migrate --noinput
python manage.py collectstatic --noinput -v0
python manage.py load_content
# Give every content object a first history version, so even one deleted outside the
# admin can be recovered (objects that already have versions are left alone).
python manage.py createinitialrevisions
exec "$@"
