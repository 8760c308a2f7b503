"""Which people a researcher sees in the portal: the people staff have confirmed and the ones
they named themselves, never another researcher's unconfirmed names."""

import pytest
from django.urls import reverse

from projects.models import Person
from stories import workflow
from stories.models import Consent, Story, StoryPerson, StoryStatus
from tests.factories import (
    PersonFactory,
    ResearcherFactory,
    StoryFactory,
    StoryPersonFactory,
)
from tests.portal.test_views import draft_data

pytestmark = pytest.mark.django_db


def name_someone(client, researcher, name):
    """`researcher` writes a draft naming a new person; returns that person."""
    client.force_login(researcher)
    response = client.post(reverse("portal:story_create"), draft_data(new_people=name))
    assert response.status_code == 302
    return Person.objects.get(name_th=name)


@pytest.fixture
def people(client, researcher):
    confirmed = PersonFactory(name_th="ผศ.ยืนยัน แล้ว")
    others = name_someone(client, ResearcherFactory(), "นางลับ ของคนอื่น")
    mine = name_someone(client, researcher, "ลุงใหม่ ของฉัน")
    client.force_login(researcher)
    return confirmed, others, mine


def test_a_new_person_records_the_researcher_who_named_them(client, researcher):
    person = name_someone(client, researcher, "ป้าสมศรี ขายผัก")

    assert person.created_by == researcher
    assert not person.is_published


def test_the_draft_form_offers_confirmed_people_and_my_own_new_people_only(
    client, researcher, people
):
    confirmed, others, mine = people

    response = client.get(reverse("portal:story_create"))

    assert set(response.context["form"].fields["people"].queryset) == {confirmed, mine}
    html = response.content.decode()
    assert confirmed.name_th in html and mine.name_th in html
    assert others.name_th not in html


def test_a_crafted_post_cannot_feature_another_researchers_unconfirmed_person(
    client, researcher, people
):
    _confirmed, others, _mine = people
    drafts_before = Story.objects.count()

    response = client.post(reverse("portal:story_create"), draft_data(people=[others.pk]))

    assert response.status_code == 400
    assert "people" in response.context["form"].errors
    assert Story.objects.count() == drafts_before
    assert not StoryPerson.objects.filter(person=others, story__author=researcher).exists()


def test_programme_staff_see_every_person_in_the_draft_form(client, programme_staff, people):
    client.force_login(programme_staff)

    response = client.get(reverse("portal:story_create"))

    assert set(people) <= set(response.context["form"].fields["people"].queryset)


@pytest.fixture
def my_draft(researcher, people):
    """My draft featuring a confirmed person, my new person, and (added by staff) another
    researcher's unconfirmed one."""
    story = StoryFactory(draft=True, author=researcher)
    for order, person in enumerate(people):
        StoryPersonFactory(story=story, person=person, order=order)
    return story


def test_the_preview_shows_only_people_the_researcher_may_see(client, my_draft, people):
    confirmed, others, mine = people

    html = client.get(reverse("portal:story_preview", args=[my_draft.pk])).content.decode()

    assert confirmed.name_th in html and mine.name_th in html
    assert others.name_th not in html


@pytest.mark.parametrize("page", ["portal:story_detail", "portal:story_edit"])
def test_my_story_pages_do_not_name_people_i_may_not_see(client, my_draft, people, page):
    _confirmed, others, _mine = people

    response = client.get(reverse(page, args=[my_draft.pk]))

    assert response.status_code == 200
    assert others.name_th not in response.content.decode()


def test_saving_my_draft_keeps_people_i_cannot_see(client, my_draft, people):
    _confirmed, others, mine = people

    client.post(
        reverse("portal:story_edit", args=[my_draft.pk]),
        draft_data(people=[mine.pk], city=mine.city),
    )

    assert set(my_draft.people.all()) == {mine, others}


def test_a_review_link_shows_only_people_who_may_appear_publicly(client, people):
    confirmed, _others, mine = people
    story = StoryFactory(status=StoryStatus.SUBMITTED)
    StoryPersonFactory(story=story, person=confirmed, consent=Consent.GIVEN)
    StoryPersonFactory(story=story, person=mine, consent=Consent.GIVEN)
    link = workflow.review_link_create(story=story, by=None)
    client.logout()

    html = client.get(
        reverse("portal:review", args=[workflow.review_link_token(link)])
    ).content.decode()

    assert confirmed.name_th in html
    assert mine.name_th not in html


def test_staff_confirming_a_person_see_who_named_them(client, researcher, programme_staff):
    person = name_someone(client, researcher, "ป้าสมศรี ขายผัก")
    client.force_login(programme_staff)

    response = client.get(reverse("admin:projects_person_change", args=[person.pk]))

    assert response.status_code == 200
    assert researcher.username in response.content.decode()
