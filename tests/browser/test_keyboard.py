"""Reading the site with a keyboard: skip link, visible focus, menus and the language switch."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def tab_to(page, name, limit=15):
    """Press Tab until the focused element's text is `name`; return how many presses it took."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.textContent.trim()") == name:
            return presses
    raise AssertionError(f"{name!r} cannot be reached with the Tab key")


def test_the_first_tab_shows_the_skip_link_and_it_jumps_to_the_content(
    seeded_live_server, phone_page
):
    phone_page.goto(seeded_live_server.url + "/stories/")

    assert tab_to(phone_page, "ข้ามไปยังเนื้อหา") == 1
    box = phone_page.evaluate("() => document.activeElement.getBoundingClientRect().toJSON()")
    assert box["left"] >= 0 and box["top"] >= 0 and box["width"] > 0
    phone_page.keyboard.press("Enter")
    assert phone_page.evaluate("() => document.activeElement.id") == "main"


def test_the_focused_link_has_a_visible_outline(seeded_live_server, desktop_page):
    desktop_page.goto(seeded_live_server.url + "/")
    tab_to(desktop_page, "เมือง")

    outline = desktop_page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, parseFloat(s.outlineWidth)]; }"
    )

    assert outline[0] != "none" and outline[1] >= 2


def test_the_language_switcher_works_from_the_keyboard(seeded_live_server, phone_page):
    phone_page.goto(seeded_live_server.url + "/stories/")
    tab_to(phone_page, "English")

    phone_page.keyboard.press("Enter")
    phone_page.wait_for_url("**/en/stories/")

    assert phone_page.locator("html").get_attribute("lang") == "en"


def test_the_main_menu_works_from_the_keyboard(seeded_live_server, phone_page):
    phone_page.goto(seeded_live_server.url + "/")
    tab_to(phone_page, "เรื่องราว")

    phone_page.keyboard.press("Enter")
    phone_page.wait_for_url("**/stories/")

    assert phone_page.locator("h1").inner_text() == "เรื่องราว"


def test_login_errors_are_tied_to_their_fields_and_pass_axe(
    seeded_live_server, desktop_page, axe_js
):
    from tests.browser.test_accessibility import axe_violations

    desktop_page.goto(seeded_live_server.url + "/admin/login/")
    desktop_page.evaluate("() => { document.getElementById('login-form').noValidate = true; }")
    desktop_page.locator("#login-form [type=submit]").click()
    desktop_page.wait_for_load_state()

    username = desktop_page.locator("#id_username")
    error_id = username.get_attribute("aria-describedby")
    assert username.get_attribute("aria-invalid") == "true"
    assert desktop_page.locator(f"#{error_id}").inner_text() != ""
    assert axe_violations(desktop_page, axe_js) == []
