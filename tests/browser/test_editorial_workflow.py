"""The whole editorial round trip in a real browser, as the issue describes it: a researcher
writes a Thai draft with a photo on a phone, previews and submits it; staff request a change;
the researcher fixes and resubmits; staff publish; a reader sees it in Thai and English."""

import io
import re

import pytest
from PIL import Image

from stories.models import Story, StoryStatus
from tests.browser.helpers import log_in
from tests.factories import ProgrammeStaffFactory, ResearcherFactory

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "ตลาดเช้าริมน้ำปิง"
FIXED_TITLE = "ตลาดเช้าริมน้ำปิง เมื่อคนรุ่นใหม่กลับบ้าน"


def photo(tmp_path):
    path = tmp_path / "IMG_0042.jpg"
    image = Image.new("RGB", (64, 48), "orange")
    exif = Image.Exif()
    exif.get_ifd(0x8825).update({1: "N", 2: (18.0, 47.0, 0.0)})
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    path.write_bytes(buffer.getvalue())
    return path


def admin_action(page, base, story, action, **fields):
    page.goto(f"{base}/admin/stories/story/?review=awaiting")
    page.check(f"input[name=_selected_action][value='{story.pk}']")
    page.select_option("select[name=action]", action)
    for name, value in fields.items():
        page.fill(f"input[name={name}]", value)
    page.locator("button[name=index]").click()
    page.wait_for_load_state()


def test_a_story_goes_from_a_researchers_phone_to_the_public_site(
    seeded_live_server, phone_page, desktop_page, chromium, screenshot, media_root, tmp_path
):
    base = seeded_live_server.url
    researcher = ResearcherFactory()
    staff = ProgrammeStaffFactory()

    # The researcher logs in on a phone and writes a Thai draft with a photo.
    log_in(phone_page, base, researcher, "/portal/login/")
    assert phone_page.url == base + "/portal/"
    phone_page.click("a[href='/portal/stories/new/']")
    phone_page.fill("input[name=title_th]", TITLE)
    phone_page.fill("textarea[name=excerpt_th]", "แม่ค้ารุ่นใหม่กับตลาดเช้าที่กลับมามีชีวิต")
    editor = phone_page.locator(".prose-editor [contenteditable=true]").first
    editor.click()
    editor.type("ทุกเช้าวันเสาร์ ตลาดริมน้ำเต็มไปด้วยผู้คน")
    phone_page.select_option("select[name=city]", label="เชียงใหม่")
    phone_page.set_input_files("input[name=hero_image]", str(photo(tmp_path)))
    phone_page.fill("input[name=hero_image_alt_th]", "แม่ค้ายิ้มหน้าแผงผัก")
    screenshot(phone_page, "portal-draft-phone-th")
    phone_page.click("button[name=save]")
    phone_page.wait_for_load_state()

    story = Story.objects.get(title_th=TITLE)
    assert story.author == researcher
    assert "ทุกเช้าวันเสาร์" in story.body_th
    assert "IMG_0042" not in story.hero_image.name
    with Image.open(story.hero_image.path) as stored:
        assert not stored.getexif()

    # Preview: exactly the public page, with the photo.
    phone_page.click(f"a[href='/portal/stories/{story.pk}/preview/']")
    assert phone_page.locator("h1").inner_text() == TITLE
    hero = phone_page.locator("figure.hero img")
    # With srcset width descriptors, naturalWidth is scaled to the slot: check what loaded.
    # Wait for it: on a busy machine the picture may still be arriving when the page shows.
    phone_page.wait_for_function(
        "() => { const img = document.querySelector('figure.hero img');"
        " return img && img.complete && img.naturalWidth > 0; }"
    )
    assert hero.evaluate("img => img.complete && img.naturalWidth > 0")
    assert "/media/renditions/" in hero.evaluate("img => img.currentSrc")
    screenshot(phone_page, "portal-preview-phone-th")

    # Submit for review.
    phone_page.goto(f"{base}/portal/stories/{story.pk}/")
    phone_page.click(f"form[action='/portal/stories/{story.pk}/submit/'] button")
    phone_page.wait_for_load_state()
    story.refresh_from_db()
    assert story.status == StoryStatus.SUBMITTED

    # Staff request a change with a note.
    log_in(desktop_page, base, staff)
    admin_action(desktop_page, base, story, "request_changes_selected", note="ช่วยเพิ่มชื่อตลาดในหัวเรื่อง")
    story.refresh_from_db()
    assert story.status == StoryStatus.CHANGES_REQUESTED

    # The researcher sees the note, fixes the title and resubmits.
    phone_page.goto(base + "/portal/")
    assert "ช่วยเพิ่มชื่อตลาดในหัวเรื่อง" in phone_page.content()
    screenshot(phone_page, "portal-dashboard-phone-th")
    phone_page.goto(f"{base}/portal/stories/{story.pk}/")
    screenshot(phone_page, "portal-story-history-phone-th")
    phone_page.goto(f"{base}/portal/stories/{story.pk}/edit/")
    phone_page.fill("input[name=title_th]", FIXED_TITLE)
    phone_page.click("button[name=submit]")
    phone_page.wait_for_load_state()
    story.refresh_from_db()
    assert story.status == StoryStatus.SUBMITTED
    assert story.title_th == FIXED_TITLE
    assert "ทุกเช้าวันเสาร์" in story.body_th

    # Staff publish.
    admin_action(desktop_page, base, story, "publish_selected")
    story.refresh_from_db()
    assert story.status == StoryStatus.PUBLISHED

    # An anonymous reader finds it on the city page, in Thai and in English.
    context = chromium.new_context(viewport={"width": 390, "height": 844}, locale="th-TH")
    reader = context.new_page()
    try:
        reader.goto(base + "/cities/chiang-mai/")
        reader.get_by_role("link", name=FIXED_TITLE).click()
        assert reader.locator("h1").inner_text() == FIXED_TITLE
        assert "ทุกเช้าวันเสาร์" in reader.locator("main").inner_text()
        screenshot(reader, "published-story-phone-th")

        reader.goto(base + "/en/cities/chiang-mai/")
        link = reader.get_by_role("link", name=FIXED_TITLE)
        assert link.count() == 1
        link.click()
        assert re.search(rf"/en/stories/{re.escape(story.slug)}/$", reader.url)
        assert reader.locator("html").get_attribute("lang") == "en"
        screenshot(reader, "published-story-phone-en")
    finally:
        context.close()
