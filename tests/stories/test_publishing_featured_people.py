"""Publishing or scheduling a story is refused while someone it features may not appear
publicly (not confirmed by staff, or consent not given): staff decide consent explicitly,
rather than the story silently going out without that person."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from stories import workflow
from stories.models import Consent, StoryStatus
from tests.factories import PersonFactory, StoryFactory, StoryPersonFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:stories_story_changelist")
REFUSAL_TH = "ยังเผยแพร่หรือตั้งเวลาเผยแพร่เรื่องนี้ไม่ได้"
REFUSAL_EN = "This story cannot be published or scheduled"

NOT_CLEARED = {
    "consent-unknown": {"consent": Consent.UNKNOWN},
    "consent-refused": {"consent": Consent.REFUSED},
    "unconfirmed": {"consent": Consent.GIVEN, "is_published": False},
}


def tomorrow():
    return timezone.now() + datetime.timedelta(days=1)


def submitted_story_featuring(consent, is_published=True):
    story = StoryFactory(status=StoryStatus.SUBMITTED, published_at=None)
    StoryPersonFactory(story=story, person=PersonFactory(name_th="ยินดี มีชัย"), consent="given")
    person = PersonFactory(
        honorific_th="", honorific_en="", name_th="สมหญิง รอถาม", name_en="Somying Rotham",
        is_published=is_published,
    )  # fmt: skip
    StoryPersonFactory(story=story, person=person, consent=consent)
    return story, person


def publish(story):
    return workflow.story_publish(story=story)


def schedule(story):
    return workflow.story_schedule(story=story, at=tomorrow())


@pytest.mark.parametrize("state", NOT_CLEARED.values(), ids=NOT_CLEARED.keys())
@pytest.mark.parametrize("action", [publish, schedule], ids=["publish", "schedule"])
def test_the_service_refuses_a_story_featuring_someone_not_cleared(state, action):
    story, person = submitted_story_featuring(**state)

    with pytest.raises(workflow.FeaturedPeopleNotCleared) as refusal:
        action(story)

    message = " ".join(refusal.value.messages)
    assert REFUSAL_TH in message and person.name_th in message
    assert "ยินดี มีชัย" not in message  # only the people in the way are named
    story.refresh_from_db()
    assert story.status == StoryStatus.SUBMITTED and story.published_at is None
    assert not story.transitions.exists()


def test_the_refusal_speaks_english_to_english_staff():
    story, _person = submitted_story_featuring(Consent.REFUSED)

    with translation.override("en"):
        with pytest.raises(workflow.FeaturedPeopleNotCleared) as refusal:
            publish(story)
        message = " ".join(refusal.value.messages)

    assert REFUSAL_EN in message and "Somying Rotham (consent: Refused)" in message


@pytest.mark.parametrize("action", [publish, schedule], ids=["publish", "schedule"])
def test_the_service_publishes_when_everyone_featured_is_cleared(action):
    story, _person = submitted_story_featuring(Consent.GIVEN)

    action(story)

    story.refresh_from_db()
    assert story.status == StoryStatus.PUBLISHED


def act(client, action, story, language, **extra):
    return client.post(
        CHANGELIST,
        {"action": action, "_selected_action": [story.pk], **extra},
        HTTP_ACCEPT_LANGUAGE=language,
        follow=True,
    )


@pytest.mark.parametrize(
    "action, extra",
    [("publish_selected", {}), ("schedule_selected", {"publish_at": "{year}-12-31 09:00"})],
    ids=["publish", "schedule"],
)
@pytest.mark.parametrize(
    "language, refusal", [("th", REFUSAL_TH), ("en", REFUSAL_EN)], ids=["th", "en"]
)
def test_the_admin_action_refuses_and_names_the_person(
    client, programme_staff, action, extra, language, refusal
):
    story, person = submitted_story_featuring(Consent.UNKNOWN)
    client.force_login(programme_staff)

    # 2099 in the era of the admin's language.
    year = 2099 + 543 if language == "th" else 2099
    extra = {name: value.format(year=year) for name, value in extra.items()}
    response = act(client, action, story, language, **extra)

    assert response.status_code == 200
    text = " ".join(str(message) for message in response.context["messages"])
    with translation.override(language):
        assert refusal in text and str(person) in text
    story.refresh_from_db()
    assert story.status == StoryStatus.SUBMITTED
