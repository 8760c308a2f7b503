"""Restoring or recovering a story's version brings back its content, never its workflow state.

What the public sees changes only through a workflow step (stories.workflow): a restored
version keeps the story's current status, dates, author and featured people; a recovered deleted
story comes back as a draft.
"""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from stories import workflow
from stories.models import Consent, Story, StoryStatus, StoryTransition
from tests.admin_forms import form_data
from tests.factories import PersonFactory, StaffUserFactory, StoryFactory, StoryPersonFactory
from tests.history.test_history import save_in_admin

pytestmark = pytest.mark.django_db


def restore(client, story, version):
    url = reverse("admin:stories_story_revision", args=[story.pk, version.pk])
    page = client.get(url)
    assert page.status_code == 200
    return client.post(url, form_data(page, "story_form"))


def versions_of(story):
    return list(Version.objects.get_for_object(story).order_by("pk"))


def test_restoring_an_older_version_of_a_published_story_keeps_it_published(admin_client, client):
    story = StoryFactory(
        status=StoryStatus.SUBMITTED, published_at=None, title_th="ชื่อเดิม", title_en="Old"
    )
    save_in_admin(admin_client, story)  # the version as submitted
    workflow.story_publish(story=story)
    save_in_admin(admin_client, story, title_th="ชื่อใหม่", title_en="New")
    published = Story.objects.get(pk=story.pk)
    transitions = StoryTransition.objects.count()
    mail.outbox.clear()

    response = restore(admin_client, story, versions_of(story)[0])

    assert response.status_code == 302
    story.refresh_from_db()
    assert (story.title_th, story.title_en) == ("ชื่อเดิม", "Old")
    assert story.status == StoryStatus.PUBLISHED
    assert story.published_at == published.published_at
    page = client.get(story.get_absolute_url())
    assert page.status_code == 200
    assert "ชื่อเดิม" in page.content.decode()
    assert StoryTransition.objects.count() == transitions
    assert mail.outbox == []


def test_restoring_a_published_version_of_a_draft_keeps_it_a_draft(admin_client, client):
    story = StoryFactory(title_en="Published once")
    save_in_admin(admin_client, story)  # the version as published
    workflow.story_unpublish(story=story)
    save_in_admin(admin_client, story, title_en="Rewritten as a draft")
    transitions = StoryTransition.objects.count()

    response = restore(admin_client, story, versions_of(story)[0])

    assert response.status_code == 302
    story.refresh_from_db()
    assert story.title_en == "Published once"
    assert story.status == StoryStatus.DRAFT
    assert client.get(story.get_absolute_url()).status_code == 404
    assert StoryTransition.objects.count() == transitions


def test_restoring_keeps_the_featuring_author_and_consent_of_today(admin_client, admin_user):
    story = StoryFactory(is_featured=False, author=None)
    feature = StoryPersonFactory(story=story, person=PersonFactory(), consent=Consent.GIVEN)
    save_in_admin(admin_client, story)
    Story.objects.filter(pk=story.pk).update(is_featured=True, author=admin_user)
    feature.consent = Consent.REFUSED
    feature.save()
    save_in_admin(admin_client, story, title_en="Later title")

    restore(admin_client, story, versions_of(story)[0])

    story.refresh_from_db()
    feature.refresh_from_db()
    assert (story.is_featured, story.author) == (True, admin_user)
    assert feature.consent == Consent.REFUSED


def test_the_restore_form_shows_todays_workflow_state_read_only(admin_client):
    story = StoryFactory(status=StoryStatus.SUBMITTED, published_at=None)
    save_in_admin(admin_client, story)
    workflow.story_publish(story=story)

    url = reverse("admin:stories_story_revision", args=[story.pk, versions_of(story)[0].pk])
    page = admin_client.get(url)
    fields = form_data(page, "story_form")

    assert "ผู้เขียน และบุคคลในเรื่องพร้อมความยินยอมจะคงเดิม" in page.content.decode()

    assert "published_at_0" not in fields
    assert "is_featured" not in fields
    assert "author" not in fields


def test_a_restore_is_named_in_the_history(admin_client):
    story = StoryFactory(title_en="First")
    save_in_admin(admin_client, story)
    save_in_admin(admin_client, story, title_en="Second")

    restore(admin_client, story, versions_of(story)[0])

    latest = versions_of(story)[-1].revision.get_comment()
    assert "คืนเนื้อหา" in latest  # Thai: the admin's language here


def test_staff_without_publish_permission_cannot_publish_by_restoring(client, admin_client):
    story = StoryFactory(title_en="Was public")
    save_in_admin(admin_client, story)  # the version as published
    workflow.story_unpublish(story=story)
    workflow.story_submit(story=story, by=None)
    editor = StaffUserFactory()
    editor.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="stories",
            codename__in=["view_story", "change_story", "add_story", "change_storyperson"],
        )
    )
    assert not workflow.can_publish(editor)
    client.force_login(editor)

    response = restore(client, story, versions_of(story)[0])

    assert response.status_code == 302
    story.refresh_from_db()
    assert story.status == StoryStatus.SUBMITTED
    assert not story.is_public
    client.logout()
    assert client.get(story.get_absolute_url()).status_code == 404


def test_a_recovered_deleted_story_comes_back_as_a_draft(admin_client, client):
    story = StoryFactory(
        title_en="Lost and found",
        published_at=timezone.now() - datetime.timedelta(days=3),
    )
    pk, url = story.pk, story.get_absolute_url()
    admin_client.post(reverse("admin:stories_story_delete", args=[pk]), {"post": "yes"})
    version = Version.objects.get_deleted(Story).get()
    recover_url = reverse("admin:stories_story_recover", args=[version.pk])
    mail.outbox.clear()

    response = admin_client.post(
        recover_url, form_data(admin_client.get(recover_url), "story_form")
    )

    assert response.status_code == 302
    recovered = Story.objects.get(pk=pk)
    assert recovered.title_en == "Lost and found"
    assert recovered.status == StoryStatus.DRAFT
    assert client.get(url).status_code == 404
    [transition] = recovered.transitions.all()
    assert (transition.from_status, transition.to_status) == (
        StoryStatus.PUBLISHED,
        StoryStatus.DRAFT,
    )
    assert mail.outbox == []


def test_restoring_does_not_bring_back_a_person_removed_since(admin_client, client):
    story = StoryFactory(title_en="With a guest")
    guest = PersonFactory(name_th="ผู้ร่วมที่ถูกถอดออก")
    feature = StoryPersonFactory(story=story, person=guest, consent=Consent.GIVEN)
    save_in_admin(admin_client, story)  # the version that featured the guest
    feature.delete()
    save_in_admin(admin_client, story, title_en="Without the guest")

    response = restore(admin_client, story, versions_of(story)[0])

    assert response.status_code == 302
    story.refresh_from_db()
    assert story.title_en == "With a guest"
    assert not story.featured_people.exists()
    assert "ผู้ร่วมที่ถูกถอดออก" not in client.get(story.get_absolute_url()).content.decode()


def test_restoring_keeps_a_person_featured_since_that_version(admin_client):
    story = StoryFactory(title_en="Alone")
    save_in_admin(admin_client, story)  # the version without anyone featured
    newcomer = PersonFactory()
    StoryPersonFactory(story=story, person=newcomer, consent=Consent.UNKNOWN, order=3)
    save_in_admin(admin_client, story, title_en="With a newcomer")

    restore(admin_client, story, versions_of(story)[0])

    story.refresh_from_db()
    assert story.title_en == "Alone"
    [feature] = story.featured_people.all()
    assert (feature.person, feature.consent, feature.order) == (newcomer, Consent.UNKNOWN, 3)
