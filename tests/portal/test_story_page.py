"""The researcher's story page: what they may do now, the note staff left, review links with
their state and a copy button, and the history, in the same parts the admin's story page uses."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from stories import workflow
from stories.models import ReviewAnswer, ReviewLink, StoryStatus
from tests.factories import StoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def portal(client, researcher):
    client.force_login(researcher)
    return client


def detail(client, story, language="th"):
    with translation.override(language):
        url = reverse("portal:story_detail", args=[story.pk])
    return client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()


def post_urls(page):
    return re.findall(r'<form method="post" action="([^"]+)"', page)


def test_a_draft_offers_its_author_only_submitting(portal, researcher):
    story = StoryFactory(draft=True, author=researcher)

    page = detail(portal, story)

    assert reverse("portal:story_submit", args=[story.pk]) in post_urls(page)
    assert "/workflow/" not in page
    assert "ส่งให้พิจารณา" in page


def test_a_submitted_story_offers_no_submit_button(portal, researcher):
    story = StoryFactory(status=StoryStatus.SUBMITTED, published_at=None, author=researcher)

    page = detail(portal, story)

    assert reverse("portal:story_submit", args=[story.pk]) not in post_urls(page)


def test_the_author_reads_the_note_staff_left_line_by_line(portal, researcher, programme_staff):
    story = StoryFactory(status=StoryStatus.SUBMITTED, published_at=None, author=researcher)
    workflow.story_request_changes(story=story, by=programme_staff, note="ขอรูปเพิ่ม\nแก้ชื่อร้าน")

    page = detail(portal, story)

    note = page[page.index('class="staff-note"') :]
    assert "บันทึกจากเจ้าหน้าที่โครงการ" in note
    assert "ขอรูปเพิ่ม<br>แก้ชื่อร้าน" in note[: note.index("</section>")]


def test_submitting_from_the_story_page_says_so_in_thai(portal, researcher):
    story = StoryFactory(draft=True, author=researcher)

    response = portal.post(
        reverse("portal:story_submit", args=[story.pk]), HTTP_ACCEPT_LANGUAGE="th", follow=True
    )

    story.refresh_from_db()
    assert story.status == StoryStatus.SUBMITTED
    assert "ส่งเรื่องของคุณให้เจ้าหน้าที่พิจารณาแล้ว" in response.content.decode()


def test_an_active_link_has_a_copy_button_and_other_links_show_their_state(portal, researcher):
    story = StoryFactory(draft=True, author=researcher)
    active = workflow.review_link_create(story=story, by=researcher)
    later = timezone.now() + datetime.timedelta(days=3)
    ReviewLink.objects.create(story=story, expires_at=later, revoked_at=timezone.now())
    answered = ReviewLink.objects.create(story=story, expires_at=later)
    ReviewAnswer.objects.create(link=answered, story=story, decision="approve", name="สมชาย")

    page = detail(portal, story)

    assert page.count('class="copy-button"') == 1
    assert f'data-copy-from="review-link-{active.pk}"' in page
    assert workflow.review_link_token(active) in page
    assert workflow.review_link_token(answered) not in page
    states = re.findall(r"review-link-state--(\w+)", page)
    assert sorted(states) == ["active", "answered", "revoked"]
    assert reverse("portal:review_link_revoke", args=[story.pk, active.pk]) in post_urls(page)
    assert '<script defer src="/static/js/copy-button.js"></script>' in page


def test_a_published_story_takes_no_new_review_links(portal, researcher):
    story = StoryFactory(author=researcher)

    page = detail(portal, story)

    assert reverse("portal:review_link_create", args=[story.pk]) not in post_urls(page)


def test_get_on_the_portals_story_actions_is_405(portal, researcher):
    story = StoryFactory(draft=True, author=researcher)
    link = workflow.review_link_create(story=story, by=researcher)

    for url in (
        reverse("portal:story_submit", args=[story.pk]),
        reverse("portal:review_link_create", args=[story.pk]),
        reverse("portal:review_link_revoke", args=[story.pk, link.pk]),
    ):
        assert portal.get(url).status_code == 405


def test_a_researcher_cannot_revoke_a_link_of_someone_elses_story(portal, researcher):
    other = StoryFactory(draft=True)
    link = workflow.review_link_create(story=other, by=None)

    response = portal.post(reverse("portal:review_link_revoke", args=[other.pk, link.pk]))

    link.refresh_from_db()
    assert response.status_code == 404
    assert link.revoked_at is None


@pytest.mark.parametrize(("language", "shown"), [("th", "1 มีนาคม 2568"), ("en", "March 1, 2025")])
def test_the_history_shows_dates_in_the_screens_era(portal, researcher, language, shown):
    story = StoryFactory(draft=True, author=researcher)
    workflow.story_submit(story=story, by=researcher)
    story.transitions.update(created_at=datetime.datetime(2025, 3, 1, 3, 0, tzinfo=datetime.UTC))

    page = detail(portal, story, language)

    history = page[page.index('id="workflow-history"') :]
    history = re.sub(r"<[^>]+>", "", history[: history.index("</ol>")])
    assert shown in history
    assert ("2025" in history) == (language == "en")


def test_one_click_makes_a_link_and_hands_its_address_to_the_pages_script(portal, researcher):
    story = StoryFactory(draft=True, author=researcher)

    response = portal.post(
        reverse("portal:review_link_create", args=[story.pk]), HTTP_ACCEPT="application/json"
    )

    link = story.review_links.get()
    assert response.status_code == 201
    assert response.json()["url"].endswith(f"/portal/review/{workflow.review_link_token(link)}/")
    assert response.json()["next"] == reverse("portal:story_detail", args=[story.pk]) + (
        "#review-links"
    )
