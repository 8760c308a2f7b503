"""Interviewees answer a review link: approve or ask for corrections, once; the author and
staff are told by email, and the answer is shown to them in the portal and the admin."""

import datetime

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from stories import workflow
from stories.models import ReviewAnswer, ReviewDecision, StoryStatus
from tests.factories import ProgrammeStaffFactory, StoryFactory, UserProfileFactory
from tests.pages import url_in

pytestmark = pytest.mark.django_db

WORDS = {
    "th": {
        "approve": "เห็นชอบ",
        "correct": "ขอแก้ไข",
        "say_what": "โปรดระบุว่าควรแก้ไขอะไร",
        "name": "โปรดกรอกชื่อของคุณ",
        "answered": "ลิงก์สำหรับตรวจทานนี้ได้รับคำตอบแล้ว",
    },
    "en": {
        "approve": "I approve",
        "correct": "Please correct",
        "say_what": "Say what should be corrected.",
        "name": "This field is required.",
        "answered": "This review link has already been answered",
    },
}


@pytest.fixture
def story(researcher):
    return StoryFactory(status=StoryStatus.SUBMITTED, author=researcher, title_th="ตลาดน้ำ")


def review_url(link, language="th"):
    return url_in(language, "portal:review", token=workflow.review_link_token(link))


@pytest.fixture
def link(story):
    return workflow.review_link_create(story=story, by=story.author)


@pytest.fixture
def answer(client, django_capture_on_commit_callbacks):
    """POST an answer as a browser would, running the emails that follow the commit."""

    def post(url, **data):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data)

    return post


@pytest.mark.parametrize("language", ["th", "en"])
def test_the_review_page_offers_the_two_answers_and_no_sharing(client, link, language):
    response = client.get(review_url(link, language))
    page = response.content.decode()

    assert response.status_code == 200
    assert WORDS[language]["approve"] in page and WORDS[language]["correct"] in page
    assert 'name="csrfmiddlewaretoken"' in page
    assert "sharer.php" not in page and "social-plugins.line.me" not in page
    assert "og:" not in page and "twitter:" not in page and 'rel="canonical"' not in page
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    # Other sites get no Referer with the token; this page's own form keeps its Origin
    # (tests/browser/test_thai_journey.py answers it in Chromium).
    assert response["Referrer-Policy"] == "same-origin"


def test_the_public_story_page_still_offers_sharing(client):
    story = StoryFactory()

    page = client.get(story.get_absolute_url()).content.decode()

    assert "sharer.php" in page and 'property="og:title"' in page


def test_approving_stores_the_answer_and_tells_the_author_and_staff(
    client, link, story, researcher, answer
):
    staff = ProgrammeStaffFactory()
    UserProfileFactory(user=staff, language="en")

    response = answer(review_url(link), decision="approve", name="  สมศรี ใจดี  ", comment="")

    assert response.status_code == 302
    stored = ReviewAnswer.objects.get()
    assert (stored.link, stored.story, stored.decision) == (link, story, ReviewDecision.APPROVE)
    assert stored.name == "สมศรี ใจดี"
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {researcher.email, staff.email}
    to_author, to_staff = by_address[researcher.email], by_address[staff.email]
    assert to_author.subject == "คำตอบการตรวจทาน (เห็นชอบ): ตลาดน้ำ"
    assert "สมศรี ใจดี" in to_author.body
    assert f"/portal/stories/{story.pk}/" in to_author.body
    assert to_staff.subject == f"Review answer (I approve): {story.title_en}"
    assert f"/admin/stories/story/{story.pk}/change/" in to_staff.body


@pytest.mark.parametrize("language", ["th", "en"])
def test_after_the_answer_the_page_shows_it_and_no_form(client, link, answer, language):
    answer(review_url(link), decision="correct", name="สมชาย", comment="ชื่อร้านสะกดผิด")

    page = client.get(review_url(link, language)).content.decode()

    assert "สมชาย" in page and "ชื่อร้านสะกดผิด" in page
    assert WORDS[language]["correct"] in page
    assert 'name="decision"' not in page and "<form" not in page.split("review-answer")[-1]


@pytest.mark.parametrize("language", ["th", "en"])
def test_a_second_answer_is_refused_with_a_clear_message(client, link, answer, language):
    answer(review_url(link), decision="approve", name="สมศรี")
    mail.outbox.clear()

    response = answer(
        review_url(link, language), decision="correct", name="คนอื่น", comment="แก้ทั้งหมด"
    )

    assert response.status_code == 409
    assert WORDS[language]["answered"] in response.content.decode()
    stored = ReviewAnswer.objects.get()
    assert (stored.decision, stored.name) == (ReviewDecision.APPROVE, "สมศรี")
    assert mail.outbox == []


@pytest.mark.parametrize("language", ["th", "en"])
def test_asking_for_corrections_needs_a_comment(client, link, answer, language):
    response = answer(review_url(link, language), decision="correct", name="สมชาย", comment=" ")

    assert response.status_code == 400
    page = response.content.decode()
    assert WORDS[language]["say_what"] in page
    assert 'value="สมชาย"' in page
    assert not ReviewAnswer.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize("language", ["th", "en"])
def test_an_answer_needs_a_name(client, link, answer, language):
    response = answer(review_url(link, language), decision="approve", name="   ")

    assert response.status_code == 400
    assert not ReviewAnswer.objects.exists()
    if language == "th":
        assert "ฟิลด์นี้จำเป็น" in response.content.decode()
    else:
        assert WORDS["en"]["name"] in response.content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {"decision": "publish", "name": "สมชาย"},
        {"name": "สมชาย"},
        {"decision": "approve", "name": "ก" * 201},
        {"decision": "correct", "name": "สมชาย", "comment": "ก" * 5001},
    ],
)
def test_bad_input_is_a_400_and_stores_nothing(client, link, answer, data):
    response = answer(review_url(link), **data)

    assert response.status_code == 400
    assert not ReviewAnswer.objects.exists()


def test_the_answer_needs_the_csrf_token(link):
    browser = Client(enforce_csrf_checks=True)

    response = browser.post(review_url(link), {"decision": "approve", "name": "สมศรี"})

    assert response.status_code == 403
    assert not ReviewAnswer.objects.exists()


def test_the_answer_form_posts_with_its_token(link):
    browser = Client(enforce_csrf_checks=True)
    browser.get(review_url(link))
    token = browser.cookies["csrftoken"].value

    response = browser.post(
        review_url(link), {"decision": "approve", "name": "สมศรี", "csrfmiddlewaretoken": token}
    )

    assert response.status_code == 302
    assert ReviewAnswer.objects.count() == 1


def test_other_methods_are_refused(client, link):
    assert client.put(review_url(link)).status_code == 405


def dead_links(link):
    yield "revoked", lambda: workflow.review_link_revoke(link=link)

    def expire():
        link.expires_at = timezone.now() - datetime.timedelta(seconds=1)
        link.save()

    yield "expired", expire
    yield "published", lambda: workflow.story_publish(story=link.story)


@pytest.mark.parametrize("how", ["revoked", "expired", "published"])
def test_a_dead_link_takes_no_answer(client, link, answer, how):
    dict(dead_links(link))[how]()

    response = answer(review_url(link), decision="approve", name="สมศรี")

    assert response.status_code == 404
    assert not ReviewAnswer.objects.exists()


def test_a_forged_link_takes_no_answer(client, link, answer):
    url = review_url(link).replace(workflow.review_link_token(link), f"{link.pk}:forged")

    response = answer(url, decision="approve", name="สมศรี")

    assert response.status_code == 404
    assert not ReviewAnswer.objects.exists()


@pytest.mark.parametrize(
    ("language", "heading"),
    [("th", "คำตอบจากลิงก์สำหรับตรวจทาน"), ("en", "Answers from review links")],
)
def test_the_author_sees_the_answer_in_the_portal(
    client, link, story, researcher, answer, language, heading
):
    answer(review_url(link), decision="correct", name="สมชาย", comment="ชื่อร้านสะกดผิด")
    client.force_login(researcher)

    page = client.get(url_in(language, "portal:story_detail", pk=story.pk)).content.decode()

    assert heading in page
    assert "สมชาย" in page and "ชื่อร้านสะกดผิด" in page
    assert WORDS[language]["correct"] in page


def test_staff_see_the_answer_in_the_admin(client, link, story, programme_staff, answer):
    answer(review_url(link), decision="correct", name="สมชาย", comment="ชื่อร้านสะกดผิด")
    client.force_login(programme_staff)

    response = client.get(reverse("admin:stories_story_change", args=[story.pk]))

    page = response.content.decode()
    assert response.status_code == 200
    assert "คำตอบการตรวจทาน" in page
    assert "สมชาย" in page and "ชื่อร้านสะกดผิด" in page and "ขอแก้ไข" in page


def test_the_workflow_refuses_a_second_answer_to_the_same_link(link):
    workflow.review_answer_give(link=link, decision="approve", name="สมศรี")

    with pytest.raises(workflow.ReviewAlreadyAnswered):
        workflow.review_answer_give(link=link, decision="approve", name="สมศรี")


def test_a_story_author_who_is_staff_gets_one_email(programme_staff, answer):
    story = StoryFactory(draft=True, author=programme_staff)
    link = workflow.review_link_create(story=story, by=programme_staff)

    answer(review_url(link), decision="approve", name="สมศรี")

    assert [message.to for message in mail.outbox] == [[programme_staff.email]]
