#!/bin/sh
# The one-off `migrate` service, run once per deploy before the web containers serve: bring
# the schema up to date, load the programme's real content (safe to repeat: what staff edited
# is kept) and give every content object a first history version.
set -e
python docker/wait_for_services.py
python manage.py migrate --noinput
python manage.py load_content
python manage.py createinitialrevisions
