"""The admin's first screen: each figure is right, and its link lists exactly what it counts."""

import datetime
import re

import pytest
import reversion
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone, translation

from core.dates import buddhist_era, format_date
from stories import workflow
from stories.models import Consent, ReviewAnswer, ReviewDecision, StoryStatus
from tests.factories import (
    CityFactory,
    PersonFactory,
    ResearcherFactory,
    ResearchProjectFactory,
    StaffUserFactory,
    StoryFactory,
    StoryPersonFactory,
)

pytestmark = pytest.mark.django_db

INDEX = reverse("admin:index")
# The admin index alone (session, user, two of permissions, the sidebar's recent actions): 5;
# the dashboard: two queries of story figures, one of scheduled stories, one of what lacks
# English (all translated models at once), three of activity, and one per kind of record
# edited lately (whether each still exists; here only stories).
DASHBOARD_QUERY_BUDGET = 13
FIGURE = re.compile(
    r'<a href="(?P<url>[^"]+)"><span class="dashboard-count">(?P<count>\d+)</span> '
    r'<span class="dashboard-label">(?P<label>[^<]+)</span></a>'
)


def figures(client, language="en"):
    page = client.get(INDEX, HTTP_ACCEPT_LANGUAGE=language)
    assert page.status_code == 200
    return {
        match["label"]: (int(match["count"]), match["url"].replace("&amp;", "&"))
        for match in FIGURE.finditer(page.content.decode())
    }


def rows_listed(client, url):
    """The objects the admin list at `url` shows, read from its rows."""
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    shown = {int(pk) for pk in re.findall(r'name="_selected_action" value="(\d+)"', html)}
    assert len(shown) == html.count('name="_selected_action"')
    return shown


def month_start():
    return timezone.localtime().replace(day=1, hour=0, minute=0, second=0, microsecond=0)


@pytest.fixture
def staff_admin(client, programme_staff):
    client.force_login(programme_staff)
    return client


@pytest.fixture
def newsroom(db):
    """Stories at every step of the workflow, and people featured with every consent."""
    now = timezone.now()
    stories = {
        "submitted": StoryFactory.create_batch(2, status=StoryStatus.SUBMITTED, published_at=None),
        "changes_requested": [
            StoryFactory(status=StoryStatus.CHANGES_REQUESTED, published_at=None)
        ],
        "scheduled": [
            StoryFactory(published_at=now + datetime.timedelta(days=days)) for days in (3, 1, 40)
        ],
        "this_month": [
            StoryFactory(published_at=max(month_start(), now - datetime.timedelta(minutes=m)))
            for m in (1, 2)
        ],
        "last_month": [StoryFactory(published_at=month_start() - datetime.timedelta(days=2))],
        "draft": [StoryFactory(draft=True)],
        "archived": [StoryFactory(status=StoryStatus.ARCHIVED)],
    }
    not_asked = StoryPersonFactory(story=stories["draft"][0], consent=Consent.UNKNOWN)
    unconfirmed = StoryPersonFactory(
        story=stories["submitted"][0], person=PersonFactory(is_published=False)
    )
    StoryPersonFactory(story=stories["this_month"][0])  # confirmed and consenting
    stories["not_cleared"] = [not_asked.story, unconfirmed.story]
    return stories


@pytest.mark.parametrize(
    ("label", "group"),
    [
        ("Awaiting review", "submitted"),
        ("Changes requested", "changes_requested"),
        ("Scheduled", "scheduled"),
        ("Published this month", "this_month"),
        ("Stories featuring people not yet cleared to appear", "not_cleared"),
    ],
)
def test_each_story_figure_links_to_a_list_of_exactly_what_it_counts(
    staff_admin, newsroom, label, group
):
    count, url = figures(staff_admin)[label]

    assert count == len(newsroom[group])
    assert rows_listed(staff_admin, url) == {story.pk for story in newsroom[group]}


def test_the_scheduled_stories_are_listed_soonest_first_with_their_time(staff_admin, newsroom):
    html = staff_admin.get(INDEX, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    listed = re.search(r'<ul class="dashboard-list dashboard-scheduled">(.*?)</ul>', html, re.S)[1]

    soonest_first = sorted(newsroom["scheduled"], key=lambda story: story.published_at)
    positions = [listed.index(story.title_en) for story in soonest_first]
    assert positions == sorted(positions)
    soonest = timezone.localtime(soonest_first[0].published_at)
    with translation.override("en"):
        assert format_date(soonest, "DATETIME_FORMAT", "en") in listed
    assert f"{soonest.day}, {soonest.year}," in listed
    assert "ตั้งเวลาเผยแพร่" not in html


def test_a_thai_screen_says_it_in_thai_with_buddhist_era_years(staff_admin, newsroom):
    workflow.story_submit(story=newsroom["draft"][0], by=None)

    html = staff_admin.get(INDEX, HTTP_ACCEPT_LANGUAGE="th").content.decode()
    listed = re.search(r'<ul class="dashboard-list dashboard-scheduled">(.*?)</ul>', html, re.S)[1]

    soonest = min(newsroom["scheduled"], key=lambda story: story.published_at)
    local = timezone.localtime(soonest.published_at)
    assert soonest.title_th in listed
    assert str(buddhist_era(local.year)) in listed
    assert f" {local.year} " not in listed
    for thai in ("รอพิจารณา", "ตั้งเวลาเผยแพร่", "ยังไม่มีภาษาอังกฤษ", "ความเคลื่อนไหวล่าสุด"):
        assert thai in html
    for english in ("Awaiting review", "Missing English", "Recent activity", "Going public"):
        assert english not in html


def test_missing_english_is_counted_for_every_translated_model(staff_admin):
    StoryFactory(title_en="", excerpt_en="", body_en="")
    StoryFactory()
    CityFactory.create_batch(2, name_en="", research_area_en="")
    person = PersonFactory(name_en="", role_en="")
    project = ResearchProjectFactory(title_en="", summary_en="")  # and its city, in English
    untranslated = {
        "Stories": 1,
        "Cities": 2,
        "People": 1,
        "Research projects": 1,
    }

    shown = figures(staff_admin)

    for label, expected in untranslated.items():
        count, url = shown[label]
        assert count == expected, label
        assert len(rows_listed(staff_admin, url)) == expected, label
    assert rows_listed(staff_admin, shown["People"][1]) == {person.pk}
    assert rows_listed(staff_admin, shown["Research projects"][1]) == {project.pk}


def test_staff_who_may_not_publish_see_no_review_queue(client, newsroom):
    editor = StaffUserFactory()
    editor.user_permissions.add(
        Permission.objects.get(codename="view_story"),
        Permission.objects.get(codename="view_city"),
    )
    client.force_login(editor)

    shown = figures(client)

    assert "Awaiting review" not in shown
    assert "Changes requested" not in shown
    assert shown["Scheduled"][0] == 3
    assert shown["Published this month"][0] == 2
    assert set(shown) == {
        "Scheduled",
        "Published this month",
        "Stories featuring people not yet cleared to appear",
        "Stories",
        "Cities",
    }


def test_staff_without_story_permissions_see_only_what_they_may_open(client, newsroom):
    city_editor = StaffUserFactory()
    city_editor.user_permissions.add(Permission.objects.get(codename="view_city"))
    client.force_login(city_editor)
    workflow.story_submit(story=newsroom["draft"][0], by=None)

    page = client.get(INDEX, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert set(figures(client)) == {"Cities"}
    assert "Status change" not in page
    assert newsroom["draft"][0].title_en not in page


def test_a_researcher_never_reaches_the_dashboard(client):
    client.force_login(ResearcherFactory())

    response = client.get(INDEX)

    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_the_app_list_stays_below_the_panels(staff_admin, newsroom):
    html = staff_admin.get(INDEX, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert html.index('class="staff-dashboard"') < html.index('id="content-main"')
    for model in ("city", "person", "researchproject", "story"):
        app = {"city": "cities", "story": "stories"}.get(model, "projects")
        assert reverse(f"admin:{app}_{model}_changelist") in html


def test_recent_activity_says_who_did_what_and_when(staff_admin, programme_staff):
    programme_staff.first_name = "Malee"
    programme_staff.save()
    story = StoryFactory(draft=True, title_en="Canal school")
    workflow.story_submit(story=story, by=programme_staff)
    link = workflow.review_link_create(story=story, by=programme_staff)
    ReviewAnswer.objects.create(
        link=link, story=story, decision=ReviewDecision.APPROVE, name="Somsri the boatwoman"
    )
    city = CityFactory(name_en="Nan")
    with reversion.create_revision():
        reversion.set_user(programme_staff)
        city.save()

    html = staff_admin.get(INDEX, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    activity = re.search(r'id="dashboard-activity">(.*?)</section>', html, re.S)[1]

    story_url = reverse("admin:stories_story_change", args=[story.pk])
    city_url = reverse("admin:cities_city_change", args=[city.pk])
    assert "Status change" in activity
    assert "Draft → Submitted" in activity
    assert "Somsri the boatwoman" in activity
    assert "I approve" in activity
    assert f'<a href="{city_url}">' in activity
    assert activity.count(f'<a href="{story_url}">Canal school</a>') == 2
    assert "Malee" in activity
    # Newest first: the edit of the city came last.
    assert activity.index(city_url) < activity.index(story_url)


def test_an_edit_to_a_deleted_record_is_listed_without_a_link(staff_admin):
    with reversion.create_revision():
        kept = StoryFactory(title_th="เรื่องที่ยังอยู่")
    with reversion.create_revision():
        gone = StoryFactory(title_th="เรื่องที่ถูกลบ")
    gone_url = reverse("admin:stories_story_change", args=[gone.pk])
    gone.delete()

    html = staff_admin.get(INDEX).content.decode()

    assert reverse("admin:stories_story_change", args=[kept.pk]) in html
    assert "เรื่องที่ถูกลบ" in html
    assert gone_url not in html


def test_the_dashboard_costs_the_same_queries_for_few_and_many_records(
    staff_admin, django_assert_max_num_queries, django_assert_num_queries
):
    def add(count):
        for _ in range(count):
            story = StoryFactory(status=StoryStatus.SUBMITTED, published_at=None, title_en="")
            StoryFactory(scheduled=True)
            StoryPersonFactory(story=story, consent=Consent.UNKNOWN)
            CityFactory(name_en="")
            workflow.story_request_changes(story=story, by=None, note="Add a date.")
            with reversion.create_revision():
                story.save()
            ReviewAnswer.objects.create(
                link=workflow.review_link_create(story=story, by=None),
                story=story,
                decision=ReviewDecision.CORRECT,
                name="Interviewee",
            )

    add(2)
    assert staff_admin.get(INDEX).status_code == 200
    with django_assert_max_num_queries(DASHBOARD_QUERY_BUDGET) as few:
        assert staff_admin.get(INDEX).status_code == 200
    add(30)
    with django_assert_num_queries(len(few)):
        assert staff_admin.get(INDEX).status_code == 200


def test_the_admins_language_switch_gives_an_english_dashboard(staff_admin, newsroom):
    # The admin has no /en/ prefix: it follows the language chosen in its header.
    staff_admin.post(reverse("set_language"), {"language": "en", "next": INDEX})

    html = staff_admin.get(INDEX).content.decode()

    assert '<html lang="en"' in html
    assert "Awaiting review" in html
    assert "Going public next" in html
    assert "รอพิจารณา" not in html
