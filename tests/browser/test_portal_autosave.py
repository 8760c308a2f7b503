"""A dropped phone connection loses nothing: the draft form keeps a copy in the browser until
the server has it. The copy belongs to one user and one story, goes at logout, and never
silently replaces text that is newer on the server."""

import pytest
from playwright.sync_api import Error as PlaywrightError

from stories.models import Story, StoryStatus
from tests.factories import PASSWORD, ResearcherFactory, StoryFactory

pytestmark = pytest.mark.django_db(transaction=True)

PREFIX = "wecitizens:autosave:"
AUTOSAVED = f"""() => Object.keys(localStorage).filter(k => k.startsWith('{PREFIX}'))"""


def log_in(page, base, user):
    page.goto(base + "/portal/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form [type=submit]").last.click()
    page.wait_for_load_state()


def autosaved(page):
    """{key: stored text} of every autosaved copy in this browser."""
    return {
        key: page.evaluate("k => localStorage.getItem(k)", key) for key in page.evaluate(AUTOSAVED)
    }


def wait_for_copy(page, text):
    page.wait_for_function(
        f"""text => Object.keys(localStorage).some(
            k => k.startsWith('{PREFIX}') && localStorage.getItem(k).includes(text))""",
        arg=text,
    )


def leave_an_unsaved_copy(page, edit_url, title):
    """Type `title` into the story's form and leave it without saving: the copy stays behind."""
    page.goto(edit_url)
    page.fill("input[name=title_th]", title)
    wait_for_copy(page, title)
    page.goto(edit_url.split("/portal/")[0] + "/portal/")


def test_typing_survives_a_dropped_connection_and_is_cleared_once_saved(
    live_server, phone_page, screenshot
):
    log_in(phone_page, live_server.url, ResearcherFactory())
    phone_page.goto(live_server.url + "/portal/stories/new/")
    phone_page.fill("input[name=title_th]", "เรื่องที่พิมพ์ตอนสัญญาณหาย")
    phone_page.fill("textarea[name=excerpt_th]", "บทคัดย่อ")
    wait_for_copy(phone_page, "บทคัดย่อ")

    phone_page.context.set_offline(True)
    phone_page.click("button[name=save]", no_wait_after=True)
    with pytest.raises(PlaywrightError, match="ERR_INTERNET_DISCONNECTED"):
        phone_page.wait_for_url("**/edit/", timeout=3000)
    phone_page.context.set_offline(False)
    assert not Story.objects.exists()

    phone_page.goto(live_server.url + "/portal/stories/new/")
    assert phone_page.input_value("input[name=title_th]") == "เรื่องที่พิมพ์ตอนสัญญาณหาย"
    assert phone_page.locator("[data-autosave-notice]").is_visible()
    screenshot(phone_page, "portal-autosave-restored-phone-th")

    phone_page.click("button[name=save]")
    phone_page.wait_for_url("**/edit/")
    assert Story.objects.get().title_th == "เรื่องที่พิมพ์ตอนสัญญาณหาย"
    assert autosaved(phone_page) == {}


def test_the_next_user_of_the_browser_sees_nothing_of_the_previous_one(live_server, phone_page):
    a, b = ResearcherFactory(), ResearcherFactory()
    log_in(phone_page, live_server.url, a)
    phone_page.goto(live_server.url + "/portal/stories/new/")
    phone_page.fill("input[name=title_th]", "เรื่องลับของเอ")
    phone_page.fill("textarea[name=excerpt_th]", "โทร 081-234-5678")
    wait_for_copy(phone_page, "081-234-5678")
    assert a.username not in " ".join(autosaved(phone_page))  # the key does not name the user

    phone_page.click("nav form [type=submit]")  # Log out
    phone_page.wait_for_url("**/portal/login/")
    assert autosaved(phone_page) == {}

    log_in(phone_page, live_server.url, b)
    phone_page.goto(live_server.url + "/portal/stories/new/")
    assert phone_page.input_value("input[name=title_th]") == ""
    assert phone_page.input_value("textarea[name=excerpt_th]") == ""
    assert not phone_page.locator("[data-autosave-notice]").is_visible()


def test_a_copy_left_by_a_user_whose_session_ended_is_not_shown_to_the_next(
    live_server, phone_page
):
    a, b = ResearcherFactory(), ResearcherFactory()
    log_in(phone_page, live_server.url, a)
    phone_page.goto(live_server.url + "/portal/stories/new/")
    phone_page.fill("input[name=title_th]", "ร่างที่ยังไม่ได้บันทึก")
    wait_for_copy(phone_page, "ร่างที่ยังไม่ได้บันทึก")
    phone_page.context.clear_cookies()  # the session ends without a logout

    log_in(phone_page, live_server.url, b)
    phone_page.goto(live_server.url + "/portal/stories/new/")

    assert phone_page.input_value("input[name=title_th]") == ""
    assert not phone_page.locator("[data-autosave-notice]").is_visible()


def test_a_stale_copy_never_replaces_a_newer_text_on_the_server(
    live_server, desktop_page, screenshot
):
    author = ResearcherFactory()
    story = StoryFactory(author=author, status=StoryStatus.CHANGES_REQUESTED, title_th="ชื่อที่ผู้เขียนส่ง")
    log_in(desktop_page, live_server.url, author)
    edit = f"{live_server.url}/portal/stories/{story.pk}/edit/"
    leave_an_unsaved_copy(desktop_page, edit, "ชื่อที่ยังไม่ได้บันทึก")

    story.refresh_from_db()
    story.title_th = "ชื่อที่เจ้าหน้าที่แก้"
    story.save()  # staff edit the title meanwhile
    desktop_page.goto(edit)

    assert desktop_page.input_value("input[name=title_th]") == "ชื่อที่เจ้าหน้าที่แก้"
    notice = desktop_page.locator("[data-autosave-offer]")
    assert notice.is_visible()
    assert notice.locator("[data-autosave-restore]").is_visible()
    assert notice.locator("[data-autosave-discard]").is_visible()
    screenshot(desktop_page, "portal-autosave-offer-desktop-th")

    desktop_page.click("button[name=save]")
    desktop_page.wait_for_load_state()
    story.refresh_from_db()
    assert story.title_th == "ชื่อที่เจ้าหน้าที่แก้"
    assert autosaved(desktop_page) == {}


def test_the_offered_copy_is_put_back_only_when_asked(live_server, desktop_page):
    author = ResearcherFactory()
    story = StoryFactory(author=author, status=StoryStatus.DRAFT, title_th="ชื่อเดิม")
    log_in(desktop_page, live_server.url, author)
    edit = f"{live_server.url}/portal/stories/{story.pk}/edit/"
    leave_an_unsaved_copy(desktop_page, edit, "ชื่อที่พิมพ์ค้างไว้")
    story.refresh_from_db()
    story.excerpt_th = "บทคัดย่อที่เจ้าหน้าที่เพิ่ม"
    story.save()

    desktop_page.goto(edit)
    desktop_page.click("[data-autosave-restore]")

    assert desktop_page.input_value("input[name=title_th]") == "ชื่อที่พิมพ์ค้างไว้"
    assert not desktop_page.locator("[data-autosave-offer]").is_visible()
    desktop_page.click("button[name=save]")
    desktop_page.wait_for_load_state()
    story.refresh_from_db()
    assert story.title_th == "ชื่อที่พิมพ์ค้างไว้"
    assert autosaved(desktop_page) == {}


def test_submitting_clears_the_copy(live_server, phone_page):
    author = ResearcherFactory()
    story = StoryFactory(author=author, status=StoryStatus.DRAFT)
    log_in(phone_page, live_server.url, author)
    phone_page.goto(f"{live_server.url}/portal/stories/{story.pk}/edit/")
    phone_page.fill("input[name=title_th]", "ส่งให้เจ้าหน้าที่แล้ว")
    wait_for_copy(phone_page, "ส่งให้เจ้าหน้าที่แล้ว")

    phone_page.click("button[name=submit]")
    phone_page.wait_for_url(f"**/portal/stories/{story.pk}/")

    assert Story.objects.get(pk=story.pk).status == StoryStatus.SUBMITTED
    assert autosaved(phone_page) == {}
