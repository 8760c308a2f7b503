"""An image Pillow cannot decode completely is a form error, in the portal and in the admin:
no server error, nothing stored, no row changed."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image

from cities.models import City
from core.images import validate_image_file
from stories.models import Story
from tests.admin_forms import form_data
from tests.conftest import photo_bytes
from tests.factories import CityFactory, StoryFactory

pytestmark = pytest.mark.django_db

THAI_UNREADABLE = "อ่านภาพนี้ได้ไม่ครบ"


def truncated(image_format="JPEG", name="photo.jpg"):
    """A real photo cut off half way: its header is valid, its pixels are not all there."""
    data = photo_bytes((800, 600), image_format)
    return SimpleUploadedFile(name, data[: len(data) // 2])


def stored_files(media_root):
    return sorted(path for path in media_root.rglob("*") if path.is_file())


@pytest.mark.parametrize(
    ("image_format", "name"), [("JPEG", "photo.jpg"), ("PNG", "photo.png"), ("WEBP", "photo.webp")]
)
def test_a_truncated_image_is_refused_by_validation(image_format, name):
    with translation.override("th"), pytest.raises(ValidationError) as caught:
        validate_image_file(truncated(image_format, name))

    assert caught.value.code == "image_unreadable"
    assert THAI_UNREADABLE in caught.value.messages[0]


def test_a_truncated_jpeg_in_the_portal_is_a_thai_form_error(client, researcher, media_root):
    story = StoryFactory(draft=True, author=researcher, title_th="ชื่อเดิม")
    before = story.hero_image.name
    client.force_login(researcher)

    response = client.post(
        reverse("portal:story_edit", args=[story.pk]),
        {
            "title_th": "ชื่อใหม่",
            "excerpt_th": "เรื่องย่อ",
            "body_th": "<p>เนื้อเรื่อง</p>",
            "kind": "interview",
            "city": story.city_id,
            "tags": "ตลาด",
            "hero_image": truncated(),
            "hero_image_alt_th": "ภาพ",
        },
    )

    assert response.status_code == 400
    assert THAI_UNREADABLE in " ".join(response.context["form"].errors["hero_image"])
    story.refresh_from_db()
    assert (story.title_th, story.hero_image.name) == ("ชื่อเดิม", before)
    assert stored_files(media_root) == []


def test_a_truncated_jpeg_in_the_admin_is_a_thai_form_error(admin_client, media_root):
    city = CityFactory(name_th="เชียงใหม่")
    url = reverse("admin:cities_city_change", args=[city.pk])
    data = form_data(admin_client.get(url, HTTP_ACCEPT_LANGUAGE="th"), "city_form")
    data["name_th"] = ["ชื่อที่เปลี่ยน"]
    data["hero_image"] = truncated()
    data["hero_image_alt_th"] = ["ภาพเมือง"]

    response = admin_client.post(url, data, HTTP_ACCEPT_LANGUAGE="th")

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["hero_image"]
    assert THAI_UNREADABLE in " ".join(errors)
    city.refresh_from_db()
    assert (city.name_th, city.hero_image.name) == ("เชียงใหม่", "")
    assert stored_files(media_root) == []


def test_a_truncated_jpeg_in_the_admin_add_form_creates_nothing(admin_client, media_root):
    url = reverse("admin:stories_story_add")
    data = form_data(admin_client.get(url), "story_form")
    data.update(
        title_th=["เรื่องใหม่"],
        excerpt_th=["ย่อ"],
        body_th=["<p>เนื้อ</p>"],
        city=[str(CityFactory().pk)],
        hero_image=truncated(),
        hero_image_alt_th=["ภาพ"],
    )
    count = Story.objects.count()

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert "hero_image" in response.context["adminform"].form.errors
    assert Story.objects.count() == count
    assert stored_files(media_root) == []


def test_a_whole_image_is_still_accepted(admin_client, media_root):
    city = CityFactory()
    url = reverse("admin:cities_city_change", args=[city.pk])
    data = form_data(admin_client.get(url), "city_form")
    data["hero_image"] = SimpleUploadedFile("photo.jpg", photo_bytes((800, 600)))
    data["hero_image_alt_th"] = ["ภาพเมือง"]

    response = admin_client.post(url, data)

    assert response.status_code == 302
    city.refresh_from_db()
    with Image.open(io.BytesIO(city.hero_image.read())) as image:
        assert image.size == (800, 600)
    assert City.objects.filter(pk=city.pk).exists()
