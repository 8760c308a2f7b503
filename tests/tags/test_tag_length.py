"""A tag longer than the tag table holds is a form error, on every form that takes tags."""

import pytest
from django.urls import reverse

from stories.models import Story
from tags.models import Tag
from tests.admin_forms import form_data
from tests.factories import ResearchProjectFactory, StoryFactory

pytestmark = pytest.mark.django_db

LIMIT = Tag._meta.get_field("name").max_length
TOO_LONG = "ก" * (LIMIT + 1)


def draft(client, tags):
    return client.post(
        reverse("portal:story_create"),
        {
            "title_th": "เรื่องทดลอง",
            "kind": "interview",
            "excerpt_th": "บทคัดย่อ",
            "body_th": "<p>เนื้อเรื่อง</p>",
            "tags": tags,
            "save": "draft",
        },
    )


def test_a_researcher_typing_a_too_long_tag_gets_the_form_back_with_the_reason(client, researcher):
    client.force_login(researcher)

    response = draft(client, f"เมืองแห่งการเรียนรู้, {TOO_LONG}")

    assert response.status_code == 400
    [error] = response.context["form"].errors.as_data()["tags"]
    assert error.code == "tag_too_long"
    assert f"ยาวได้ไม่เกิน {LIMIT} ตัวอักษร" in response.content.decode()
    assert not Story.objects.filter(author=researcher).exists()
    assert not Tag.objects.exists()


def test_a_tag_as_long_as_the_table_holds_is_kept(client, researcher):
    client.force_login(researcher)

    response = draft(client, "ก" * LIMIT)

    assert response.status_code == 302
    assert Story.objects.get(author=researcher).tags.get().name == "ก" * LIMIT


@pytest.mark.parametrize(
    ("factory", "url_name"),
    [
        pytest.param(StoryFactory, "admin:stories_story_change", id="story"),
        pytest.param(ResearchProjectFactory, "admin:projects_researchproject_change", id="project"),
    ],
)
def test_staff_typing_a_too_long_tag_in_the_admin_get_the_reason(admin_client, factory, url_name):
    obj = factory()
    url = reverse(url_name, args=[obj.pk])
    data = form_data(admin_client.get(url), f"{obj._meta.model_name}_form")
    data["tags"] = [TOO_LONG]

    response = admin_client.post(url, data)

    assert response.status_code == 200
    [error] = response.context["adminform"].form.errors.as_data()["tags"]
    assert error.code == "tag_too_long"
    assert f"ยาวได้ไม่เกิน {LIMIT} ตัวอักษร" in response.content.decode()
    assert not Tag.objects.filter(name=TOO_LONG).exists()
