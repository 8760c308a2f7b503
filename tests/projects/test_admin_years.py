"""Project years in the admin: typed and shown in the Buddhist Era on Thai screens, the Common
Era on English ones, stored in the Common Era."""

import pytest
from django.urls import reverse

from projects.models import ResearchProject
from tests.factories import ResearchProjectFactory

pytestmark = pytest.mark.django_db


def change_url(project):
    return reverse("admin:projects_researchproject_change", args=[project.pk])


def post_years(admin_client, project, language, start_year, end_year):
    page = admin_client.get(change_url(project), HTTP_ACCEPT_LANGUAGE=language)
    form = page.context["adminform"].form
    data = {
        name: form[name].value()
        for name in form.fields
        if form[name].value() is not None and not isinstance(form[name].value(), list | tuple)
    }
    data.update(
        city=project.city.pk,
        programme=project.programme.pk,
        tags="",
        start_year=start_year,
        end_year=end_year,
    )
    for inline in page.context["inline_admin_formsets"]:
        data[f"{inline.formset.prefix}-TOTAL_FORMS"] = 0
        data[f"{inline.formset.prefix}-INITIAL_FORMS"] = 0
    return admin_client.post(change_url(project), data, HTTP_ACCEPT_LANGUAGE=language)


@pytest.mark.parametrize(
    ("language", "typed"), [("th", ("2563", "2565")), ("en", ("2020", "2022"))]
)
def test_project_years_are_typed_in_the_screens_era_and_stored_in_common_era(
    admin_client, language, typed
):
    project = ResearchProjectFactory(start_year=None, end_year=None)

    response = post_years(admin_client, project, language, *typed)

    assert response.status_code == 302, response.context["adminform"].form.errors
    project.refresh_from_db()
    assert (project.start_year, project.end_year) == (2020, 2022)


@pytest.mark.parametrize(
    ("language", "typed", "message"),
    [
        ("th", "2020", "2020 เป็นปี ค.ศ. กรุณาพิมพ์ปี พ.ศ. คือ 2563"),
        ("en", "2563", "2563 is a Buddhist Era year: on English screens type the Common Era"),
    ],
)
def test_a_project_year_in_the_other_era_is_refused_and_nothing_saved(
    admin_client, language, typed, message
):
    project = ResearchProjectFactory(start_year=None, end_year=None)

    response = post_years(admin_client, project, language, typed, "")

    assert response.status_code == 200
    assert message in response.content.decode()
    assert ResearchProject.objects.get(pk=project.pk).start_year is None


@pytest.mark.parametrize(("language", "shown"), [("th", "2563"), ("en", "2020")])
def test_the_project_form_shows_its_years_in_the_screens_era(admin_client, language, shown):
    project = ResearchProjectFactory(start_year=2020, end_year=None)

    page = admin_client.get(change_url(project), HTTP_ACCEPT_LANGUAGE=language)

    assert f'name="start_year" value="{shown}"' in page.content.decode()
