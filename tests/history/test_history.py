import datetime

import pytest
from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation
from reversion.middleware import RevisionMiddleware
from reversion.models import Version

from history.versions import shown_value
from projects.models import Milestone, ResearchProject
from stories.models import Story
from tests.admin_forms import form_data
from tests.factories import CityFactory, PersonFactory, ResearchProjectFactory, StoryFactory

pytestmark = pytest.mark.django_db


def change_url(obj):
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])


def save_in_admin(client, obj, **changes):
    """Open the object's admin form, change some fields, save; returns the response."""
    data = form_data(client.get(change_url(obj)), f"{obj._meta.model_name}_form")
    data.update({name: [value] for name, value in changes.items()})
    return client.post(change_url(obj), data)


@pytest.mark.parametrize(
    ("factory", "field"),
    [
        pytest.param(CityFactory, "name", id="city"),
        pytest.param(PersonFactory, "name", id="person"),
        pytest.param(ResearchProjectFactory, "title", id="project"),
        pytest.param(StoryFactory, "title", id="story"),
    ],
)
def test_saving_in_the_admin_keeps_a_version_with_both_languages(admin_client, factory, field):
    obj = factory()

    response = save_in_admin(
        admin_client, obj, **{f"{field}_th": "ชื่อใหม่", f"{field}_en": "New name"}
    )

    assert response.status_code == 302
    version = Version.objects.get_for_object(obj).get()
    assert version.field_dict[f"{field}_th"] == "ชื่อใหม่"
    assert version.field_dict[f"{field}_en"] == "New name"
    assert version.revision.user.is_superuser


def test_history_names_who_changed_what_and_when(admin_client, admin_user):
    story = StoryFactory()
    save_in_admin(admin_client, story, title_en="Second title")

    response = admin_client.get(reverse("admin:stories_story_history", args=[story.pk]))

    [action] = response.context["action_list"]
    assert action["revision"].user == admin_user
    assert action["revision"].date_created is not None
    assert "title_en" not in action["revision"].get_comment()  # a sentence, not field names
    assert action["revision"].get_comment()
    assert admin_user.username in response.content.decode()


def test_restoring_a_version_with_an_older_slug_redirects_the_newer_one(admin_client, client):
    story = StoryFactory(slug="first-slug")
    save_in_admin(admin_client, story)
    first = Version.objects.get_for_object(story).get()
    save_in_admin(admin_client, story, slug="second-slug")

    revision_url = reverse("admin:stories_story_revision", args=[story.pk, first.pk])
    admin_client.post(revision_url, form_data(admin_client.get(revision_url), "story_form"))

    assert Story.objects.get(pk=story.pk).slug == "first-slug"
    assert client.get("/stories/second-slug/")["Location"] == "/stories/first-slug/"
    assert client.get("/stories/first-slug/").status_code == 200


def test_compare_shows_the_fields_that_changed(admin_client):
    story = StoryFactory(title_en="First title")
    save_in_admin(admin_client, story, title_en="First title")
    save_in_admin(admin_client, story, title_en="Second title")
    older, newer = Version.objects.get_for_object(story).order_by("pk")

    response = admin_client.get(
        reverse("admin:stories_story_compare", args=[story.pk]),
        {"older": older.pk, "newer": newer.pk},
    )

    differences = response.context["differences"]
    assert [(before, after) for _label, before, after in differences] == [
        ("First title", "Second title")
    ]


def test_compare_without_two_versions_falls_back_to_the_history(admin_client):
    story = StoryFactory()

    response = admin_client.get(
        reverse("admin:stories_story_compare", args=[story.pk]), {"older": "x"}
    )

    assert response.status_code == 200
    assert "action_list" in response.context


def test_restoring_an_old_version_brings_back_its_text_and_tags(admin_client):
    story = StoryFactory(title_th="ชื่อเดิม", title_en="Old title", tags=["ข่าว"])
    save_in_admin(admin_client, story)
    first = Version.objects.get_for_object(story).get()
    save_in_admin(admin_client, story, title_th="ชื่อใหม่", title_en="New title", tags="ข้าว")
    assert set(story.tags.names()) == {"ข้าว"}

    revision_url = reverse("admin:stories_story_revision", args=[story.pk, first.pk])
    data = form_data(admin_client.get(revision_url), "story_form")
    response = admin_client.post(revision_url, data)

    assert response.status_code == 302
    story.refresh_from_db()
    assert (story.title_th, story.title_en) == ("ชื่อเดิม", "Old title")
    assert set(story.tags.names()) == {"ข่าว"}


def test_a_deleted_story_can_be_recovered_by_staff(admin_client):
    story = StoryFactory(title_th="หายแล้วได้คืน", title_en="Lost and found", tags=["ข่าว"])
    pk = story.pk
    delete_url = reverse("admin:stories_story_delete", args=[pk])
    admin_client.post(delete_url, {"post": "yes"})
    assert not Story.objects.filter(pk=pk).exists()

    recover_list = admin_client.get(reverse("admin:stories_story_recoverlist"))
    version = Version.objects.get_deleted(Story).get()
    assert "หายแล้วได้คืน" in recover_list.content.decode()
    recover_url = reverse("admin:stories_story_recover", args=[version.pk])
    response = admin_client.post(
        recover_url, form_data(admin_client.get(recover_url), "story_form")
    )

    assert response.status_code == 302
    recovered = Story.objects.get(pk=pk)
    assert recovered.title_en == "Lost and found"
    assert set(recovered.tags.names()) == {"ข่าว"}


def test_a_story_deleted_in_bulk_can_be_recovered(admin_client):
    story = StoryFactory()
    admin_client.post(
        reverse("admin:stories_story_changelist"),
        {"action": "delete_selected", "_selected_action": [story.pk], "post": "yes"},
    )

    assert not Story.objects.filter(pk=story.pk).exists()
    assert Version.objects.get_deleted(Story).filter(object_id=str(story.pk)).exists()


def test_a_sub_project_is_kept_in_its_projects_history(admin_client):
    project = ResearchProjectFactory()
    project.subprojects.create(title_th="โครงการย่อย", title_en="Sub-project")

    save_in_admin(admin_client, project)

    revision = Version.objects.get_for_object(project).get().revision
    kept = [v.field_dict.get("title_en") for v in revision.version_set.all()]
    assert "Sub-project" in kept


def test_a_save_in_any_post_request_keeps_a_version(rf, staff_user):
    """The portal's forms, or any other POST, run inside a revision (RevisionMiddleware)."""
    story = StoryFactory()

    def portal_view(request):
        story.title_en = "Saved in the portal"
        story.save()
        return HttpResponse()

    request = rf.post("/portal/stories/1/")
    request.user = staff_user
    RevisionMiddleware(portal_view)(request)

    version = Version.objects.get_for_object(story).get()
    assert version.field_dict["title_en"] == "Saved in the portal"
    assert version.revision.user == staff_user


def test_reading_a_page_writes_no_version(client, site):
    client.get(site.story.get_absolute_url())

    assert not Version.objects.exists()


@pytest.mark.parametrize(
    ("language", "shown_date", "shown_year"),
    [("th", "25 ตุลาคม 2567", 2563), ("en", "Oct. 25, 2024", 2020)],
)
def test_the_compare_view_shows_dates_and_years_in_the_screens_era(
    language, shown_date, shown_year
):
    date_field = Milestone._meta.get_field("date")
    year_field = ResearchProject._meta.get_field("start_year")
    with translation.override(language):
        assert shown_value(date_field, datetime.date(2024, 10, 25)) == shown_date
        assert shown_value(year_field, 2020) == shown_year
