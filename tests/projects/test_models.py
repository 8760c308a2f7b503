import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import translation

from projects.models import Milestone, Person, ProjectMember, ResearchProject, SubProject
from tests.factories import (
    CityFactory,
    MilestoneFactory,
    PersonFactory,
    ProjectMemberFactory,
    ResearchProjectFactory,
    StoryPersonFactory,
    SubProjectFactory,
)

pytestmark = pytest.mark.django_db


def test_deleting_a_person_who_leads_a_project_is_refused():
    project = ResearchProjectFactory(lead=PersonFactory())

    with pytest.raises(ProtectedError):
        project.lead.delete()


def test_deleting_a_person_on_a_project_team_is_refused():
    member = ProjectMemberFactory()

    with pytest.raises(ProtectedError):
        member.person.delete()


def test_deleting_a_person_who_leads_a_sub_project_is_refused():
    subproject = SubProjectFactory()

    with pytest.raises(ProtectedError):
        subproject.lead.delete()


def test_deleting_a_person_featured_in_a_story_is_refused():
    feature = StoryPersonFactory()

    with pytest.raises(ProtectedError):
        feature.person.delete()


def test_deleting_a_programme_with_projects_is_refused():
    project = ResearchProjectFactory()

    with pytest.raises(ProtectedError):
        project.programme.delete()


def test_deleting_a_project_removes_its_team_sub_projects_and_milestones():
    member = ProjectMemberFactory()
    SubProjectFactory(project=member.project)
    MilestoneFactory(project=member.project)

    member.project.delete()

    assert not ProjectMember.objects.exists()
    assert not SubProject.objects.exists()
    assert not Milestone.objects.exists()
    assert Person.objects.filter(pk=member.person.pk).exists()


def test_project_number_is_unique_within_a_city_and_programme():
    project = ResearchProjectFactory(number=1)

    with pytest.raises(IntegrityError), transaction.atomic():
        ResearchProjectFactory(city=project.city, programme=project.programme, number=1)


def test_project_slug_is_unique():
    ResearchProjectFactory(slug="rayong-1")

    with pytest.raises(IntegrityError), transaction.atomic():
        ResearchProjectFactory(slug="rayong-1")


def test_person_slug_is_unique():
    PersonFactory(slug="somchai")

    with pytest.raises(IntegrityError), transaction.atomic():
        PersonFactory(slug="somchai")


def test_person_joins_a_project_team_once():
    member = ProjectMemberFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        ProjectMemberFactory(project=member.project, person=member.person)


def test_project_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        ResearchProjectFactory(start_year=2021, end_year=2020)


def test_project_year_order_is_reported_by_full_clean():
    project = ResearchProjectFactory()
    project.start_year, project.end_year = 2021, 2020

    with pytest.raises(ValidationError):
        project.full_clean()


def test_project_with_only_a_start_year_is_allowed():
    assert ResearchProjectFactory(start_year=2024, end_year=None).pk


def test_person_photo_needs_alt_text():
    person = PersonFactory.build(photo="people/somchai.jpg", photo_alt_th="")

    with pytest.raises(ValidationError) as caught:
        person.full_clean()

    assert "photo_alt_th" in caught.value.message_dict


def test_published_projects_exclude_those_of_unpublished_cities():
    public = ResearchProjectFactory()
    ResearchProjectFactory(city=CityFactory(is_published=False))
    ResearchProjectFactory(is_published=False)

    assert list(ResearchProject.objects.published()) == [public]


def test_untitled_project_is_named_by_its_number_and_city():
    project = ResearchProjectFactory(untitled=True, number=2, city__name_en="Rayong")

    with translation.override("en"):
        assert str(project) == "Research project 2, Rayong"


def test_titled_project_is_named_by_its_title():
    project = ResearchProjectFactory.build(title_th="ร้อยเอ็ดเมืองน่าอยู่", title_en="")

    with translation.override("en"):
        assert str(project) == "ร้อยเอ็ดเมืองน่าอยู่"


def test_person_full_name_puts_the_honorific_first():
    person = PersonFactory.build(honorific_th="ผศ. ดร.", name_th="ชัญญรินทร์ สมพร")

    with translation.override("th"):
        assert person.full_name == "ผศ. ดร. ชัญญรินทร์ สมพร"


def test_person_full_name_without_an_honorific_is_the_name():
    person = PersonFactory.build(honorific_th="", honorific_en="", name_th="บรรจง")

    assert person.full_name == "บรรจง"


def test_urls_use_slugs():
    assert PersonFactory.build(slug="somchai").get_absolute_url() == "/people/somchai/"
    assert ResearchProjectFactory.build(slug="rayong-1").get_absolute_url() == "/projects/rayong-1/"


@pytest.mark.parametrize(
    ("project_kwargs", "is_public"),
    [
        ({}, True),
        ({"is_published": False}, False),
        ({"city__is_published": False}, False),
    ],
    ids=["published", "unpublished", "unpublished-city"],
)
def test_project_is_public_agrees_with_the_published_queryset(project_kwargs, is_public):
    project = ResearchProjectFactory(**{"is_published": True, **project_kwargs})

    assert project.is_public is is_public
    assert ResearchProject.objects.published().filter(pk=project.pk).exists() is is_public


@pytest.mark.parametrize("is_published", [True, False])
def test_person_is_public_agrees_with_the_published_queryset(is_published):
    person = PersonFactory(is_published=is_published)

    assert person.is_public is is_published
    assert Person.objects.published().filter(pk=person.pk).exists() is is_published
