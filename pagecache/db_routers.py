"""Send the reads of public, anonymous page views to a read replica; everything else to the
primary.

Active only when `DATABASE_REPLICA_URL` is set (settings then add the `replica` alias and this
router). `ReplicaReadsMiddleware` marks a request as replica-eligible in a context variable
when it is a GET or HEAD that the page cache could serve to anyone: no session or messages
cookie, not signed in, not the admin, the portal, a review link, the health check or media
(`pagecache.requests.request_is_cacheable`). Everything else reads from the primary, because the
default of the variable is "primary": admin, portal, signed-in users, form posts, sessions,
django-axes, management commands, migrations and tests.

A replica lags behind the primary, so once a request has written anything its later reads stay
on the primary (read-your-writes): `db_for_write` clears the mark for the rest of the request.
And for `WECITIZENS_REPLICA_LAG_SECONDS` after any content change (the time the content clock
records, `pagecache.clock.changed_within`), public pages are read from the primary too: a page
rendered from a replica that has not yet received the change would otherwise be cached, and
dated, as if it showed it.
"""

import contextvars

from django.conf import settings

from pagecache.clock import changed_within
from pagecache.requests import request_is_cacheable

PRIMARY, REPLICA = "default", "replica"
ROUTER = "pagecache.db_routers.PrimaryReplicaRouter"

_reads_may_use_replica = contextvars.ContextVar("wecitizens_replica_reads", default=False)


def reads_use_replica():
    return _reads_may_use_replica.get() and REPLICA in settings.DATABASES


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        return REPLICA if reads_use_replica() else PRIMARY

    def db_for_write(self, model, **hints):
        _reads_may_use_replica.set(False)  # read-your-writes for the rest of this request
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY


class ReplicaReadsMiddleware:
    """Let a public, safe, anonymous request read from the replica (see the module docstring).

    Sits right after AuthenticationMiddleware: it needs `request.user`, and no view or later
    middleware has read anything yet.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        eligible = (
            ROUTER in settings.DATABASE_ROUTERS
            and REPLICA in settings.DATABASES
            and request_is_cacheable(request)
            and not changed_within(settings.WECITIZENS_REPLICA_LAG_SECONDS)
        )
        token = _reads_may_use_replica.set(eligible)
        try:
            return self.get_response(request)
        finally:
            _reads_may_use_replica.reset(token)
