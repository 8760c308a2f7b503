"""Staff edit and translate story bodies in the admin with the same rich-text editor."""

import pytest

from stories.models import Story
from tests.factories import PASSWORD, ProgrammeStaffFactory, StoryFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_staff_write_the_english_body_in_the_rich_text_editor(
    live_server, desktop_page, screenshot
):
    staff = ProgrammeStaffFactory()
    story = StoryFactory(body_th="<p>เนื้อเรื่องภาษาไทย</p>", body_en="")
    page = desktop_page
    page.goto(live_server.url + "/admin/login/")
    page.fill("input[name=username]", staff.username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("input[type=submit]").click()
    page.wait_for_load_state()

    page.goto(f"{live_server.url}/admin/stories/story/{story.pk}/change/")
    assert page.locator(".prose-editor").count() == 2
    page.locator("a[href='#tab_id_body_en']").click()
    editor = page.locator(".prose-editor:has(textarea[name=body_en]) [contenteditable=true]")
    editor.click()
    editor.type("Every Saturday morning the market fills up.")
    screenshot(page, "admin-story-editor-desktop")
    page.locator("input[name=_save]").click()
    page.wait_for_load_state()

    story = Story.objects.get(pk=story.pk)
    assert story.body_en == "<p>Every Saturday morning the market fills up.</p>"
    assert story.body_th == "<p>เนื้อเรื่องภาษาไทย</p>"
