import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_reader_follows_a_quote_to_its_page_and_sees_its_card(
    live_server, media_root, phone_page, screenshot
):
    from tests.factories import StoryQuoteFactory

    quote = StoryQuoteFactory(speaker_name_th="ป้าศรี แม่ค้าตลาดเช้า")
    phone_page.goto(live_server.url + quote.story.get_absolute_url())

    figure = phone_page.locator("figure.pull-quote")
    expect(figure.locator("blockquote")).to_contain_text("น้ำใจของคนในชุมชน")
    expect(figure.locator("figcaption")).to_have_text("— ป้าศรี แม่ค้าตลาดเช้า")
    phone_page.get_by_role("link", name="แชร์คำพูดนี้").click()

    phone_page.wait_for_url(f"**/stories/{quote.story.slug}/quotes/1/")
    card = phone_page.locator(".quote-card img")
    expect(card).to_be_visible()
    card.scroll_into_view_if_needed()
    phone_page.wait_for_function("document.querySelector('.quote-card img').complete")
    assert card.evaluate("img => [img.naturalWidth, img.naturalHeight]") == [1200, 630]
    square = phone_page.get_by_role("link", name="ดาวน์โหลดภาพสี่เหลี่ยมจัตุรัส (1080 × 1080) ไว้โพสต์")
    response = phone_page.request.get(live_server.url + square.get_attribute("href"))
    assert response.status == 200 and response.headers["content-type"] == "image/jpeg"
    screenshot(phone_page, "story-quote-phone-th")
