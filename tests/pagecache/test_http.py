"""Production serving: gzip without secrets, ETags and 304s, far-future static files."""

import gzip

import pytest

pytestmark = pytest.mark.django_db


def test_anonymous_html_page_is_gzip_compressed(client, site):
    response = client.get(site.story.get_absolute_url(), headers={"accept-encoding": "gzip"})

    assert response["Content-Encoding"] == "gzip"
    assert b"<html" in gzip.decompress(response.content)
    assert "Accept-Encoding" in response["Vary"]


def test_page_for_a_signed_in_user_is_not_compressed(staff_client, site):
    """BREACH: a page that may hold a CSRF token or personal data is sent uncompressed."""
    response = staff_client.get(site.story.get_absolute_url(), headers={"accept-encoding": "gzip"})

    assert not response.has_header("Content-Encoding")


def test_page_with_a_csrf_form_is_not_compressed(client, db):
    response = client.get("/admin/login/", headers={"accept-encoding": "gzip"})

    assert not response.has_header("Content-Encoding")


def test_repeat_visit_with_the_etag_gets_304(client, site):
    url = site.story.get_absolute_url()
    etag = client.get(url)["ETag"]

    repeat = client.get(url, headers={"if-none-match": etag})

    assert repeat.status_code == 304
    assert repeat.content == b""


def test_etag_changes_when_the_page_changes(client, site):
    url = site.story.get_absolute_url()
    etag = client.get(url)["ETag"]
    site.story.title_th = "หัวเรื่องที่แก้แล้ว"
    site.story.save()

    assert client.get(url, headers={"if-none-match": etag}).status_code == 200


def test_repeat_visit_to_a_cached_page_gets_304(client, site, settings):
    settings.WECITIZENS_PAGE_CACHE = True
    url = site.story.get_absolute_url()
    etag = client.get(url)["ETag"]

    assert client.get(url, headers={"if-none-match": etag}).status_code == 304


def test_production_stores_static_files_hashed_and_compressed():
    from config.settings import production

    backend = production.STORAGES["staticfiles"]["BACKEND"]

    assert backend == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert "whitenoise.middleware.WhiteNoiseMiddleware" in production.MIDDLEWARE
