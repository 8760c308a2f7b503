import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from cities.models import City, ProgrammeMembership
from tests.factories import (
    CityFactory,
    PersonFactory,
    ProgrammeFactory,
    ProgrammeMembershipFactory,
    ResearchProjectFactory,
    StoryFactory,
)

pytestmark = pytest.mark.django_db


def test_deleting_a_city_with_a_story_is_refused():
    story = StoryFactory()

    with pytest.raises(ProtectedError):
        story.city.delete()


def test_deleting_a_city_with_a_research_project_is_refused():
    project = ResearchProjectFactory()

    with pytest.raises(ProtectedError):
        project.city.delete()


def test_deleting_a_city_with_a_person_is_refused():
    person = PersonFactory(city=CityFactory())

    with pytest.raises(ProtectedError):
        person.city.delete()


def test_deleting_a_programme_with_cities_is_refused():
    membership = ProgrammeMembershipFactory()

    with pytest.raises(ProtectedError):
        membership.programme.delete()


def test_deleting_a_city_removes_its_programme_memberships():
    membership = ProgrammeMembershipFactory()

    membership.city.delete()

    assert not ProgrammeMembership.objects.exists()


def test_city_slug_is_unique():
    CityFactory(slug="chiang-mai")

    with pytest.raises(IntegrityError), transaction.atomic():
        CityFactory(slug="chiang-mai")


def test_city_joins_a_programme_only_once():
    membership = ProgrammeMembershipFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        ProgrammeMembershipFactory(city=membership.city, programme=membership.programme)


def test_two_cities_cannot_share_a_number_in_one_programme():
    membership = ProgrammeMembershipFactory(number=1)

    with pytest.raises(IntegrityError), transaction.atomic():
        ProgrammeMembershipFactory(programme=membership.programme, number=1)


def test_several_cities_may_be_unnumbered_in_one_programme():
    programme = ProgrammeFactory()

    ProgrammeMembershipFactory(programme=programme, number=None)
    ProgrammeMembershipFactory(programme=programme, number=None)

    assert programme.memberships.count() == 2


def test_programme_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        ProgrammeFactory(start_year=2021, end_year=2020)


def test_programme_year_order_is_reported_by_full_clean():
    programme = ProgrammeFactory.build(start_year=2021, end_year=2020)

    with pytest.raises(ValidationError):
        programme.full_clean()


def test_programme_may_start_and_end_in_the_same_year():
    assert ProgrammeFactory(start_year=2024, end_year=2024).pk


def test_city_hero_image_needs_alt_text():
    city = CityFactory.build(hero_image="cities/old-town.jpg", hero_image_alt_th="")

    with pytest.raises(ValidationError) as caught:
        city.full_clean()

    assert "hero_image_alt_th" in caught.value.message_dict


def test_city_hero_image_alt_text_in_english_only_is_enough():
    city = CityFactory.build(
        hero_image="cities/old-town.jpg", hero_image_alt_th="", hero_image_alt_en="An old street"
    )

    city.full_clean()


def test_city_needs_both_latitude_and_longitude_or_neither():
    city = CityFactory.build(latitude="18.788300", longitude=None)

    with pytest.raises(ValidationError):
        city.full_clean()


def test_published_cities_exclude_unpublished_ones():
    published = CityFactory()
    CityFactory(is_published=False)

    assert list(City.objects.published()) == [published]


def test_city_url_uses_its_slug():
    assert CityFactory.build(slug="chiang-mai").get_absolute_url() == "/cities/chiang-mai/"


def test_city_is_named_by_its_name():
    assert str(CityFactory.build(name_th="เชียงใหม่")) == "เชียงใหม่"


def test_programme_is_named_by_its_short_name():
    programme = ProgrammeFactory.build(short_name_th="เมืองแห่งการเรียนรู้", name_th="ยาว")

    assert str(programme) == "เมืองแห่งการเรียนรู้"


def test_programme_links_to_the_city_list_filtered_to_it():
    programme = ProgrammeFactory.build(slug="ciap")

    assert programme.get_absolute_url() == "/cities/?programme=ciap"


@pytest.mark.parametrize("is_published", [True, False])
def test_city_is_public_agrees_with_the_published_queryset(is_published):
    city = CityFactory(is_published=is_published)

    assert city.is_public is is_published
    assert City.objects.published().filter(pk=city.pk).exists() is is_published
