import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from core.dates import common_era
from core.forms import BuddhistEraDateField, BuddhistEraSplitDateTimeField
from projects.models import Milestone
from stories.models import Story
from tests.factories import ResearchProjectFactory, StoryFactory


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("25/10/2567", "25/10/2024"),
        ("2567-10-25", "2024-10-25"),
        ("25/10/2024", "25/10/2024"),
        ("1 ม.ค. 2569", "1 ม.ค. 2026"),
    ],
)
def test_common_era_converts_only_buddhist_era_years(typed, expected):
    assert common_era(typed) == expected


@pytest.mark.parametrize("language", ["th", "en"])
def test_date_field_reads_a_buddhist_era_year(language):
    with translation.override(language):
        assert BuddhistEraDateField().clean("2567-10-25") == datetime.date(2024, 10, 25)


def test_date_field_in_thai_reads_day_month_be_year():
    with translation.override("th"):
        assert BuddhistEraDateField().clean("25/10/2567") == datetime.date(2024, 10, 25)


def test_date_field_accepts_the_leap_day_of_a_buddhist_era_year():
    # 2567 BE is 2024 CE, a leap year; 2567 itself would not be.
    with translation.override("th"):
        assert BuddhistEraDateField().clean("29/02/2567") == datetime.date(2024, 2, 29)


def test_date_field_keeps_a_common_era_year():
    assert BuddhistEraDateField().clean("2024-10-25") == datetime.date(2024, 10, 25)


def test_split_datetime_field_reads_a_buddhist_era_date():
    value = BuddhistEraSplitDateTimeField().clean(["2567-10-25", "09:30"])

    assert (value.year, value.month, value.day, value.hour) == (2024, 10, 25, 9)


def _milestone_post(admin_client, project, typed):
    url = reverse("admin:projects_researchproject_change", args=[project.pk])
    page = admin_client.get(url)
    form = page.context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, list | tuple)
    }
    data.update(city=project.city.pk, programme=project.programme.pk, tags="")
    for prefix in ("memberships", "subprojects"):
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    data.update(
        {
            "milestones-TOTAL_FORMS": 1,
            "milestones-INITIAL_FORMS": 0,
            "milestones-0-date": typed,
            "milestones-0-title_th": "เปิดตัวโครงการ",
        }
    )
    return admin_client.post(url, data)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["th", "en"])
def test_admin_stores_a_milestone_typed_with_a_buddhist_era_year_as_common_era(
    admin_client, language
):
    project = ResearchProjectFactory()
    admin_client.cookies["django_language"] = language
    typed = "25/10/2567" if language == "th" else "2567-10-25"

    response = _milestone_post(admin_client, project, typed)

    assert response.status_code == 302
    assert Milestone.objects.get(project=project).date == datetime.date(2024, 10, 25)


@pytest.mark.django_db
def test_admin_stores_a_story_date_typed_with_a_buddhist_era_year_as_common_era(admin_client):
    story = StoryFactory()
    url = reverse("admin:stories_story_change", args=[story.pk])
    page = admin_client.get(url)
    form = page.context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None
        and not isinstance(value, list | tuple)
        and name not in ("published_at", "hero_image")
    }
    data.update(
        city=story.city.pk,
        tags="",
        published_at_0="2567-10-25",
        published_at_1="09:30:00",
    )
    for inline in page.context["inline_admin_formsets"]:
        data[f"{inline.formset.prefix}-TOTAL_FORMS"] = 0
        data[f"{inline.formset.prefix}-INITIAL_FORMS"] = 0

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Story.objects.get(pk=story.pk).published_at.year == 2024
