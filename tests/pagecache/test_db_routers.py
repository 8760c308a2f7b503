"""Read replica routing: which database connection each request's queries use.

The test settings define a second alias, `replica`, as a test mirror of the default database
(Django's TEST["MIRROR"]): a separate connection object, with its own query log, to the same
test database. So `CaptureQueriesContext(connections["replica"])` records exactly the queries
the router sent to the replica alias, and the default connection's log those sent to the
primary; the tests assert on both. The data must be committed for the second connection to see
it on PostgreSQL, as with a real replica, hence transactional tests. That the alias points at
the replica's own server in a deployment is checked on the settings
(tests/config/test_settings.py).
"""

import time
from contextlib import contextmanager
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connections, router
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext

from cities.models import City
from pagecache import clock as content_clock
from pagecache.db_routers import PrimaryReplicaRouter, ReplicaReadsMiddleware
from stories.models import Story
from tests.factories import PASSWORD, StaffUserFactory
from tests.pages import public_urls, url_in

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "replica"])


@pytest.fixture(autouse=True)
def router_on(settings):
    settings.DATABASE_ROUTERS = ["pagecache.db_routers.PrimaryReplicaRouter"]


class Clock:
    """The page cache's clock, which dates content changes, moved forward at will."""

    def __init__(self):
        self.offset = 0.0

    def __call__(self):
        return time.time() + self.offset


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(content_clock, "_clock", clock)
    return clock


@pytest.fixture
def site(site, clock, settings):
    """The shared `site` content, its creation long past, as it is between edits."""
    clock.offset += settings.WECITIZENS_REPLICA_LAG_SECONDS + 60
    return site


@contextmanager
def queries_by_alias():
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica"]) as replica,
    ):
        yield SimpleNamespace(primary=primary, replica=replica)


def test_public_pages_read_only_from_the_replica(client, site):
    for url in public_urls(site):
        with queries_by_alias() as queries:
            response = client.get(url)

        assert response.status_code == 200, url
        assert len(queries.replica) > 0, url
        assert len(queries.primary) == 0, (url, [q["sql"] for q in queries.primary])


def test_right_after_a_content_change_public_pages_read_from_the_primary(
    client, site, clock, settings
):
    """The replica may not have the change yet: a page rendered from it would be cached (and
    dated) as if it showed the change."""
    url = site.story.get_absolute_url()
    clock.offset = 0
    site.story.title_th = "หัวเรื่องใหม่"
    site.story.save()

    with queries_by_alias() as right_after:
        assert "หัวเรื่องใหม่" in client.get(url).content.decode()
    clock.offset = settings.WECITIZENS_REPLICA_LAG_SECONDS + 0.5
    with queries_by_alias() as later:
        assert "หัวเรื่องใหม่" in client.get(url).content.decode()

    assert len(right_after.primary) > 0 and len(right_after.replica) == 0
    assert len(later.replica) > 0 and len(later.primary) == 0


def test_head_request_reads_from_the_replica(client, site):
    with queries_by_alias() as queries:
        assert client.head(site.story.get_absolute_url()).status_code == 200

    assert len(queries.replica) > 0
    assert len(queries.primary) == 0


def test_signed_in_staff_read_public_pages_from_the_primary(client, site):
    client.force_login(StaffUserFactory())

    for url in [site.story.get_absolute_url(), url_in("th", "home")]:
        with queries_by_alias() as queries:
            assert client.get(url).status_code == 200

        assert len(queries.primary) > 0, url
        assert len(queries.replica) == 0, url


@pytest.mark.parametrize("url", ["/admin/login/", "/portal/login/", "/en/portal/login/"])
def test_admin_and_portal_use_the_primary_even_anonymously(client, site, url):
    client.get(url)  # warm per-process caches (content types)
    with queries_by_alias() as queries:
        assert client.get(url).status_code == 200

    assert len(queries.replica) == 0


def test_admin_pages_of_staff_use_the_primary(client, site):
    client.force_login(StaffUserFactory(is_superuser=True))

    with queries_by_alias() as queries:
        assert client.get("/admin/stories/story/").status_code == 200

    assert len(queries.primary) > 0
    assert len(queries.replica) == 0


def test_a_failed_sign_in_post_reads_and_writes_on_the_primary(client, site):
    staff = StaffUserFactory()

    with queries_by_alias() as queries:
        response = client.post(
            "/portal/login/", {"username": staff.username, "password": PASSWORD + "-wrong"}
        )

    assert response.status_code == 200  # the form again, with an error
    assert any("axes" in query["sql"] for query in queries.primary)  # the failure is recorded
    assert len(queries.replica) == 0


def test_sign_in_then_every_request_of_the_session_uses_the_primary(client, site):
    staff = StaffUserFactory()
    assert client.post("/portal/login/", {"username": staff.username, "password": PASSWORD})[
        "Location"
    ]

    with queries_by_alias() as queries:
        assert client.get(site.story.get_absolute_url()).status_code == 200

    assert len(queries.primary) > 0
    assert len(queries.replica) == 0


def test_a_reader_with_messages_waiting_reads_from_the_primary(client, site):
    """Messages follow a form post: the page after it must show what was just written."""
    client.cookies["messages"] = "anything"

    with queries_by_alias() as queries:
        client.get(site.story.get_absolute_url())

    assert len(queries.primary) > 0
    assert len(queries.replica) == 0


def run_in_request(rf, view, method="get"):
    request = getattr(rf, method)("/stories/")
    request.user = AnonymousUser()
    return ReplicaReadsMiddleware(view)(request)


def test_reads_after_a_write_in_the_same_request_stay_on_the_primary(rf, site):
    seen = {}

    def view(request):
        seen["before"] = Story.objects.all().db
        list(City.objects.all())
        City.objects.filter(pk=site.city.pk).update(name_en="Chiang Mai (edited)")
        seen["after"] = Story.objects.all().db
        seen["name"] = City.objects.get(pk=site.city.pk).name_en
        return HttpResponse()

    with queries_by_alias() as queries:
        run_in_request(rf, view)

    assert seen["before"] == "replica"
    assert seen["after"] == "default"
    assert seen["name"] == "Chiang Mai (edited)"
    assert [q["sql"] for q in queries.replica if "UPDATE" in q["sql"]] == []
    assert len(queries.replica) == 1  # the read before the write


def test_the_next_request_may_use_the_replica_again(rf, site):
    def writes(request):
        City.objects.filter(pk=site.city.pk).update(name_en="x")
        return HttpResponse()

    def reads(request):
        return HttpResponse(Story.objects.all().db)

    run_in_request(rf, writes)

    assert run_in_request(rf, reads).content == b"replica"


def test_post_requests_read_from_the_primary(rf, site):
    response = run_in_request(rf, lambda request: HttpResponse(Story.objects.all().db), "post")

    assert response.content == b"default"


def test_outside_a_request_reads_and_writes_use_the_primary(site):
    """Management commands, migrations, shells and background jobs."""
    with queries_by_alias() as queries:
        story = Story.objects.get(pk=site.story.pk)
        story.save()

    assert len(queries.primary) > 0
    assert len(queries.replica) == 0


def test_router_writes_only_to_the_primary_and_migrates_only_it():
    routing = PrimaryReplicaRouter()

    assert routing.db_for_write(Story) == "default"
    assert routing.allow_migrate("default", "stories")
    assert not routing.allow_migrate("replica", "stories")
    assert router.allow_migrate("replica", "stories", model_name="story") is False
    assert routing.allow_relation(Story(), City())
