"""The staff side: the review queue, workflow actions with a note or a date, the history."""

import datetime
import re

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from stories.models import Story, StoryStatus, StoryTransition
from tests.factories import ResearcherFactory, StaffUserFactory, StoryFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:stories_story_changelist")


@pytest.fixture
def staff_admin(client, programme_staff):
    client.force_login(programme_staff)
    return client


def act(client, action, stories, **extra):
    return client.post(
        CHANGELIST,
        {"action": action, "_selected_action": [s.pk for s in stories], **extra},
        HTTP_ACCEPT_LANGUAGE="en",
    )


def messages_of(response):
    return [str(message) for message in response.wsgi_request._messages]


def test_the_admin_index_counts_stories_awaiting_review(staff_admin):
    StoryFactory.create_batch(2, status=StoryStatus.SUBMITTED)
    StoryFactory(draft=True)

    page = staff_admin.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="en")

    assert (
        '<span class="dashboard-count">2</span> <span class="dashboard-label">Awaiting review'
        in page.content.decode()
    )


def test_the_awaiting_review_filter_lists_only_submitted_stories(staff_admin):
    waiting = StoryFactory(status=StoryStatus.SUBMITTED)
    StoryFactory(draft=True)

    response = staff_admin.get(CHANGELIST, {"review": "awaiting"})

    assert list(response.context["cl"].result_list) == [waiting]


def test_request_changes_action_sends_the_note_to_the_author(
    staff_admin, programme_staff, django_capture_on_commit_callbacks
):
    author = ResearcherFactory()
    story = StoryFactory(status=StoryStatus.SUBMITTED, author=author)

    with django_capture_on_commit_callbacks(execute=True):
        act(staff_admin, "request_changes_selected", [story], note="Please add a date.")

    story.refresh_from_db()
    assert story.status == StoryStatus.CHANGES_REQUESTED
    assert story.transitions.get().note == "Please add a date."
    assert story.transitions.get().user == programme_staff
    assert [m.to for m in mail.outbox] == [[author.email]]


def test_request_changes_without_a_note_is_refused_clearly(staff_admin):
    story = StoryFactory(status=StoryStatus.SUBMITTED)

    response = act(staff_admin, "request_changes_selected", [story], note="")

    story.refresh_from_db()
    assert story.status == StoryStatus.SUBMITTED
    assert messages_of(response) == ["Tell the author what to change."]


def test_schedule_action_publishes_at_the_given_moment(staff_admin):
    story = StoryFactory(status=StoryStatus.SUBMITTED, published_at=None)
    at = (timezone.localtime() + datetime.timedelta(days=2)).replace(second=0, microsecond=0)

    act(staff_admin, "schedule_selected", [story], publish_at=at.strftime("%Y-%m-%d %H:%M"))

    story.refresh_from_db()
    assert story.status == StoryStatus.PUBLISHED
    assert story.published_at == at
    assert not Story.objects.published().exists()


def test_schedule_action_without_a_date_is_refused(staff_admin):
    story = StoryFactory(status=StoryStatus.SUBMITTED, published_at=None)

    response = act(staff_admin, "schedule_selected", [story])

    story.refresh_from_db()
    assert story.status == StoryStatus.SUBMITTED
    assert messages_of(response) == ["Choose a moment in the future to schedule a story."]


def test_archive_action_archives_and_records_it(staff_admin):
    story = StoryFactory()

    act(staff_admin, "archive_selected", [story])

    story.refresh_from_db()
    assert story.status == StoryStatus.ARCHIVED
    assert StoryTransition.objects.get().to_status == StoryStatus.ARCHIVED


def test_publish_action_records_who_published(staff_admin, programme_staff):
    story = StoryFactory(status=StoryStatus.SUBMITTED)

    act(staff_admin, "publish_selected", [story])

    assert story.transitions.get().user == programme_staff


def test_the_review_link_action_reports_a_working_link(staff_admin, client):
    story = StoryFactory(status=StoryStatus.SUBMITTED, title_en="Awaiting review")

    response = act(staff_admin, "create_review_link", [story])

    url = messages_of(response)[0].split(": ", 1)[1]
    staff_admin.logout()
    assert "Awaiting review" in client.get(url).content.decode()


def test_the_status_cannot_be_edited_in_the_change_form(staff_admin):
    story = StoryFactory(draft=True)

    response = staff_admin.get(reverse("admin:stories_story_change", args=[story.pk]))

    assert "status" not in response.context["adminform"].form.fields


def test_the_change_form_shows_the_history(staff_admin, programme_staff):
    story = StoryFactory(status=StoryStatus.SUBMITTED)
    act(staff_admin, "request_changes_selected", [story], note="ขอรูปเพิ่ม")

    response = staff_admin.get(reverse("admin:stories_story_change", args=[story.pk]))

    assert "ขอรูปเพิ่ม" in response.content.decode()


def test_staff_without_the_publish_permission_see_no_workflow_actions(client, staff_user):
    from django.contrib.auth.models import Permission

    staff_user.user_permissions.add(Permission.objects.get(codename="change_story"))
    client.force_login(staff_user)

    response = client.get(CHANGELIST)

    form = response.context["action_form"]
    actions = [value for value, _label in form.fields["action"].choices] if form else []
    assert "publish_selected" not in actions
    assert "request_changes_selected" not in actions


def test_an_action_says_why_a_story_was_left_as_it_was(staff_admin):
    archived = StoryFactory(status=StoryStatus.ARCHIVED, title_en="Old story")
    draft = StoryFactory(draft=True)

    response = act(staff_admin, "publish_selected", [archived, draft])

    archived.refresh_from_db()
    assert archived.status == StoryStatus.ARCHIVED
    assert sorted(messages_of(response)) == sorted(
        ["1 story published.", "Old story: A story that is “Archived” cannot publish it."]
    )


def test_the_review_link_is_on_the_configured_site_whatever_the_host_header(staff_admin, settings):
    settings.WECITIZENS_SITE_URL = "https://wecitizens.example.org"
    settings.ALLOWED_HOSTS = ["testserver", "attacker.example"]
    story = StoryFactory(status=StoryStatus.SUBMITTED)

    response = staff_admin.post(
        CHANGELIST,
        {"action": "create_review_link", "_selected_action": [story.pk]},
        HTTP_HOST="attacker.example",
    )

    url = messages_of(response)[0].split(": ", 1)[1]
    assert url.startswith("https://wecitizens.example.org/portal/review/")


def test_staff_who_may_not_publish_cannot_move_the_publication_date(client):
    editor = StaffUserFactory()
    editor.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_story", "change_story"])
    )
    client.force_login(editor)
    story = StoryFactory(scheduled=True)

    response = client.get(reverse("admin:stories_story_change", args=[story.pk]))

    assert response.status_code == 200
    assert "published_at" not in response.context["adminform"].form.fields


def test_publishers_may_correct_the_publication_date(staff_admin):
    story = StoryFactory()

    response = staff_admin.get(reverse("admin:stories_story_change", args=[story.pk]))

    assert "published_at" in response.context["adminform"].form.fields


def act_in(client, language, action, stories, **extra):
    return client.post(
        CHANGELIST,
        {"action": action, "_selected_action": [s.pk for s in stories], **extra},
        HTTP_ACCEPT_LANGUAGE=language,
    )


def in_two_days():
    return (timezone.localtime() + datetime.timedelta(days=2)).replace(second=0, microsecond=0)


def test_a_thai_admin_schedules_by_typing_the_buddhist_era_year(staff_admin):
    story = StoryFactory(status=StoryStatus.SUBMITTED, published_at=None)
    at = in_two_days()
    typed = f"{at:%d/%m}/{at.year + 543} {at:%H:%M}"

    act_in(staff_admin, "th", "schedule_selected", [story], publish_at=typed)

    story.refresh_from_db()
    assert story.status == StoryStatus.PUBLISHED
    assert story.published_at == at
    assert story.published_at.year == at.year


def test_a_thai_admin_typing_a_common_era_year_is_told_the_year_to_type(staff_admin):
    story = StoryFactory(status=StoryStatus.SUBMITTED, published_at=None)
    at = in_two_days()

    response = act_in(
        staff_admin, "th", "schedule_selected", [story], publish_at=f"{at:%d/%m/%Y %H:%M}"
    )

    story.refresh_from_db()
    assert story.status == StoryStatus.SUBMITTED
    assert story.published_at is None
    assert messages_of(response) == [f"{at.year} เป็นปี ค.ศ. กรุณาพิมพ์ปี พ.ศ. คือ {at.year + 543}"]


def test_an_english_admin_schedules_by_typing_the_common_era_year(staff_admin):
    story = StoryFactory(status=StoryStatus.SUBMITTED, published_at=None)
    at = in_two_days()

    act_in(staff_admin, "en", "schedule_selected", [story], publish_at=f"{at:%Y-%m-%d %H:%M}")

    story.refresh_from_db()
    assert story.published_at == at


def test_an_english_admin_typing_a_buddhist_era_year_schedules_nothing(staff_admin):
    story = StoryFactory(status=StoryStatus.SUBMITTED, published_at=None)
    at = in_two_days()

    response = act_in(
        staff_admin,
        "en",
        "schedule_selected",
        [story],
        publish_at=f"{at.year + 543}-{at:%m-%d %H:%M}",
    )

    story.refresh_from_db()
    assert story.status == StoryStatus.SUBMITTED
    assert messages_of(response) == [
        f"{at.year + 543} is a Buddhist Era year: on English screens type the Common Era "
        f"year, here {at.year}."
    ]


@pytest.mark.parametrize(("language", "shown"), [("th", "2567"), ("en", "2024")])
def test_the_story_list_shows_publication_years_in_the_screens_era(staff_admin, language, shown):
    story = StoryFactory(
        published_at=datetime.datetime(2024, 10, 25, 2, 30, tzinfo=datetime.UTC),
    )

    page = staff_admin.get(CHANGELIST, HTTP_ACCEPT_LANGUAGE=language).content.decode()

    row = page[page.index(f"/admin/stories/story/{story.pk}/change/") :]
    row = row[: row.index("</tr>")]
    assert shown in row
    assert ("2024" in row) == (language == "en")


@pytest.mark.parametrize(("language", "shown"), [("th", "2567"), ("en", "2024")])
def test_the_story_form_shows_its_workflow_history_in_the_screens_era(staff_admin, language, shown):
    story = StoryFactory(status=StoryStatus.SUBMITTED, published_at=None)
    story.transitions.create(
        from_status=StoryStatus.DRAFT,
        to_status=StoryStatus.SUBMITTED,
        created_at=datetime.datetime(2024, 10, 25, 7, 0, tzinfo=datetime.UTC),
    )

    page = staff_admin.get(
        reverse("admin:stories_story_change", args=[story.pk]), HTTP_ACCEPT_LANGUAGE=language
    ).content.decode()

    history = page[page.index('id="workflow-history"') :]
    # What is read, not the machine-readable <time datetime="2024-…">.
    history = re.sub(r"<[^>]+>", "", history[: history.index("</ol>")])
    assert shown in history
    assert ("2024" in history) == (language == "en")


@pytest.mark.parametrize(("language", "shown"), [("th", "2567"), ("en", "2024")])
def test_the_story_lists_date_drill_down_names_years_in_the_screens_era(
    staff_admin, language, shown
):
    StoryFactory(published_at=datetime.datetime(2024, 10, 25, 2, 30, tzinfo=datetime.UTC))
    StoryFactory(published_at=datetime.datetime(2023, 10, 25, 2, 30, tzinfo=datetime.UTC))

    page = staff_admin.get(CHANGELIST, HTTP_ACCEPT_LANGUAGE=language).content.decode()

    toplinks = page[page.index('class="toplinks"') :]
    toplinks = toplinks[: toplinks.index("</nav>")]
    assert f">{shown}</a>" in toplinks
    # The links keep the Common Era year the database filters on.
    assert 'href="?published_at__year=2024"' in toplinks
    assert (">2024<" in toplinks) == (language == "en")
