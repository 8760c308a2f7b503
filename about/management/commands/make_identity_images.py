"""Regenerate the logo, the icons and the default share images from their sources.

Sources: static/img/icons/icon.svg (the mark, drawn by hand) and Sarabun: the web fonts the
site serves for the wordmark, the full fonts of core.typeface for the share pictures. Writes,
under static/img/:
- icons/logo.svg: the mark beside the wordmark, whose letters are Sarabun Bold outlines
  (paths), so the logo looks the same wherever it is shown, with or without the web font;
- icons/icon-192.png, icons/icon-512.png, icons/apple-touch-icon.png (180 px) and
  icons/favicon.ico (16, 32 and 48 px), rendered from icon.svg in Chromium, which draws
  SVG exactly as browsers do;
- share-default-th.png and share-default-en.png: the 1200×630 picture shared links show when
  a page has no image of its own, with the tagline in each language, drawn with Pillow's Raqm
  layout (core.typeface) so Thai vowels and tone marks sit where they belong.

Needs fontTools and Playwright with Chromium (both in the dev extras). Run after changing
icon.svg or the tagline's translation, and commit what it writes.
"""

import base64
import io
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import gettext
from PIL import Image, ImageDraw

from core.typeface import sarabun
from seo.share_images import DEFAULT_SHARE_IMAGES, SHARE_SIZE

STATIC = Path(settings.BASE_DIR) / "static"
ICONS = STATIC / "img" / "icons"
FONTS = STATIC / "fonts" / "sarabun"
CHROMIUM = "/usr/bin/chromium"

INK = "#1d2327"
ACCENT = "#0b6e4f"
SHARE_BACKGROUND = "#165634"
# One square for each of the programme's 18 cities.
CITY_COLOURS = ["#86efac", "#fde68a", "#fca5a5", "#93c5fd", "#f9a8d4", "#c4b5fd"]

WORDMARK = (("We", ACCENT), ("Citizens", INK))
WORDMARK_SIZE = 40  # px in the logo's 64 px height
WORDMARK_BASELINE = 45


def wordmark_paths(x):
    """SVG <path> elements spelling the wordmark in Sarabun Bold from x; returns (svg, end x)."""
    from fontTools.pens.svgPathPen import SVGPathPen
    from fontTools.pens.transformPen import TransformPen
    from fontTools.ttLib import TTFont

    font = TTFont(FONTS / "sarabun-latin-700-normal.woff2")
    glyphs = font.getGlyphSet()
    cmap = font.getBestCmap()
    scale = WORDMARK_SIZE / font["head"].unitsPerEm
    elements = []
    for text, colour in WORDMARK:
        pen = SVGPathPen(glyphs)
        for character in text:
            name = cmap[ord(character)]
            # Font units grow upwards; SVG's y grows downwards.
            transform = (scale, 0, 0, -scale, x, WORDMARK_BASELINE)
            glyphs[name].draw(TransformPen(pen, transform))
            x += glyphs[name].width * scale
        elements.append(f'<path fill="{colour}" d="{pen.getCommands()}"/>')
    return "".join(elements), x


def logo_svg():
    mark = (ICONS / "icon.svg").read_text(encoding="utf-8")
    inner = mark.split(">", 1)[1].rsplit("</svg>", 1)[0]
    inner = inner.replace("<title>WeCitizens</title>", "")
    words, end = wordmark_paths(76)
    width = round(end + 4)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} 64" '
        f'width="{width}" height="64" role="img" aria-label="WeCitizens">\n'
        f"  <title>WeCitizens</title>\n  <g>{inner.strip()}</g>\n  {words}\n</svg>\n"
    )


def render_icons(svg_text, sizes):
    """{size: PNG bytes} of the SVG drawn by Chromium at each size, transparent outside it."""
    from playwright.sync_api import sync_playwright

    source = "data:image/svg+xml;base64," + base64.b64encode(svg_text.encode()).decode()
    rendered = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page()
        for size in sizes:
            page.set_viewport_size({"width": size, "height": size})
            page.set_content(
                "<style>html,body{margin:0;background:transparent}</style>"
                f'<img src="{source}" width="{size}" height="{size}" style="display:block">'
            )
            page.wait_for_function("document.images[0].complete")
            rendered[size] = page.screenshot(omit_background=True)
        browser.close()
    return rendered


def share_image(language, mark_png):
    """The default share picture: the mark, the name and the tagline in `language`."""
    width, height = SHARE_SIZE
    image = Image.new("RGB", SHARE_SIZE, SHARE_BACKGROUND)
    draw = ImageDraw.Draw(image)
    mark = Image.open(io.BytesIO(mark_png)).convert("RGBA")
    image.paste(mark, ((width - mark.width) // 2, 70), mark)

    draw.text(
        (width / 2, 320), "WeCitizens", font=sarabun(120, "bold"), fill="#ffffff", anchor="ms"
    )

    with translation.override(language):
        tagline = gettext("Stories from Thailand's learning cities")
    draw.text(
        (width / 2, 420),
        tagline,
        font=sarabun(56),
        fill="#ecfdf3",
        anchor="ms",
        language=language,
    )

    square, gap, count = 56, 7, 18
    start = (width - count * square - (count - 1) * gap) // 2
    for number in range(count):
        left = start + number * (square + gap)
        colour = CITY_COLOURS[number % len(CITY_COLOURS)]
        draw.rectangle((left, height - 90, left + square - 1, height - 90 + square - 1), colour)
    return image


class Command(BaseCommand):
    help = "Regenerate the logo, icons, favicon and default share images from their sources."

    def handle(self, *args, **options):
        (ICONS / "logo.svg").write_text(logo_svg(), encoding="utf-8")
        icon = (ICONS / "icon.svg").read_text(encoding="utf-8")
        rendered = render_icons(icon, [160, 180, 192, 256, 512])
        for size in (192, 512):
            (ICONS / f"icon-{size}.png").write_bytes(rendered[size])
        # iOS shows no transparency: the touch icon sits on white.
        touch = Image.open(io.BytesIO(rendered[180])).convert("RGBA")
        flat = Image.new("RGB", touch.size, "#ffffff")
        flat.paste(touch, mask=touch)
        flat.save(ICONS / "apple-touch-icon.png", optimize=True)
        Image.open(io.BytesIO(rendered[256])).save(
            ICONS / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)]
        )
        for language, name in DEFAULT_SHARE_IMAGES.items():
            share_image(language, rendered[160]).save(STATIC / name, optimize=True)
        self.stdout.write("Wrote the logo, icons, favicon and default share images.")
