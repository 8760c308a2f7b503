"""Wait until the database and the cache accept connections, and with --migrated until every
migration in this image has been applied (by the one-off `migrate` service), then exit 0;
exit 1 after --timeout seconds. Compose implementations differ in how they honour `depends_on`
conditions (podman-compose ignores them), so the containers wait for what they need themselves.
"""

import argparse
import os
import sys
import time

import django
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, OperationalError, connections
from django.db.migrations.executor import MigrationExecutor


def first_line(error):
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


def pending_migrations(connection):
    executor = MigrationExecutor(connection)
    return executor.migration_plan(executor.loader.graph.leaf_nodes())


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--migrated", action="store_true", help="also wait for the migrations")
    parser.add_argument("--timeout", type=float, default=180.0)
    options = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
    django.setup()
    connection = connections[DEFAULT_DB_ALIAS]
    deadline = time.monotonic() + options.timeout
    waiting_for = None
    while True:
        try:
            connection.ensure_connection()
            cache.get("wait-for-services")
            pending = pending_migrations(connection) if options.migrated else []
            if not pending:
                return 0
            reason = f"{len(pending)} migrations not applied yet"
        except OperationalError as error:
            reason = f"database not reachable ({first_line(error)})"
        except Exception as error:  # the cache client's errors have no common base class
            reason = f"cache not reachable ({first_line(error)})"
        finally:
            connection.close()
        if reason != waiting_for:
            print(f"waiting: {reason}", file=sys.stderr, flush=True)
            waiting_for = reason
        if time.monotonic() > deadline:
            print(f"gave up after {options.timeout:.0f} s: {reason}", file=sys.stderr)
            return 1
        time.sleep(1)


if __name__ == "__main__":
    sys.exit(main())
