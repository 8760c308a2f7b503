"""Varnish in front of the site, with the repository's VCL: what it keeps, what it never keeps,
and that no page it serves is older than the content."""

import datetime
import gzip
import time

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from pagecache import varnish as varnish_purge
from stories.models import Story, StoryStatus
from tests.factories import StoryFactory
from tests.pages import url_in


def cached(varnish, path, **headers):
    """Fetch a page twice through Varnish; the second answer must come from its cache.

    First the ban that follows the last change by a moment (pagecache.varnish) is let go, so it
    does not empty the cache between the two."""
    varnish_purge.settled_ban.wait()
    first = varnish.get(path, **headers)
    assert first.status == 200, path
    second = varnish.get(path, **headers)
    assert second.hit, (path, dict(second.headers))
    assert int(second.headers["Age"]) >= 0 and len(second.headers["X-Varnish"].split()) == 2
    return second


def publish(site):
    StoryFactory(city=site.city, title_th="เรื่องที่เพิ่งเผยแพร่ผ่านวานิช")
    return [(url_in("th", "stories:story_list"), "เรื่องที่เพิ่งเผยแพร่ผ่านวานิช", True)]


def unpublish(site):
    title = site.story.title_th
    site.story.status = StoryStatus.ARCHIVED
    site.story.save()
    return [(url_in("th", "stories:story_list"), title, False)]


def edit(site):
    site.story.title_th = "หัวเรื่องที่แก้ผ่านวานิช"
    site.story.save()
    return [
        (site.story.get_absolute_url(), "หัวเรื่องที่แก้ผ่านวานิช", True),
        (url_in("th", "stories:story_list"), "หัวเรื่องที่แก้ผ่านวานิช", True),
    ]


def delete(site):
    title = site.story.title_th
    Story.objects.get(pk=site.story.pk).delete()
    return [(url_in("th", "stories:story_list"), title, False)]


def change_slug(site):
    site.story.slug = "old-town-interview-renamed"
    site.story.save()
    return [(url_in("th", "stories:story_list"), "old-town-interview-renamed", True)]


CHANGES = [publish, unpublish, edit, delete, change_slug]


@pytest.mark.parametrize("change", CHANGES, ids=[change.__name__ for change in CHANGES])
def test_no_stale_page_after_a_change(varnish, site, change):
    story_url = site.story.get_absolute_url()
    list_url = url_in("th", "stories:story_list")
    cached(varnish, story_url)
    cached(varnish, list_url)

    expectations = change(site)

    for url, text, present in expectations:
        answer = varnish.get(url)
        assert not answer.hit, url
        assert (text in answer.text) is present, url
    story = varnish.get(story_url)
    if change in (unpublish, delete):
        assert story.status == 404
    elif change is change_slug:
        assert story.status == 301
        assert story.headers["Location"].endswith("/stories/old-town-interview-renamed/")
    else:
        assert story.status == 200


def test_scheduled_story_appears_through_varnish_when_its_time_comes(varnish, site):
    publish_at = timezone.now() + datetime.timedelta(seconds=6)
    StoryFactory(city=site.city, title_th="เรื่องที่ตั้งเวลาไว้ผ่านวานิช", published_at=publish_at)
    url = url_in("th", "stories:story_list")
    before = cached(varnish, url)
    assert "เรื่องที่ตั้งเวลาไว้ผ่านวานิช" not in before.text

    # No change is saved when the time comes: Varnish must already have been told to drop it.
    time.sleep(max(0, (publish_at - timezone.now()).total_seconds()) + 0.05)

    assert "เรื่องที่ตั้งเวลาไว้ผ่านวานิช" in varnish.get(url).text


def test_the_site_tells_varnish_to_keep_pages_no_later_than_the_next_publication(
    varnish, live_server, site
):
    StoryFactory(published_at=timezone.now() + datetime.timedelta(seconds=30))

    direct = Client().get(site.story.get_absolute_url())

    seconds = dict(
        part.strip().split("=") for part in direct["Cache-Control"].split(",") if "=" in part
    )
    assert seconds["max-age"] == "0"
    assert 0 < int(seconds["s-maxage"]) < 30
    # Varnish keeps s-maxage to itself: a cache further out would not be purged.
    assert "s-maxage" not in varnish.get(site.story.get_absolute_url()).headers["Cache-Control"]


def test_signed_in_reader_never_gets_the_cached_page(varnish, site):
    url = site.story.get_absolute_url()
    cached(varnish, url)
    staff = Client()
    staff.force_login(get_user_model().objects.create_superuser("editor", "e@example.org", "x"))
    session = f"sessionid={staff.cookies['sessionid'].value}"

    for _ in range(2):
        answer = varnish.get(url, Cookie=session)
        assert answer.status == 200 and not answer.hit
        assert "private" in answer.headers["Cache-Control"]  # rendered for them by Django

    draft = StoryFactory(draft=True, title_th="ร่างที่มีแต่เจ้าหน้าที่เห็น")
    preview = varnish.get(draft.get_absolute_url(), Cookie=session)
    assert preview.status == 200 and "ร่างที่มีแต่เจ้าหน้าที่เห็น" in preview.text
    assert varnish.get(draft.get_absolute_url()).status == 404  # anonymous: not the preview


def test_page_with_a_form_and_csrf_token_is_never_cached(varnish, db):
    url = url_in("th", "accounts:login")
    answers = [varnish.get(url) for _ in range(3)]

    for answer in answers:
        assert answer.status == 200 and not answer.hit
        assert "csrfmiddlewaretoken" in answer.text
        assert "csrftoken=" in answer.headers["Set-Cookie"]  # each reader gets a token of their own
    tokens = {answer.headers["Set-Cookie"].split(";")[0] for answer in answers}
    assert len(tokens) == 3


def test_reader_with_a_csrf_cookie_goes_past_the_cache(varnish, site):
    url = site.story.get_absolute_url()
    cached(varnish, url)

    assert not varnish.get(url, Cookie="csrftoken=abc").hit


def test_thai_and_english_are_never_mixed(varnish, site):
    thai, english = url_in("th", "home"), url_in("en", "home")
    # Each address warmed by a reader whose browser and cookie ask for the other language.
    cached(varnish, thai, Accept_Language="en", Cookie="django_language=en")
    cached(varnish, english, Accept_Language="th", Cookie="django_language=th")

    for accept in ("th", "en", "en-US,en;q=0.9", "th-TH,th;q=0.9,en;q=0.5"):
        for cookie in ("django_language=th", "django_language=en", "other=1"):
            headers = {"Accept_Language": accept, "Cookie": cookie}
            assert '<html lang="th"' in varnish.get(thai, **headers).text
            assert '<html lang="en"' in varnish.get(english, **headers).text


@pytest.mark.parametrize("url", ["/api/cities/", "/sitemap-stories.xml"])
def test_addresses_outside_the_language_prefix_answer_as_django_does(varnish, site, url):
    host = f"127.0.0.1:{varnish.port}"
    readers = [
        {"Accept_Language": "en"},
        {"Accept_Language": "th"},
        {"Accept_Language": "en", "Cookie": "django_language=en"},
    ]
    direct = [
        Client(headers={"host": host, "accept-language": reader["Accept_Language"]})
        for reader in readers
    ]
    direct[2].cookies["django_language"] = "en"

    varnish_purge.settled_ban.wait()  # no ban between the requests below
    for reader, client in zip(readers, direct, strict=True):
        expected = client.get(url)
        assert expected.status_code == 200
        answer = varnish.get(url, **reader)
        assert answer.body == expected.content
        assert answer.headers["Content-Language"] == expected["Content-Language"]
    assert varnish.get(url, **readers[0]).hit


def test_gzip_and_plain_copies_are_kept_apart(varnish, site):
    url = site.story.get_absolute_url()
    zipped = cached(varnish, url, Accept_Encoding="gzip, deflate, br")
    plain = cached(varnish, url)

    assert zipped.headers["Content-Encoding"] == "gzip"
    assert "Content-Encoding" not in plain.headers
    assert gzip.decompress(zipped.body) == plain.body
    assert "Accept-Encoding" in zipped.headers["Vary"]


def test_a_response_that_sets_a_cookie_is_never_kept(varnish, site):
    url = url_in("th", "accounts:login")
    first = varnish.get(url, Accept_Encoding="gzip")
    second = varnish.get(url, Accept_Encoding="gzip")

    assert "Set-Cookie" in first.headers and "Set-Cookie" in second.headers
    assert first.headers["Set-Cookie"] != second.headers["Set-Cookie"]
    assert not second.hit


@pytest.mark.parametrize(
    "path", ["/admin/login/", "/portal/login/", "/en/portal/login/", "/healthz"]
)
def test_admin_portal_and_health_always_reach_django(varnish, db, path):
    for _ in range(2):
        assert not varnish.get(path).hit


def test_posts_always_reach_django(varnish, site):
    url = site.story.get_absolute_url()
    cached(varnish, url)

    answer = varnish.request(url, method="POST")

    assert not answer.hit and answer.status == 403  # Django's CSRF check, not a cached page


def test_bans_are_taken_only_on_the_purge_address(varnish, site):
    url = site.story.get_absolute_url()
    cached(varnish, url)

    assert varnish.request("/", method="BAN").status == 403
    assert varnish.get(url).hit
    assert varnish.request("/", method="BAN", port=varnish.purge_port).status == 200
    assert not varnish.get(url).hit
    assert varnish.request("/", port=varnish.purge_port).status == 404  # pages only on the other
