import json

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from privacy.models import DeletionRequest, DeletionStatus
from stories.models import Consent, Story, StoryPerson
from tests.factories import (
    PersonFactory,
    StaffUserFactory,
    StoryFactory,
    StoryPersonFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "heading"), [("/privacy/", "ความเป็นส่วนตัว"), ("/en/privacy/", "Privacy")]
)
def test_the_privacy_page_is_in_both_languages(client, path, heading):
    response = client.get(path)

    assert response.status_code == 200
    assert f"<h1>{heading}</h1>" in response.content.decode()


def test_the_account_pages_ask_anonymous_visitors_to_sign_in(client):
    response = client.get("/account/privacy/")

    assert response.status_code == 302
    assert response["Location"].startswith("/portal/login/?next=/account/privacy/")


def test_a_person_signs_in_on_the_sites_own_page(client):
    from tests.factories import PASSWORD

    user = UserFactory()
    response = client.post(
        "/account/login/?next=/account/privacy/",
        {"username": user.username, "password": PASSWORD, "next": "/account/privacy/"},
    )

    assert response.status_code == 302
    assert client.get("/account/privacy/").status_code == 200


def test_a_person_downloads_everything_held_about_them(client):
    user = UserFactory(email="researcher@example.org")
    StoryFactory(author=user, slug="my-story")
    StoryFactory(slug="someone-elses")
    client.force_login(user)

    response = client.get(reverse("privacy:account_data_download"))

    data = json.loads(response.content)
    assert response["Content-Disposition"].startswith("attachment")
    assert data["account"]["email"] == "researcher@example.org"
    assert [story["slug"] for story in data["stories_written"]] == ["my-story"]


def test_a_deletion_request_waits_for_staff(client):
    user = UserFactory()
    client.force_login(user)

    client.post(reverse("privacy:account_deletion"), {"reason": "ขอลบ"})

    request = DeletionRequest.objects.get(user=user)
    assert request.status == DeletionStatus.PENDING
    assert get_user_model().objects.filter(pk=user.pk).exists()


def test_staff_confirming_deletion_removes_the_account_but_keeps_its_stories(admin_client):
    user = UserFactory()
    editor = StaffUserFactory()
    story = StoryFactory(author=user)
    request = DeletionRequest.objects.create(
        user=user, username=user.username, stories_reassigned_to=editor
    )

    admin_client.post(
        "/admin/privacy/deletionrequest/",
        {"action": "delete_accounts", "_selected_action": [request.pk]},
    )

    assert not get_user_model().objects.filter(pk=user.pk).exists()
    assert Story.objects.get(pk=story.pk).author == editor
    request.refresh_from_db()
    assert request.status == DeletionStatus.COMPLETED


def test_featured_people_start_without_recorded_consent():
    feature = StoryPerson.objects.create(story=StoryFactory(), person=PersonFactory())

    assert feature.consent == Consent.UNKNOWN


def test_staff_are_warned_about_missing_consent_when_opening_a_story(admin_client):
    feature = StoryPersonFactory(consent=Consent.UNKNOWN)

    response = admin_client.get(f"/admin/stories/story/{feature.story.pk}/change/")

    warnings = [str(message) for message in response.context["messages"]]
    assert any(str(feature.person) in message for message in warnings)


def test_staff_are_warned_about_missing_consent_when_publishing(admin_client):
    feature = StoryPersonFactory(consent=Consent.REFUSED, story=StoryFactory(draft=True))

    response = admin_client.post(
        "/admin/stories/story/",
        {"action": "publish_selected", "_selected_action": [feature.story.pk]},
        follow=True,
    )

    warnings = [str(message) for message in response.context["messages"]]
    assert any(str(feature.person) in message for message in warnings)


def test_the_story_list_shows_whether_everyone_consented(admin_client):
    StoryPersonFactory(consent=Consent.GIVEN)

    response = admin_client.get("/admin/stories/story/")

    assert "people_consent" in response.context["cl"].list_display


@pytest.mark.parametrize(
    ("person_is_confirmed", "consent", "shown_as_cleared"),
    [
        (True, Consent.GIVEN, True),
        (False, Consent.GIVEN, False),
        (True, Consent.UNKNOWN, False),
        (True, Consent.REFUSED, False),
    ],
)
def test_the_consent_column_follows_the_rule_publishing_follows(
    admin_client, person_is_confirmed, consent, shown_as_cleared
):
    feature = StoryPersonFactory(
        consent=consent, person=PersonFactory(is_published=person_is_confirmed)
    )
    StoryPersonFactory(story=feature.story, consent=Consent.GIVEN)

    response = admin_client.get("/admin/stories/story/")

    row = next(story for story in response.context["cl"].result_list if story == feature.story)
    admin_class = response.context["cl"].model_admin
    assert admin_class.people_consent(row) is shown_as_cleared


def test_marking_a_request_done_in_its_form_deletes_the_account(admin_client):
    user = UserFactory()
    request = DeletionRequest.objects.create(user=user, username=user.username)

    admin_client.post(
        f"/admin/privacy/deletionrequest/{request.pk}/change/",
        {"user": user.pk, "reason": "", "stories_reassigned_to": "", "status": "completed"},
    )

    assert not get_user_model().objects.filter(pk=user.pk).exists()
    request.refresh_from_db()
    assert request.decided_by is not None


def test_staff_can_record_a_request_that_came_by_letter(admin_client):
    user = UserFactory(username="by-letter")

    admin_client.post(
        "/admin/privacy/deletionrequest/add/",
        {"user": user.pk, "reason": "จดหมาย", "stories_reassigned_to": "", "status": "pending"},
    )

    assert DeletionRequest.objects.get().username == "by-letter"


def test_a_mail_server_that_is_down_does_not_lose_a_deletion_request(client, settings):
    settings.EMAIL_BACKEND = "tests.privacy.broken_mail.EmailBackend"
    settings.MANAGERS = [("Staff", "staff@example.org")]
    user = UserFactory()
    client.force_login(user)

    response = client.post(reverse("privacy:account_deletion"), {"reason": "ย้ายงาน"})

    assert response.status_code == 302
    assert DeletionRequest.objects.get(user=user).reason == "ย้ายงาน"
