import datetime

import pytest
from django import forms
from django.urls import reverse
from django.utils import translation

from core.dates import common_era
from core.forms import EraDateField, EraDateTimeField, EraSplitDateTimeField
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


@pytest.mark.parametrize(
    ("language", "typed"), [("th", "2567-10-25"), ("th", "25/10/2567"), ("en", "2024-10-25")]
)
def test_date_field_reads_the_year_in_the_era_of_the_screen(language, typed):
    with translation.override(language):
        assert EraDateField().clean(typed) == datetime.date(2024, 10, 25)


def test_date_field_accepts_the_leap_day_of_a_buddhist_era_year():
    # 2567 BE is 2024 CE, a leap year; 2567 itself would not be.
    with translation.override("th"):
        assert EraDateField().clean("29/02/2567") == datetime.date(2024, 2, 29)


@pytest.mark.parametrize(
    ("language", "typed", "message"),
    [
        ("th", "25/10/2024", "2024 เป็นปี ค.ศ."),
        ("en", "2567-10-25", "2567 is a Buddhist Era year"),
    ],
)
def test_date_field_refuses_a_year_in_the_other_era(language, typed, message):
    with translation.override(language), pytest.raises(forms.ValidationError) as error:
        EraDateField().clean(typed)

    assert message in error.value.messages[0]


@pytest.mark.parametrize(("language", "shown"), [("th", "25/10/2567"), ("en", "2024-10-25")])
def test_date_field_shows_the_year_in_the_era_of_the_screen(language, shown):
    class DateForm(forms.Form):
        day = EraDateField()

    with translation.override(language):
        html = str(DateForm(initial={"day": datetime.date(2024, 10, 25)})["day"])

    assert f'value="{shown}"' in html


def test_split_datetime_field_reads_a_buddhist_era_date():
    with translation.override("th"):
        value = EraSplitDateTimeField().clean(["2567-10-25", "09:30"])

    assert (value.year, value.month, value.day, value.hour) == (2024, 10, 25, 9)


@pytest.mark.parametrize(
    ("language", "typed"), [("th", "31/12/2569 09:00"), ("en", "2026-12-31 09:00")]
)
def test_datetime_field_reads_the_year_in_the_era_of_the_screen(language, typed):
    with translation.override(language):
        value = EraDateTimeField().clean(typed)

    assert (value.year, value.month, value.day, value.hour) == (2026, 12, 31, 9)


def _milestone_post(admin_client, project, typed):
    url = reverse("admin:projects_researchproject_change", args=[project.pk])
    page = admin_client.get(url)
    form = page.context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, list | tuple)
    }
    # The form shows the years in the screen's era; the test types only a milestone.
    data.update(city=project.city.pk, programme=project.programme.pk, tags="")
    data.update(start_year="", end_year="")
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
def test_admin_stores_a_milestone_typed_in_the_screens_era_as_common_era(admin_client, language):
    project = ResearchProjectFactory()
    admin_client.cookies["django_language"] = language
    typed = "25/10/2567" if language == "th" else "2024-10-25"

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
