import pytest
from django.urls import reverse

from cities.models import City
from tests.factories import CityFactory, ProgrammeFactory, ProgrammeMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:cities_city_changelist"


def run_action(client, action, cities):
    return client.post(
        reverse(CHANGELIST), {"action": action, "_selected_action": [city.pk for city in cities]}
    )


def test_publish_action_publishes_the_selected_cities(admin_client):
    chosen = CityFactory.create_batch(2, is_published=False)
    CityFactory(is_published=False)

    response = run_action(admin_client, "publish_selected", chosen)

    assert response.status_code == 302
    assert set(City.objects.published()) == set(chosen)


def test_unpublish_action_unpublishes_the_selected_cities(admin_client):
    chosen = CityFactory()
    other = CityFactory()

    run_action(admin_client, "unpublish_selected", [chosen])

    assert list(City.objects.published()) == [other]


def test_publish_action_needs_change_permission(client):
    user = UserFactory(is_staff=True)
    client.force_login(user)
    city = CityFactory(is_published=False)

    run_action(client, "publish_selected", [city])

    city.refresh_from_db()
    assert not city.is_published


def test_city_changelist_filters_by_programme(admin_client):
    member = ProgrammeMembershipFactory()
    ProgrammeMembershipFactory()  # the filter is only offered with a choice to make

    response = admin_client.get(
        reverse(CHANGELIST), {"memberships__programme__id__exact": member.programme.pk}
    )

    assert list(response.context["cl"].queryset) == [member.city]


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "shown"), [("th", "2563"), ("en", "2020")])
def test_the_programme_list_shows_years_in_the_screens_era(admin_client, language, shown):
    programme = ProgrammeFactory(start_year=2020, end_year=None)

    page = admin_client.get(
        reverse("admin:cities_programme_changelist"), HTTP_ACCEPT_LANGUAGE=language
    ).content.decode()

    row = page[page.index(f"/admin/cities/programme/{programme.pk}/change/") :]
    assert f">{shown}</td>" in row[: row.index("</tr>")]
