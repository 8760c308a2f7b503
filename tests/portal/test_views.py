"""The researcher portal: the permission matrix (role × action × own/other's story), drafts,
submission, preview and review links."""

import datetime
import io
import time

import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from projects.models import Person
from stories import workflow
from stories.models import Story, StoryStatus
from tests.factories import (
    CityFactory,
    PersonFactory,
    ResearcherFactory,
    StoryFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def png(size=(8, 6)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "green").save(buffer, format="PNG")
    return SimpleUploadedFile("photo.png", buffer.getvalue(), content_type="image/png")


def draft_data(**overrides):
    city = overrides.pop("city", None) or CityFactory()
    data = {
        "title_th": "ตลาดเช้าเมืองเก่า",
        "excerpt_th": "เรื่องของแม่ค้าในตลาดเช้า",
        "body_th": "<p>เนื้อเรื่อง</p>",
        "kind": "interview",
        "city": city.pk,
        "tags": "ตลาด, เมืองเก่า",
    }
    data.update(overrides)
    return data


# --- The permission matrix --------------------------------------------------------------

ROLES = ["anonymous", "no_role", "researcher_own", "researcher_other", "programme_staff"]
GET_ACTIONS = ["dashboard", "story_create", "story_detail", "story_edit", "story_preview"]
EXPECTED_GET = {
    # role: {action: status}
    "anonymous": dict.fromkeys(GET_ACTIONS, 302),
    "no_role": dict.fromkeys(GET_ACTIONS, 403),
    "researcher_own": dict.fromkeys(GET_ACTIONS, 200),
    "researcher_other": {
        "dashboard": 200,
        "story_create": 200,
        "story_detail": 404,
        "story_edit": 404,
        "story_preview": 404,
    },
    "programme_staff": {
        "dashboard": 200,
        "story_create": 200,
        "story_detail": 404,
        "story_edit": 404,
        "story_preview": 200,
    },
}


@pytest.fixture
def as_role(client, programme_staff):
    """Log the client in as `role`; return the draft story that role acts on."""

    def login(role):
        author = ResearcherFactory()
        story = StoryFactory(draft=True, author=author)
        user = {
            "anonymous": None,
            "no_role": UserFactory(),
            "researcher_own": author,
            "researcher_other": ResearcherFactory(),
            "programme_staff": programme_staff,
        }[role]
        if user:
            client.force_login(user)
        return story

    return login


def url_for(action, story):
    if action in ("dashboard", "story_create"):
        return reverse(f"portal:{action}")
    return reverse(f"portal:{action}", args=[story.pk])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", GET_ACTIONS)
def test_portal_page_access(client, as_role, role, action):
    story = as_role(role)

    response = client.get(url_for(action, story))

    assert response.status_code == EXPECTED_GET[role][action]


POST_ACTIONS = ["story_submit", "review_link_create"]
EXPECTED_POST = {
    "anonymous": 302,
    "no_role": 403,
    "researcher_own": 302,
    "researcher_other": 404,
    "programme_staff": 404,
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", POST_ACTIONS)
def test_portal_action_access(client, as_role, role, action):
    story = as_role(role)

    response = client.post(url_for(action, story))

    assert response.status_code == EXPECTED_POST[role]
    story.refresh_from_db()
    submitted = role == "researcher_own" and action == "story_submit"
    assert story.status == (StoryStatus.SUBMITTED if submitted else StoryStatus.DRAFT)
    made_link = role == "researcher_own" and action == "review_link_create"
    assert story.review_links.exists() == made_link


def test_anonymous_visitors_are_sent_to_the_portal_login(client):
    response = client.get(reverse("portal:dashboard"))

    assert response.url.startswith(reverse("portal:login"))


def test_a_researcher_cannot_reach_the_admin(client, researcher):
    client.force_login(researcher)

    response = client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert "/admin/login/" in response.url


def test_a_researcher_cannot_open_a_story_in_the_admin(client, researcher):
    story = StoryFactory(draft=True, author=researcher)
    client.force_login(researcher)

    response = client.get(reverse("admin:stories_story_change", args=[story.pk]))

    assert response.status_code == 302


def test_programme_staff_reach_the_admin(client, programme_staff):
    client.force_login(programme_staff)

    assert client.get(reverse("admin:stories_story_changelist")).status_code == 200


def test_the_portal_works_in_english(client, researcher):
    client.force_login(researcher)

    response = client.get("/en/portal/")

    assert response.status_code == 200
    assert b"My stories" in response.content


# --- Drafts ------------------------------------------------------------------------------


def test_a_researcher_saves_a_new_draft_as_its_author(client, researcher):
    client.force_login(researcher)

    response = client.post(reverse("portal:story_create"), draft_data())

    story = Story.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("portal:story_edit", args=[story.pk])
    assert story.author == researcher
    assert story.status == StoryStatus.DRAFT
    assert story.title_th == "ตลาดเช้าเมืองเก่า"
    assert story.slug.isascii()
    assert sorted(story.tags.names()) == ["ตลาด", "เมืองเก่า"]


def test_a_draft_needs_a_thai_title_and_keeps_what_was_typed(client, researcher):
    client.force_login(researcher)

    response = client.post(
        reverse("portal:story_create"), draft_data(title_th="", excerpt_th="บทคัดย่อที่พิมพ์ไว้")
    )

    assert response.status_code == 400
    assert "บทคัดย่อที่พิมพ์ไว้" in response.content.decode()
    assert not Story.objects.exists()


def test_the_body_is_sanitized_on_save(client, researcher):
    client.force_login(researcher)

    client.post(
        reverse("portal:story_create"),
        draft_data(body_th='<p onclick="x()">ดี</p><script>alert(1)</script>'),
    )

    assert Story.objects.get().body_th == "<p>ดี</p>"


def test_a_photo_needs_alt_text(client, researcher, media_root):
    client.force_login(researcher)

    response = client.post(reverse("portal:story_create"), draft_data(hero_image=png()))

    assert response.status_code == 400
    assert "hero_image_alt_th" in response.context["form"].errors


def test_a_photo_is_stored_re_encoded_under_a_random_name(client, researcher, media_root):
    client.force_login(researcher)

    client.post(
        reverse("portal:story_create"),
        draft_data(hero_image=png(), hero_image_alt_th="แม่ค้ากับตะกร้าผัก"),
    )

    story = Story.objects.get()
    name = story.hero_image.name
    assert name.startswith("stories/") and name.endswith(".png")
    assert "photo" not in name


def test_a_rejected_upload_leaves_the_saved_draft_intact(client, researcher, media_root):
    story = StoryFactory(draft=True, author=researcher, title_th="ชื่อเดิม")
    client.force_login(researcher)
    fake = SimpleUploadedFile("photo.jpg", b"GIF89a<script>alert(1)</script>")

    response = client.post(
        reverse("portal:story_edit", args=[story.pk]),
        draft_data(title_th="ชื่อใหม่ที่พิมพ์", hero_image=fake, hero_image_alt_th="ภาพ"),
    )

    assert response.status_code == 400
    assert "hero_image" in response.context["form"].errors
    assert "ชื่อใหม่ที่พิมพ์" in response.content.decode()
    story.refresh_from_db()
    assert story.title_th == "ชื่อเดิม"


def test_choosing_existing_people_and_naming_a_new_one(client, researcher):
    known = PersonFactory()
    client.force_login(researcher)

    client.post(
        reverse("portal:story_create"),
        draft_data(people=[known.pk], new_people="ป้าสมศรี ขายผัก"),
    )

    story = Story.objects.get()
    new = Person.objects.get(name_th="ป้าสมศรี ขายผัก")
    assert set(story.people.all()) == {known, new}
    assert not new.is_published  # staff confirm new people


def test_save_and_submit_sends_the_story_for_review(client, researcher):
    client.force_login(researcher)

    client.post(reverse("portal:story_create"), draft_data(submit="1"))

    assert Story.objects.get().status == StoryStatus.SUBMITTED


def test_a_submitted_story_cannot_be_changed_by_its_author(client, researcher):
    story = StoryFactory(status=StoryStatus.SUBMITTED, author=researcher, title_th="ส่งแล้ว")
    client.force_login(researcher)

    response = client.post(
        reverse("portal:story_edit", args=[story.pk]), draft_data(title_th="แก้แอบ")
    )

    assert response.status_code == 302
    story.refresh_from_db()
    assert story.title_th == "ส่งแล้ว"


def test_changes_requested_reopens_the_story_and_shows_the_note(
    client, researcher, programme_staff
):
    story = StoryFactory(status=StoryStatus.SUBMITTED, author=researcher)
    workflow.story_request_changes(story=story, by=programme_staff, note="เพิ่มรูปตลาด")
    client.force_login(researcher)

    response = client.get(reverse("portal:story_edit", args=[story.pk]))

    assert response.status_code == 200
    assert "เพิ่มรูปตลาด" in response.content.decode()


def test_the_dashboard_lists_only_my_stories_with_the_latest_note(
    client, researcher, programme_staff
):
    mine = StoryFactory(status=StoryStatus.SUBMITTED, author=researcher, title_th="ของฉัน")
    StoryFactory(draft=True, author=ResearcherFactory(), title_th="ของคนอื่น")
    workflow.story_request_changes(story=mine, by=programme_staff, note="โน้ตล่าสุด")
    client.force_login(researcher)

    page = client.get(reverse("portal:dashboard")).content.decode()

    assert "ของฉัน" in page and "โน้ตล่าสุด" in page
    assert "ของคนอื่น" not in page


def test_the_author_sees_the_history(client, researcher, programme_staff):
    story = StoryFactory(status=StoryStatus.SUBMITTED, author=researcher)
    workflow.story_request_changes(story=story, by=programme_staff, note="ตรวจแล้ว")
    client.force_login(researcher)

    response = client.get(reverse("portal:story_detail", args=[story.pk]))

    assert list(response.context["transitions"]) == list(story.transitions.all())
    assert "ตรวจแล้ว" in response.content.decode()


def test_the_preview_shows_the_public_page_and_is_not_cached(client, researcher):
    story = StoryFactory(draft=True, author=researcher, title_th="ร่างเรื่อง")
    client.force_login(researcher)

    response = client.get(reverse("portal:story_preview", args=[story.pk]))

    assert "stories/story_detail.html" in [t.name for t in response.templates]
    assert "Only you and programme staff" in response.content.decode() or (
        "เฉพาะคุณและเจ้าหน้าที่" in response.content.decode()
    )
    assert "ร่างเรื่อง" in response.content.decode()
    assert "no-cache" in response["Cache-Control"]


def test_the_public_page_of_a_draft_stays_hidden_from_its_researcher(client, researcher):
    story = StoryFactory(draft=True, author=researcher)
    client.force_login(researcher)

    assert client.get(story.get_absolute_url()).status_code == 404


# --- Review links ------------------------------------------------------------------------


def make_link(story, by=None, days=14):
    link = workflow.review_link_create(story=story, by=by, days=days)
    return link, reverse("portal:review", args=[workflow.review_link_token(link)])


def test_a_review_link_shows_the_story_to_anyone_holding_it(client):
    story = StoryFactory(status=StoryStatus.SUBMITTED, title_th="เรื่องรอตรวจ")
    _link, url = make_link(story)

    response = client.get(url)

    assert response.status_code == 200
    assert "เรื่องรอตรวจ" in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_a_revoked_review_link_is_dead(client):
    link, url = make_link(StoryFactory(draft=True))

    workflow.review_link_revoke(link=link)

    assert client.get(url).status_code == 404


def test_a_review_link_dies_when_the_story_is_published(client):
    story = StoryFactory(status=StoryStatus.SUBMITTED)
    _link, url = make_link(story)

    workflow.story_publish(story=story)

    assert client.get(url).status_code == 404


def test_an_expired_review_link_is_dead(client):
    link, url = make_link(StoryFactory(draft=True))
    link.expires_at = timezone.now() - datetime.timedelta(seconds=1)
    link.save()

    assert client.get(url).status_code == 404


def test_a_forged_review_link_is_dead(client):
    link, url = make_link(StoryFactory(draft=True))
    forged = url.replace(workflow.review_link_token(link), f"{link.pk + 1}:forged")

    assert client.get(forged).status_code == 404


def test_a_review_links_address_is_the_same_every_time_it_is_shown(monkeypatch):
    link, url = make_link(StoryFactory(draft=True))
    later = time.time() + 3600
    monkeypatch.setattr(signing.time, "time", lambda: later)

    assert reverse("portal:review", args=[workflow.review_link_token(link)]) == url


def test_an_address_given_out_with_its_time_still_opens_the_link(client):
    link, _url = make_link(StoryFactory(draft=True))
    timed = signing.dumps(link.pk, salt=workflow.REVIEW_LINK_SALT, compress=True)

    assert client.get(reverse("portal:review", args=[timed])).status_code == 200


def test_an_address_with_its_time_is_dead_once_older_than_a_link_lives(client, monkeypatch):
    link, _url = make_link(StoryFactory(draft=True))
    long_ago = time.time() - datetime.timedelta(days=16).total_seconds()
    monkeypatch.setattr(signing.time, "time", lambda: long_ago)
    timed = signing.dumps(link.pk, salt=workflow.REVIEW_LINK_SALT, compress=True)
    monkeypatch.undo()

    assert client.get(reverse("portal:review", args=[timed])).status_code == 404


def test_an_address_signed_for_something_else_is_dead(client):
    link, _url = make_link(StoryFactory(draft=True))
    other = signing.Signer(salt="portal.something-else").sign_object(link.pk, compress=True)

    assert client.get(reverse("portal:review", args=[other])).status_code == 404


def test_no_review_link_for_a_published_story():
    with pytest.raises(workflow.IllegalTransition):
        workflow.review_link_create(story=StoryFactory(), by=None)


def test_the_author_revokes_a_review_link_from_the_portal(client, researcher):
    story = StoryFactory(draft=True, author=researcher)
    link, url = make_link(story, by=researcher)
    client.force_login(researcher)

    client.post(reverse("portal:review_link_revoke", args=[story.pk, link.pk]))

    client.logout()
    assert client.get(url).status_code == 404


def test_a_researcher_cannot_revoke_another_researchers_link(client, researcher):
    story = StoryFactory(draft=True, author=ResearcherFactory())
    link, _url = make_link(story)
    client.force_login(researcher)

    response = client.post(reverse("portal:review_link_revoke", args=[story.pk, link.pk]))

    assert response.status_code == 404
    link.refresh_from_db()
    assert link.revoked_at is None


def test_the_dashboard_costs_the_same_queries_for_few_or_many_stories(
    client, researcher, programme_staff, django_assert_max_num_queries, django_assert_num_queries
):
    def add(n):
        for story in StoryFactory.create_batch(n, status=StoryStatus.SUBMITTED, author=researcher):
            workflow.story_request_changes(story=story, by=programme_staff, note="แก้ไข")

    client.force_login(researcher)
    add(3)
    client.get(reverse("portal:dashboard"))
    with django_assert_max_num_queries(10) as few:
        client.get(reverse("portal:dashboard"))
    add(20)
    with django_assert_num_queries(len(few)):
        client.get(reverse("portal:dashboard"))
