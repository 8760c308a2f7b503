import os
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from stories.models import Story
from tests.factories import StaffUserFactory
from tests.stories.facebook_exports import ExportBuilder, photo_with_gps

pytestmark = pytest.mark.django_db

URL = reverse("admin:stories_story_import_facebook")
T0 = 1_650_000_000


@pytest.fixture
def staging(settings, tmp_path):
    settings.WECITIZENS_FACEBOOK_IMPORT_DIR = tmp_path / "staging"
    return settings.WECITIZENS_FACEBOOK_IMPORT_DIR


def export_upload(tmp_path):
    builder = ExportBuilder()
    builder.add_post(
        "“หอโหวดเป็นเพียงจุดเริ่มต้น” ที่ร้อยเอ็ด #WeCitizens",
        timestamp=T0,
        photos=[("a.jpg", "หอโหวด", photo_with_gps())],
    )
    builder.add_post("ลงพื้นที่ย่านกะดีจีน", timestamp=T0 + 60)
    data = builder.zip(tmp_path / "export.zip").read_bytes()
    return SimpleUploadedFile("export.zip", data, content_type="application/zip")


def imported():
    return Story.objects.exclude(import_key=None)


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_staff_who_may_not_add_stories_are_refused(client):
    client.force_login(StaffUserFactory())
    assert client.get(URL).status_code == 403


def test_programme_staff_see_the_upload_form_linked_from_the_story_list(client, programme_staff):
    client.force_login(programme_staff)
    assert client.get(URL).status_code == 200
    changelist = client.get(reverse("admin:stories_story_changelist"))
    assert URL in changelist.content.decode()


def test_an_upload_shows_the_dry_run_report_and_creates_nothing(
    admin_client, staging, media_root, tmp_path
):
    response = admin_client.post(URL, {"archive": export_upload(tmp_path)})
    assert response.status_code == 200
    assert response.context["report"].stories_to_create == 2
    assert "“หอโหวดเป็นเพียงจุดเริ่มต้น”" in response.content.decode()
    assert not imported().exists()
    [staged] = staging.iterdir()
    assert not staged.is_relative_to(media_root)
    assert not media_root.exists() or not any(media_root.rglob("*.*"))


def test_the_report_page_speaks_thai_and_english(admin_client, staging, media_root, tmp_path):
    thai = admin_client.post(URL, {"archive": export_upload(tmp_path)}).content.decode()
    assert "นำเข้าโพสต์เหล่านี้เป็นเรื่องฉบับร่าง" in thai
    english = admin_client.post(
        URL, {"archive": export_upload(tmp_path)}, HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "Import these posts as draft stories" in english


def test_confirming_imports_the_staged_archive_and_removes_it(
    admin_client, admin_user, staging, media_root, tmp_path
):
    report = admin_client.post(URL, {"archive": export_upload(tmp_path)}).context["report"]
    assert report.dry_run
    token = next(staging.iterdir()).stem
    response = admin_client.post(URL, {"token": token, "city_hint": ""})
    assert response.status_code == 200
    assert response.context["report"].stories_created == 2
    assert {story.author for story in imported()} == {admin_user}
    assert {story.status for story in imported()} == {"draft"}
    assert not any(staging.iterdir())
    again = admin_client.post(URL, {"token": token, "city_hint": ""})
    assert again.status_code == 400
    assert imported().count() == 2


def test_a_token_from_another_session_is_refused(admin_client, staging, media_root, tmp_path):
    admin_client.post(URL, {"archive": export_upload(tmp_path)})
    token = next(staging.iterdir()).stem
    other = Client()
    other.force_login(StaffUserFactory(is_superuser=True, username="other-admin"))
    assert other.post(URL, {"token": token}).status_code == 400
    assert other.post(URL, {"token": "../../etc/passwd"}).status_code == 400
    assert not imported().exists()


def test_a_file_over_the_size_limit_is_refused(
    admin_client, settings, staging, media_root, tmp_path
):
    settings.WECITIZENS_MAX_FACEBOOK_ARCHIVE_BYTES = 1000
    response = admin_client.post(URL, {"archive": export_upload(tmp_path)})
    assert response.status_code == 400
    assert response.context["form"].errors["archive"]
    assert not staging.exists() or not any(staging.iterdir())


def test_a_file_that_is_not_an_export_is_a_form_error(admin_client, staging, tmp_path):
    upload = SimpleUploadedFile("export.zip", b"PK\x03\x04 not really", "application/zip")
    response = admin_client.post(URL, {"archive": upload}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "not a ZIP archive" in response.content.decode()
    assert not any(staging.iterdir())


def test_posting_without_the_csrf_token_is_refused(admin_user, staging, tmp_path):
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user)
    assert client.post(URL, {"archive": export_upload(tmp_path)}).status_code == 403
    assert not staging.exists()


def test_uploads_never_confirmed_are_deleted_a_day_later(admin_client, staging, tmp_path):
    admin_client.post(URL, {"archive": export_upload(tmp_path)})
    [abandoned] = staging.iterdir()
    os.utime(abandoned, (time.time() - 2 * 86_400,) * 2)
    admin_client.post(URL, {"archive": export_upload(tmp_path)})
    assert abandoned not in list(staging.iterdir())
    assert len(list(staging.iterdir())) == 1


def test_an_imported_story_opens_in_the_admin_with_its_original_date(
    admin_client, staging, media_root, tmp_path
):
    report = admin_client.post(URL, {"archive": export_upload(tmp_path)})
    token = next(staging.iterdir()).stem
    assert report.status_code == 200
    admin_client.post(URL, {"token": token, "city_hint": ""})
    story = imported().filter(original_post_date="2022-04-15").first()
    response = admin_client.get(reverse("admin:stories_story_change", args=[story.pk]))
    assert response.status_code == 200
    assert 'name="original_post_date"' in response.content.decode()
