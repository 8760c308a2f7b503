"""What the site tells Varnish, and the purge every content change sends it (without a
varnishd: a recording server stands in; tests/varnish runs the real one)."""

import http.server
import threading

import pytest
from django.http import HttpResponse

from pagecache import clock, middleware, varnish

pytestmark = pytest.mark.django_db


class RecordingHandler(http.server.BaseHTTPRequestHandler):
    def do_BAN(self):
        self.server.methods.append(self.command)
        self.send_response(self.server.status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def purge_server(settings, monkeypatch):
    """A Varnish stand-in that records what it is sent. Ask for it after the content a test
    changes: a purge is asked for once per transaction, and one that the content's own saves
    left waiting would never run inside the test's capture of commit callbacks."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), RecordingHandler)
    server.methods, server.status = [], 200
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WECITIZENS_VARNISH_PURGE_URLS = [f"http://127.0.0.1:{server.server_port}/"]
    monkeypatch.setattr(varnish, "SETTLE_SECONDS", 0.2)
    monkeypatch.setattr(varnish, "RETRY_PAUSE_SECONDS", 0.01)
    yield server
    varnish.settled_ban.wait()
    server.shutdown()
    server.server_close()


def test_a_change_bans_once_committed_and_again_after_settling(
    site, purge_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        site.story.title_th = "แก้แล้ว"
        site.story.save()
        assert purge_server.methods == []  # nothing before the commit

    for callback in callbacks:
        callback()
    assert purge_server.methods == ["BAN"]
    varnish.settled_ban.wait()
    assert purge_server.methods == ["BAN", "BAN"]


def test_a_transaction_of_many_changes_bans_once_and_once_more_after_settling(
    site, purge_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(5):
            site.story.title_th = f"แก้ครั้งที่ {number}"
            site.story.save()
        site.city.name_th = "เมืองแก้แล้ว"
        site.city.save()
    varnish.settled_ban.wait()

    assert purge_server.methods == ["BAN", "BAN"]


def test_a_burst_of_commits_sends_one_settled_ban(purge_server):
    urls = varnish.purge_urls()

    for _commit in range(5):
        varnish.settled_ban.schedule(urls)
    varnish.settled_ban.wait()

    assert purge_server.methods == ["BAN"]


def test_a_failing_purge_is_retried_logged_and_never_raised(
    site, purge_server, caplog, django_capture_on_commit_callbacks
):
    purge_server.status = 500

    with django_capture_on_commit_callbacks(execute=True):
        site.story.title_th = "แก้แล้ว"
        site.story.save()
    varnish.settled_ban.wait()

    assert purge_server.methods == ["BAN"] * varnish.ATTEMPTS * 2
    failures = [record for record in caplog.records if record.name == "pagecache.varnish"]
    assert len(failures) == 2 and "status 500" in failures[0].getMessage()


def test_an_unreachable_varnish_does_not_fail_the_save(settings, site, caplog, monkeypatch):
    monkeypatch.setattr(varnish, "RETRY_PAUSE_SECONDS", 0.01)
    monkeypatch.setattr(varnish.settled_ban, "schedule", lambda urls: None)
    settings.WECITIZENS_VARNISH_PURGE_URLS = ["http://127.0.0.1:9/"]

    varnish.purge_now_and_after_settling()

    assert "Varnish purge failed after 3 attempts" in caplog.text


def s_maxage(response):
    for part in response["Cache-Control"].split(","):
        name, _, value = part.strip().partition("=")
        if name == "s-maxage":
            return int(value)
    return None


def test_without_varnish_pages_say_nothing_to_shared_caches(client, site):
    response = client.get(site.story.get_absolute_url())

    assert not response.has_header("Cache-Control")


def test_with_varnish_pages_say_how_long_it_may_keep_them(client, settings, site):
    settings.WECITIZENS_VARNISH_PURGE_URLS = ["http://127.0.0.1:9/"]
    settings.WECITIZENS_PAGE_CACHE = True
    settings.WECITIZENS_PAGE_CACHE_SECONDS = 600

    first = client.get(site.story.get_absolute_url())
    second = client.get(site.story.get_absolute_url())

    assert first["X-Page-Cache"] == "miss" and second["X-Page-Cache"] == "hit"
    assert "max-age=0" in first["Cache-Control"]
    assert 590 < s_maxage(first) < 600
    assert 0 < s_maxage(second) <= s_maxage(first)  # what is left of the stored copy
    admin = client.get("/admin/login/")
    assert s_maxage(admin) is None


def test_a_page_rendered_while_the_content_changed_is_not_kept_by_varnish(rf, settings, db):
    settings.WECITIZENS_VARNISH_PURGE_URLS = ["http://127.0.0.1:9/"]
    settings.WECITIZENS_PAGE_CACHE = True

    def render_while_an_edit_commits(request):
        clock.cache().incr(clock.VERSION_KEY)
        return HttpResponse("<p>old content</p>")

    def render_quietly(request):
        return HttpResponse("<p>content</p>")

    changed = middleware.AnonymousPageCacheMiddleware(render_while_an_edit_commits)(rf.get("/a/"))
    quiet = middleware.AnonymousPageCacheMiddleware(render_quietly)(rf.get("/b/"))

    assert s_maxage(changed) == 0
    assert s_maxage(quiet) > 0
