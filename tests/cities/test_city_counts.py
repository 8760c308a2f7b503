"""The 18 Learning Cities and Roi Et under CIAP are counted apart wherever cities are counted,
and every count agrees with the others."""

import io

import pytest
from django.core.management import call_command

from cities.models import City, programme_groups
from tests.factories import CityFactory, ProgrammeFactory, ProgrammeMembershipFactory
from tests.pages import url_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    call_command("load_content", stdout=io.StringIO())


def group_counts(groups):
    return [(tuple(p.slug for p in group.programmes), group.count) for group in groups]


def test_seed_cities_form_two_groups(seeded):
    from cities.models import Programme

    groups = programme_groups(City.objects.published(), list(Programme.objects.all()))

    assert group_counts(groups[None]) == [
        (("learning-city", "learning-city-communication"), 18),
        (("ciap",), 1),
    ]
    assert group_counts(groups["northeast"]) == [
        (("learning-city", "learning-city-communication"), 3),
        (("ciap",), 1),
    ]


@pytest.mark.parametrize("language", ["th", "en"])
def test_home_region_counts_add_up_to_its_programme_counts(client, seeded, language):
    context = client.get(url_in(language, "home")).context

    totals = [group.count for group in context["programme_groups"]]
    assert totals == [18, 1]
    assert sum(region.total for region in context["regions"]) == sum(totals)
    northeast = next(r for r in context["regions"] if r.region == "northeast")
    assert northeast.is_mixed
    assert [group.count for group in northeast.programme_groups] == [3, 1]


def test_home_shows_the_learning_cities_and_ciap_apart_with_thai_years(client, seeded):
    html = client.get(url_in("th", "home")).content.decode()

    assert '<strong class="programme-counts__number">18 เมือง</strong>' in html
    assert '<strong class="programme-counts__number">1 เมือง</strong>' in html
    assert "(2563–2566)" in html
    assert "(2567–2568)" in html


def test_city_list_counts_the_groups_of_the_cities_it_lists(client, seeded):
    context = client.get(url_in("en", "cities:city_list")).context

    assert context["paginator"].count == 19
    assert [group.count for group in context["programme_groups"]] == [18, 1]


def test_city_list_filtered_by_region_counts_that_region(client, seeded):
    context = client.get(url_in("en", "cities:city_list"), {"region": "northeast"}).context

    assert context["paginator"].count == 4
    assert [group.count for group in context["programme_groups"]] == [3, 1]


def test_api_counts_each_programmes_cities(client, seeded):
    programmes = client.get("/api/programmes/").json()["results"]

    assert {p["slug"]: p["city_count"] for p in programmes} == {
        "learning-city": 18,
        "learning-city-communication": 18,
        "ciap": 1,
    }


def test_unpublished_cities_are_not_counted(client):
    programme = ProgrammeFactory()
    ProgrammeMembershipFactory(programme=programme)
    ProgrammeMembershipFactory(programme=programme, city=CityFactory(is_published=False))

    context = client.get(url_in("en", "home")).context
    programmes = client.get("/api/programmes/").json()["results"]

    assert [group.count for group in context["programme_groups"]] == [1]
    assert programmes[0]["city_count"] == 1
