"""The story form in a real browser: choose the city, find a person of it by typing, put a
picture in the text, save; the console stays clean (no CSP refusals, no script errors)."""

import re

import pytest

from stories.models import Story, StoryImage
from tests.browser.helpers import console_problems, log_in
from tests.core.test_image_storage import GPS_IFD, jpeg_with_gps
from tests.factories import CityFactory, PersonFactory, ResearcherFactory, StoryFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_pick_a_city_find_a_person_add_a_picture_and_save(
    live_server, desktop_page, media_root, tmp_path
):
    here, elsewhere = CityFactory(name_th="เมืองนี้"), CityFactory(name_th="เมืองอื่น")
    wanted = PersonFactory(city=here, name_th="สมหญิง ค้นเจอ")
    PersonFactory(city=elsewhere, name_th="สมหญิง ต่างเมือง")
    researcher = ResearcherFactory()
    story = StoryFactory(draft=True, author=researcher, city=None, body_th="<p>ย่อหน้าแรก</p>")
    page = desktop_page
    problems = console_problems(page)
    log_in(page, live_server.url, researcher, "/portal/login/")

    page.goto(f"{live_server.url}/portal/stories/{story.pk}/edit/")
    page.wait_for_selector("textarea[data-rich-text-ready]", state="attached")
    page.select_option("select[name=city]", str(here.pk))
    page.get_by_role("searchbox", name="บุคคลในเรื่อง").fill("สมหญิง")
    offered = page.locator(".select2-results__option")
    offered.filter(has_text="ค้นเจอ").wait_for()
    assert offered.filter(has_text="ต่างเมือง").count() == 0
    offered.filter(has_text="ค้นเจอ").click()

    picture = tmp_path / "ภาพในเรื่อง.jpg"
    picture.write_bytes(jpeg_with_gps(size=(640, 480)))
    page.locator(".bilingual__th .tiptap").click()
    page.set_input_files("#id_body_th-picture", str(picture))
    page.fill("#id_body_th-picture-alt", "แม่ค้าจัดผักในตลาดเช้า")
    page.click("#id_body_th-picture ~ [data-body-image-insert]")
    page.locator(".bilingual__th .tiptap img[alt='แม่ค้าจัดผักในตลาดเช้า']").wait_for()

    page.click("button[name=save]")
    page.wait_for_url("**/edit/")
    story = Story.objects.get(pk=story.pk)
    assert list(story.people.all()) == [wanted]
    image = StoryImage.objects.get(story=story)
    assert re.search(
        rf'<img src="{re.escape(image.image.url)}" alt="แม่ค้าจัดผักในตลาดเช้า"', story.body_th
    )
    from PIL import Image

    with Image.open(image.image.path) as stored:
        assert GPS_IFD not in stored.getexif()
    assert problems == []


def _boxes(page):
    return [page.locator(selector).bounding_box() for selector in ("#id_title_th", "#id_title_en")]


def test_thai_and_english_sit_side_by_side_and_stack_on_a_phone(
    live_server, desktop_page, phone_page, screenshot
):
    researcher = ResearcherFactory()
    story = StoryFactory(draft=True, author=researcher)
    for page in (desktop_page, phone_page):
        log_in(page, live_server.url, researcher, "/portal/login/")
        page.goto(f"{live_server.url}/portal/stories/{story.pk}/edit/")
        page.wait_for_selector("textarea[data-rich-text-ready]", state="attached")

    thai, english = _boxes(desktop_page)
    assert thai["y"] == english["y"] and english["x"] > thai["x"] + thai["width"]
    screenshot(desktop_page, "portal-story-form-desktop-th")

    thai, english = _boxes(phone_page)
    assert english["y"] > thai["y"] + thai["height"]
    assert thai["width"] > 300 and english["width"] > 300
    no_sideways_scroll = "document.documentElement.scrollWidth <= window.innerWidth"
    assert phone_page.evaluate(no_sideways_scroll)
    screenshot(phone_page, "portal-story-form-phone-th")
