"""Two staff editing one object, a failed upload, a failed e-mail: no text is lost."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from stories.models import Story
from tests.admin_forms import form_data
from tests.factories import StaffUserFactory, StoryFactory

pytestmark = pytest.mark.django_db


def change_url(story):
    return reverse("admin:stories_story_change", args=[story.pk])


def test_the_second_of_two_concurrent_saves_is_told_about_the_conflict(client, admin_user):
    story = StoryFactory(title_en="Original")
    other = StaffUserFactory(is_superuser=True)
    client.force_login(admin_user)
    mine = form_data(client.get(change_url(story)), "story_form")
    client.force_login(other)
    theirs = form_data(client.get(change_url(story)), "story_form")

    theirs["title_en"] = ["Their title"]
    assert client.post(change_url(story), theirs).status_code == 302
    client.force_login(admin_user)
    mine["title_en"] = ["My title"]
    response = client.post(change_url(story), mine)

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors.as_data()["__all__"]
    assert [error.code for error in errors] == ["edit_conflict"]
    assert Story.objects.get(pk=story.pk).title_en == "Their title"


def test_the_conflict_page_keeps_the_text_being_written(admin_client):
    story = StoryFactory()
    mine = form_data(admin_client.get(change_url(story)), "story_form")
    Story.objects.filter(pk=story.pk).update(title_en="Changed elsewhere")
    story.refresh_from_db()
    story.save()  # a real save moves updated_at on

    mine["body_en"] = ["<p>Three paragraphs of careful writing.</p>"]
    response = admin_client.post(change_url(story), mine)

    assert "Three paragraphs of careful writing." in response.content.decode()


def test_saving_again_after_the_warning_overwrites_on_purpose(admin_client):
    story = StoryFactory()
    stale = form_data(admin_client.get(change_url(story)), "story_form")
    story.save()
    stale["title_en"] = ["Mine after all"]
    warned = admin_client.post(change_url(story), stale)

    again = form_data(warned, "story_form")
    response = admin_client.post(change_url(story), again)

    assert response.status_code == 302
    assert Story.objects.get(pk=story.pk).title_en == "Mine after all"


def test_an_unchanged_object_saves_without_a_warning(admin_client):
    story = StoryFactory()
    data = form_data(admin_client.get(change_url(story)), "story_form")
    data["title_en"] = ["Edited once"]

    assert admin_client.post(change_url(story), data).status_code == 302


def test_a_failed_upload_keeps_the_draft_text_in_the_form(admin_client):
    story = StoryFactory()
    data = form_data(admin_client.get(change_url(story)), "story_form")
    data["body_th"] = ["<p>ร่างที่เขียนไว้ยาวมาก</p>"]
    data["hero_image_alt_th"] = ["ภาพ"]
    data["hero_image"] = SimpleUploadedFile("photo.png", b"<svg onload=alert(1)></svg>")

    response = admin_client.post(change_url(story), data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["hero_image"]
    assert "ร่างที่เขียนไว้ยาวมาก" in response.content.decode()


def test_a_failed_upload_changes_nothing_stored(admin_client):
    story = StoryFactory(body_th="<p>เดิม</p>")
    data = form_data(admin_client.get(change_url(story)), "story_form")
    data["body_th"] = ["<p>ใหม่</p>"]
    data["hero_image"] = SimpleUploadedFile("photo.png", b"not an image")

    admin_client.post(change_url(story), data)

    assert Story.objects.get(pk=story.pk).body_th == "<p>เดิม</p>"
