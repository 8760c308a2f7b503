"""The researcher's story form: people and projects of the story's city only, deleting one's
own draft, and pictures uploaded into the text through the same checks as the hero image."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image
from reversion.models import Version

from core.html import sanitize_html
from stories.models import Story, StoryImage, StoryStatus
from tests.core.test_image_storage import GPS_IFD, jpeg_with_gps, png_declaring
from tests.factories import (
    CityFactory,
    PersonFactory,
    ResearcherFactory,
    ResearchProjectFactory,
    StoryFactory,
    UserFactory,
)
from tests.portal.test_views import draft_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def logged_in(client, researcher):
    client.force_login(researcher)
    return client


@pytest.fixture
def my_draft(researcher):
    return StoryFactory(draft=True, author=researcher)


# --- People and projects of the chosen city ---------------------------------------------


def test_a_person_of_the_chosen_city_is_saved(logged_in):
    city = CityFactory()
    person = PersonFactory(city=city)

    response = logged_in.post(
        reverse("portal:story_create"), draft_data(city=city, people=[person.pk])
    )

    assert response.status_code == 302
    assert list(Story.objects.get().people.all()) == [person]


def test_a_person_of_another_city_is_a_form_error_not_a_save(logged_in):
    person = PersonFactory(city=CityFactory(), name_th="คนเมืองอื่น")

    response = logged_in.post(
        reverse("portal:story_create"), draft_data(city=CityFactory(), people=[person.pk])
    )

    assert response.status_code == 400
    assert "คนเมืองอื่น" in str(response.context["form"].errors["people"])
    assert not Story.objects.exists()


def test_a_project_of_another_city_is_a_form_error(logged_in):
    project = ResearchProjectFactory()

    response = logged_in.post(
        reverse("portal:story_create"), draft_data(city=CityFactory(), projects=[project.pk])
    )

    assert response.status_code == 400
    assert "projects" in response.context["form"].errors


def test_a_person_the_researcher_may_not_see_is_refused_even_in_the_right_city(logged_in):
    city = CityFactory()
    hidden = PersonFactory(city=city, is_published=False, created_by=ResearcherFactory())

    response = logged_in.post(
        reverse("portal:story_create"), draft_data(city=city, people=[hidden.pk])
    )

    assert response.status_code == 400
    assert "people" in response.context["form"].errors


def test_the_people_search_offers_visible_people_of_the_city_matching_the_term(logged_in):
    city = CityFactory()
    wanted = PersonFactory(city=city, name_th="มาลี ค้นเจอ")
    PersonFactory(city=city, name_th="สมศักดิ์ ไม่ตรง")
    PersonFactory(city=CityFactory(), name_th="มาลี เมืองอื่น")
    PersonFactory(city=city, name_th="มาลี ยังไม่ยืนยัน", is_published=False)

    answer = logged_in.get(
        reverse("portal:autocomplete_people"), {"city": city.pk, "term": "มาลี"}
    ).json()

    assert [row["id"] for row in answer["results"]] == [wanted.pk]
    assert answer["pagination"] == {"more": False}


def test_the_project_search_offers_the_projects_of_the_city(logged_in):
    project = ResearchProjectFactory()
    ResearchProjectFactory()

    answer = logged_in.get(
        reverse("portal:autocomplete_projects"), {"city": project.city_id}
    ).json()

    assert [row["id"] for row in answer["results"]] == [project.pk]


def test_the_searches_are_for_portal_users_only(client):
    client.force_login(UserFactory())

    response = client.get(reverse("portal:autocomplete_people"))

    assert response.status_code == 403


def test_the_form_puts_the_city_first_and_english_beside_thai(logged_in):
    html = logged_in.get(reverse("portal:story_create")).content.decode()

    assert html.index('name="city"') < html.index('name="people"') < html.index('name="title_th"')
    assert 'name="hero_image_alt_en"' in html
    assert "<details" not in html


# --- Deleting one's own draft -----------------------------------------------------------


def test_deleting_a_draft_asks_first(logged_in, my_draft):
    response = logged_in.get(reverse("portal:story_delete", args=[my_draft.pk]))

    assert response.status_code == 200
    assert b'method="post"' in response.content
    assert Story.objects.filter(pk=my_draft.pk).exists()


def test_an_author_deletes_their_draft_and_staff_can_recover_it(logged_in, my_draft):
    response = logged_in.post(reverse("portal:story_delete", args=[my_draft.pk]))

    assert response.status_code == 302
    assert not Story.objects.filter(pk=my_draft.pk).exists()
    assert Version.objects.get_deleted(Story).filter(object_id=str(my_draft.pk)).exists()


def test_a_story_sent_back_for_changes_can_be_deleted(logged_in, researcher):
    story = StoryFactory(status=StoryStatus.CHANGES_REQUESTED, author=researcher)

    logged_in.post(reverse("portal:story_delete", args=[story.pk]))

    assert not Story.objects.filter(pk=story.pk).exists()


@pytest.mark.parametrize("status", [StoryStatus.PUBLISHED, StoryStatus.SUBMITTED])
def test_a_story_with_staff_or_published_cannot_be_deleted_by_its_author(
    logged_in, researcher, status
):
    story = StoryFactory(status=status, author=researcher)

    response = logged_in.post(reverse("portal:story_delete", args=[story.pk]))

    assert response.status_code == 409
    assert Story.objects.filter(pk=story.pk).exists()


def test_another_researchers_draft_is_not_found(logged_in):
    story = StoryFactory(draft=True, author=ResearcherFactory())

    response = logged_in.post(reverse("portal:story_delete", args=[story.pk]))

    assert response.status_code == 404
    assert Story.objects.filter(pk=story.pk).exists()


# --- Pictures in the text ---------------------------------------------------------------


def upload_picture(client, story, data, alt="ภาพแม่ค้าในตลาด", name="ภาพ.jpg"):
    return client.post(
        reverse("portal:story_image_upload", args=[story.pk]),
        {"image": SimpleUploadedFile(name, data), "alt": alt},
    )


def test_a_picture_is_stored_without_gps_and_its_url_returned(logged_in, my_draft, media_root):
    response = upload_picture(logged_in, my_draft, jpeg_with_gps(size=(300, 200)))

    assert response.status_code == 201
    image = StoryImage.objects.get(story=my_draft)
    assert response.json() == {"url": image.image.url, "alt": "ภาพแม่ค้าในตลาด"}
    with Image.open(image.image.path) as stored:
        assert GPS_IFD not in stored.getexif()


def test_a_file_that_is_not_an_image_is_refused_with_a_thai_message(logged_in, my_draft):
    response = upload_picture(logged_in, my_draft, b"%PDF-1.4 not a picture", name="a.jpg")

    assert response.status_code == 400
    assert "ไม่ใช่รูป" in response.json()["error"]  # Django's own Thai message
    assert not StoryImage.objects.exists()


def test_a_picture_without_a_description_is_refused(logged_in, my_draft):
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "blue").save(buffer, "PNG")

    response = upload_picture(logged_in, my_draft, buffer.getvalue(), alt="", name="a.png")

    assert response.status_code == 400
    assert response.json()["error"]


def test_nobody_uploads_into_another_researchers_story(logged_in, media_root):
    story = StoryFactory(draft=True, author=ResearcherFactory())

    response = upload_picture(logged_in, story, jpeg_with_gps())

    assert response.status_code == 404


def test_no_pictures_go_into_a_story_that_is_with_staff(logged_in, researcher, media_root):
    story = StoryFactory(status=StoryStatus.SUBMITTED, author=researcher)

    response = upload_picture(logged_in, story, jpeg_with_gps())

    assert response.status_code == 403
    assert not StoryImage.objects.exists()


def test_the_sanitiser_keeps_an_uploaded_picture_in_the_text(logged_in, my_draft, media_root):
    url = upload_picture(logged_in, my_draft, jpeg_with_gps()).json()["url"]
    html = f'<p>ก่อน</p><img src="{url}" alt="ภาพแม่ค้าในตลาด"><p>หลัง</p>'

    assert f'<img src="{url}" alt="ภาพแม่ค้าในตลาด">' in sanitize_html(html)


def test_a_decompression_bomb_is_refused_with_the_reason(logged_in, my_draft):
    response = upload_picture(logged_in, my_draft, png_declaring(20000, 20000), name="a.png")

    assert response.status_code == 400
    assert response.json()["error"]
    assert not StoryImage.objects.exists()


def test_without_javascript_the_people_list_names_each_persons_city(logged_in):
    PersonFactory(city=CityFactory(name_th="เมืองน่าน"), name_th="บุญมี ใจงาม")

    html = logged_in.get(reverse("portal:story_create")).content.decode()

    assert "บุญมี ใจงาม (เมืองน่าน)" in html


@pytest.mark.parametrize("language", ["th", "en"])
def test_the_form_and_the_delete_page_open_in_both_languages(logged_in, my_draft, language):
    for name in ("story_edit", "story_delete"):
        with translation.override(language):
            path = reverse(f"portal:{name}", args=[my_draft.pk])

        response = logged_in.get(path)

        assert response.status_code == 200
        assert f'lang="{language}"' in response.content.decode()
