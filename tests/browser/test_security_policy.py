"""The Content-Security-Policy blocks nothing the site and its admin need."""

import pytest

from tests.factories import PASSWORD, StaffUserFactory, StoryFactory, StoryPersonFactory

pytestmark = pytest.mark.django_db(transaction=True)

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


def violations(page):
    return page.evaluate("window.__cspViolations")


def test_public_pages_break_no_rule_of_the_policy(seeded_live_server, desktop_page):
    desktop_page.add_init_script(RECORD_VIOLATIONS)
    for path in ("/", "/cities/chiang-mai/", "/stories/", "/en/privacy/"):
        desktop_page.goto(seeded_live_server.url + path)

        assert violations(desktop_page) == [], path


def test_the_admin_story_form_works_under_the_policy(live_server, desktop_page, screenshot):
    StaffUserFactory(username="editor", is_superuser=True)
    story = StoryFactory(title_en="A story in English")
    StoryPersonFactory(story=story)
    desktop_page.add_init_script(RECORD_VIOLATIONS)
    desktop_page.goto(live_server.url + "/admin/login/")
    desktop_page.fill("#id_username", "editor")
    desktop_page.fill("#id_password", PASSWORD)
    desktop_page.click("input[type=submit]")

    desktop_page.goto(f"{live_server.url}/admin/stories/story/{story.pk}/change/")
    desktop_page.click('a.ui-tabs-anchor[href="#tab_id_title_en"]')

    assert desktop_page.locator("#id_title_en").is_visible()
    assert desktop_page.locator("#id_title_en").input_value() == "A story in English"
    assert violations(desktop_page) == []
    screenshot(desktop_page, "admin-story-under-csp")
