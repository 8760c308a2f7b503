"""Quote cards place Thai marks as a browser does: Pillow's Raqm rendering against Chromium's.

The same Sarabun file is drawn at the same size, black on white, by Pillow (as
stories.quote_cards draws a card) and by Chromium (through @font-face). Each picture's ink
(pixels darker than mid-grey) is cropped to its bounding box; the two masks are laid on each
other, allowing a shift of one pixel either way for the two renderers' sub-pixel positioning,
and compared by intersection over union (IoU).

Measured at 128 px (Chromium 156, Pillow 13 with Raqm 0.11, FreeType 2.14): Raqm 0.926–0.954
for every text below; Pillow's basic layout, which draws each mark where the font's default
glyph puts it, 0.26–0.28 where a tone mark stacks on an upper vowel or sara am (กิ่ง, ที่,
น้ำ, ฝั่ง) and 0.76 where it must step aside from an ascender (ป้า); ผู้ใหญ่บ้าน alone it
draws nearly right (0.93), because Sarabun's default tone marks already sit low.
"""

import base64
import io

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageFont

from core.typeface import FONT_FILES
from stories.quote_cards import CARD_SIZES, card_font, render_card
from tests.browser.conftest import ARTIFACTS

SIZE = 128
MATCH = 0.9
# Texts whose marks the basic layout misplaces, and one it happens to draw nearly right.
MISPLACED_BY_BASIC = ["กิ่งก้าน", "น้ำใจ", "ที่นี่", "ฝั่งฟ้า", "ปู่ป้า"]
TEXTS = ["ผู้ใหญ่บ้าน", *MISPLACED_BY_BASIC]
FOLDER = ARTIFACTS / "quote-cards"


def pillow_rendering(text, layout):
    font = card_font(SIZE, layout=layout)
    image = Image.new("L", (SIZE * len(text), SIZE * 3), 255)
    options = {"language": "th"} if layout == ImageFont.Layout.RAQM else {}
    ImageDraw.Draw(image).text((SIZE, SIZE), text, font=font, fill=0, **options)
    return image


def browser_rendering(page, text):
    font = base64.b64encode(FONT_FILES["regular"].read_bytes()).decode()
    page.set_content(
        f"""<!doctype html><html lang="th"><head><style>
        @font-face {{ font-family: "Sarabun card"; src: url(data:font/ttf;base64,{font}); }}
        html, body {{ margin: 0; background: #fff; }}
        span {{ position: absolute; left: {SIZE}px; top: {SIZE}px; white-space: pre;
               font: {SIZE}px/2 "Sarabun card"; color: #000; }}
        </style></head><body><span>{text}</span></body></html>"""
    )
    loaded = "document.fonts.ready.then(() => document.fonts.check('16px \"Sarabun card\"'))"
    assert page.evaluate(loaded)
    return Image.open(io.BytesIO(page.screenshot())).convert("L")


def ink(image):
    mask = image.point(lambda value: 255 if value < 128 else 0).convert("1")
    return mask.crop(mask.getbbox())


def _count(mask):
    return mask.histogram()[-1]


def iou(first, second):
    """The best IoU of two ink masks aligned at their bounding boxes' corners, either moved
    by up to a pixel each way."""
    width, height = max(first.width, second.width) + 1, max(first.height, second.height) + 1
    best = 0
    for dx in (-1, 0, 1):
        for dy in (-1, 0, 1):
            a = Image.new("1", (width, height))
            a.paste(first, (1, 1))
            b = Image.new("1", (width, height))
            b.paste(second, (1 + dx, 1 + dy))
            union = _count(ImageChops.logical_or(a, b))
            best = max(best, _count(ImageChops.logical_and(a, b)) / union)
    return best


@pytest.fixture(scope="module")
def renderings(chromium):
    """{text: (Chromium, Raqm, basic layout)}, each saved side by side for people to look at."""
    context = chromium.new_context(viewport={"width": 1400, "height": 500}, device_scale_factor=1)
    page = context.new_page()
    FOLDER.mkdir(parents=True, exist_ok=True)
    found = {}
    for number, text in enumerate(TEXTS):
        trio = (
            browser_rendering(page, text),
            pillow_rendering(text, ImageFont.Layout.RAQM),
            pillow_rendering(text, ImageFont.Layout.BASIC),
        )
        found[text] = trio
        crops = [image.crop(ImageChops.invert(image).getbbox()) for image in trio]
        width = max(crop.width for crop in crops) + 40
        sheet = Image.new("L", (width, sum(crop.height + 20 for crop in crops) + 20), 255)
        top = 20
        for crop in crops:
            sheet.paste(crop, (20, top))
            top += crop.height + 20
        sheet.save(FOLDER / f"shaping-{number}-chromium-raqm-basic.png")
    context.close()
    return found


@pytest.mark.parametrize("text", TEXTS)
def test_a_card_places_thai_marks_where_chromium_does(renderings, text):
    browser, raqm, _basic = renderings[text]
    assert iou(ink(browser), ink(raqm)) >= MATCH


@pytest.mark.parametrize("text", MISPLACED_BY_BASIC)
def test_the_comparison_catches_marks_placed_without_shaping(renderings, text):
    browser, _raqm, basic = renderings[text]
    assert iou(ink(browser), ink(basic)) < MATCH - 0.1


def test_sample_cards_are_saved_for_people_to_look_at():
    """Cards drawn as stories.quote_cards draws them, kept in test-artifacts/quote-cards/."""
    FOLDER.mkdir(parents=True, exist_ok=True)
    samples = {
        "th": (
            "ผู้ใหญ่บ้านบอกว่า กิ่งก้านของเมืองแห่งการเรียนรู้คือน้ำใจของคนในชุมชน ที่ช่วยกันดูแลเด็กและผู้สูงอายุทุกวัน",
            "คุณสมศรี ใจดี",
        ),
        "en": ("A learning city is one where neighbours teach each other, every day.", ""),
    }
    for language, (text, speaker) in samples.items():
        for size in CARD_SIZES.values():
            card = render_card(text, speaker, size, language)
            assert card.size == size
            # Everything but the accent bar on the left stays off the edges.
            words = ImageChops.invert(card.convert("L")).crop((40, 0, *size))
            left, top, right, bottom = words.getbbox()
            assert left + 40 >= 48 and top >= 24
            assert right + 40 <= size[0] - 48 and bottom <= size[1] - 48
            card.save(FOLDER / f"sample-{language}-{size[0]}x{size[1]}.png")
