import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_home_page_renders_thai_in_the_sites_own_font(seeded_live_server, phone_page, screenshot):
    phone_page.goto(seeded_live_server.url + "/")

    assert phone_page.locator("h1").count() == 1
    assert phone_page.locator("html").get_attribute("lang") == "th"
    assert phone_page.get_by_role("link", name="เชียงใหม่").first.is_visible()
    loaded_families = phone_page.evaluate(
        "document.fonts.ready.then(fonts => [...fonts]"
        ".filter(face => face.status === 'loaded').map(face => face.family))"
    )
    assert any("Sarabun" in family for family in loaded_families)
    screenshot(phone_page, "home-phone-th")


def test_language_switcher_keeps_the_reader_on_the_same_page(seeded_live_server, desktop_page):
    desktop_page.goto(seeded_live_server.url + "/cities/chiang-mai/")

    desktop_page.get_by_role("link", name="English").click()

    assert desktop_page.url == seeded_live_server.url + "/en/cities/chiang-mai/"
    assert desktop_page.locator("h1").inner_text() == "Chiang Mai"
