"""In a Thai browser the editor's menus speak Thai, and forms are set in Sarabun at 16 px+."""

import pytest

from tests.factories import PASSWORD, ProgrammeStaffFactory, ResearcherFactory, StoryFactory

pytestmark = pytest.mark.django_db(transaction=True)

ENGLISH_LABELS = ("Heading 2", "Heading 3", "Paragraph", "bold", "italic", "undo", "blockquote")


def _menu_labels(page):
    return page.evaluate(
        """() => [...document.querySelectorAll('.prose-menubar [title], .prose-menubar *')]
            .flatMap(e => [e.getAttribute('title'), e.getAttribute('aria-label'),
                // an icon's text is the name of its glyph, not shown
                e.children.length || e.matches('.material-icons') ? null : e.textContent])
            .filter(Boolean)"""
    )


def _font(page, selector):
    return page.evaluate(
        """(selector) => { const style = getComputedStyle(document.querySelector(selector));
            return [style.fontFamily, parseFloat(style.fontSize)]; }""",
        selector,
    )


def test_the_portal_editor_and_inputs_are_thai_and_readable(live_server, desktop_page):
    researcher = ResearcherFactory()
    story = StoryFactory(draft=True, author=researcher)
    page = desktop_page
    page.goto(live_server.url + "/portal/login/")
    page.fill("input[name=username]", researcher.username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()

    page.goto(f"{live_server.url}/portal/stories/{story.pk}/edit/")
    page.wait_for_selector("textarea[data-rich-text-ready]", state="attached")
    labels = _menu_labels(page)
    assert "ตัวหนา" in labels
    assert set(ENGLISH_LABELS) & set(labels) == set()
    family, size = _font(page, "input[name=title_th]")
    assert family.startswith('"Sarabun"') or family.startswith("Sarabun")
    assert size >= 16


def test_the_admin_language_button_and_inputs_use_sarabun_at_16_px(live_server, desktop_page):
    staff = ProgrammeStaffFactory()
    story = StoryFactory()
    page = desktop_page
    page.goto(live_server.url + "/admin/login/")
    page.fill("input[name=username]", staff.username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("input[type=submit]").click()
    page.wait_for_load_state()

    page.goto(f"{live_server.url}/admin/stories/story/{story.pk}/change/")
    page.wait_for_selector("textarea[data-rich-text-ready]", state="attached")
    assert "ย่อหน้า" in _menu_labels(page) or "ตัวหนา" in _menu_labels(page)
    for selector in (".admin-language button", "input[name=title_th]"):
        family, size = _font(page, selector)
        assert "Sarabun" in family.split(",")[0], selector
        assert size >= 16, selector
