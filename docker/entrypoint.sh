#!/bin/sh
# The web container: wait until the database and the cache answer and the `migrate` service has
# applied this image's migrations, then serve. Migrations, content loading and static files are not
# done here, so any number of replicas can start at once.
set -e
python docker/wait_for_services.py --migrated
exec "$@"
