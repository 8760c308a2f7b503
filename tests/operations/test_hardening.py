import io
import json
import logging
import sys

import pytest
from axes.models import AccessAttempt
from django.db import OperationalError
from PIL import Image

from operations.logging import JSONFormatter
from tests.factories import StaffUserFactory

pytestmark = pytest.mark.django_db


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def test_public_pages_allow_no_inline_script_or_style(client):
    policy = directives(client.get("/"))

    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]


def test_the_admin_allows_inline_styles_but_never_inline_scripts(admin_client):
    policy = directives(admin_client.get("/admin/"))

    assert "'unsafe-inline'" in policy["style-src"]
    assert policy["script-src"] == ["'self'"]


def test_pages_cannot_be_framed(client):
    assert client.get("/")["X-Frame-Options"] == "DENY"


def failed_sign_in(client, username, path="/admin/login/"):
    return client.post(path, {"username": username, "password": "wrong"})


def test_repeated_failed_admin_sign_ins_lock_the_account_out(client, settings):
    user = StaffUserFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert failed_sign_in(client, user.username).status_code == 200

    assert failed_sign_in(client, user.username).status_code == 429
    assert AccessAttempt.objects.get(username=user.username).failures_since_start == 5


def test_the_sites_own_sign_in_page_is_throttled_too(client, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = failed_sign_in(client, "someone", "/account/login/")

    assert response.status_code == 429


def test_a_failed_sign_in_is_logged(client, caplog):
    with caplog.at_level(logging.INFO, logger="axes"):
        failed_sign_in(client, "someone")

    assert any("failed" in record.getMessage().lower() for record in caplog.records)


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_an_uploaded_image_is_served_with_a_fixed_type_and_no_sniffing(client, media_root):
    buffer = io.BytesIO()
    Image.new("RGB", (2, 2)).save(buffer, "PNG")
    (media_root / "stories").mkdir()
    (media_root / "stories" / "photo.png").write_bytes(buffer.getvalue())

    response = client.get("/media/stories/photo.png")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


@pytest.mark.parametrize("name", ["page.html", "drawing.svg", "page.htm", "photo.png.html", "x"])
def test_media_never_serves_html_or_svg(client, media_root, name):
    (media_root / name).write_text("<script>alert(1)</script>")

    assert client.get(f"/media/{name}").status_code == 404


def test_media_refuses_paths_outside_the_media_folder(client, media_root):
    assert client.get("/media/../config/settings/base.png").status_code in (400, 404)


def test_healthz_reports_database_and_cache(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_fails_when_the_database_does_not_answer(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr("operations.views.connection.cursor", refuse)

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_healthz_fails_when_the_cache_does_not_store(client, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["cache"] == "unavailable"


def test_healthz_is_exempt_from_the_https_redirect(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    assert client.get("/healthz").status_code == 200
    assert client.get("/").status_code == 301


def test_a_database_outage_shows_a_friendly_503(client, monkeypatch):
    def down(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr("cities.views.HomeView.get_context_data", down)
    client.raise_request_exception = False

    response = client.get("/")

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "เว็บไซต์ขัดข้องชั่วคราว" in response.content.decode()
    assert "Traceback" not in response.content.decode()


def test_other_errors_still_show_the_500_page(client, monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("bug")

    monkeypatch.setattr("cities.views.HomeView.get_context_data", broken)
    client.raise_request_exception = False

    assert client.get("/").status_code == 500


def test_error_logs_are_one_json_object_per_line():
    try:
        raise OperationalError("connection refused")
    except OperationalError:
        record = logging.getLogger("django.request").makeRecord(
            "django.request", logging.ERROR, __file__, 1, "Server error: %s", ("/",), sys.exc_info()
        )
    line = JSONFormatter().format(record)

    entry = json.loads(line)
    assert "\n" not in line
    assert entry["level"] == "ERROR"
    assert entry["message"] == "Server error: /"
    assert "OperationalError" in entry["exception"]


def test_a_failed_sign_in_with_a_nul_in_its_user_agent_is_recorded(client):
    response = client.post(
        "/account/login/",
        {"username": "someone", "password": "wrong"},
        HTTP_USER_AGENT="evil\x00agent",
    )

    assert response.status_code == 200
    assert AccessAttempt.objects.get(username="someone").user_agent == "evilagent"
