"""Phone screenshots of the public pages for docs/screenshots/, made the same way every time.

`make screenshots`, or `.venv/bin/python bench/phone_screenshots.py [--port N] [--scale 2]`

Like bench/lighthouse.py it loads the real content into a fresh SQLite database, collects the
static files and serves the site with gunicorn and the production settings (DEBUG off). The
seed has no pull quotes, so one is added to a seeded interview: words the story itself quotes,
copied from its seeded text (the script stops if they are not there word for word), credited
to the person the story features. Chromium at 390 x 844 CSS pixels, Thai locale for the Thai
pages, shoots the first screen of the home, a city, the story at its pull quote, the quote's
page with its card and the About page, in Thai and in English. The PNGs are reduced to a
palette with Pillow to stay small. The story is also saved whole (`…-full.png`), at one device
pixel per CSS pixel.
"""

import argparse
import io
import os
import shutil
import sys
import tempfile
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.lighthouse import CHROMIUM, ROOT, prepare_site, server_environment, start_gunicorn

OUTPUT = ROOT / "docs" / "screenshots"
PHONE = {"width": 390, "height": 844}
LOCALES = {"th": "th-TH", "en": "en-GB"}
QUOTED_STORY = "conversation-with-chanyarin-somporn"
QUOTED_PERSON = "chanyarin-somporn"
# Quoted in the seeded story, word for word, in each language.
QUOTE = {
    "th": "พื้นที่นี้จะเป็นเหมือนตัวกลางในการสร้างความพร้อมให้คนร้อยเอ็ดสามารถรับมือกับความเปลี่ยนแปลงในอนาคต",
    "en": "This space will be like a go-between that gets the people of Roi Et ready to cope "
    "with the changes of the future.",
}
# name: (path in Thai, element to scroll to the top of the screen or None)
PAGES = {
    "home": ("/", None),
    "city": ("/cities/roi-et/", None),
    "story-quote": (f"/stories/{QUOTED_STORY}/", "figure.pull-quote"),
    "quote-card": (f"/stories/{QUOTED_STORY}/quotes/1/", None),
    "about": ("/about/", None),
}
# Also saved as a whole page.
FULL_PAGE = {"story-quote"}
MAX_BYTES = 400_000

ADD_QUOTE = f"""
from projects.models import Person
from stories.models import Story, StoryQuote

story = Story.objects.get(slug={QUOTED_STORY!r})
quote = {QUOTE!r}
for language, text in quote.items():
    seeded = getattr(story, "body_" + language) + getattr(story, "excerpt_" + language)
    if text not in seeded:
        raise SystemExit(f"The quote is not in the story's seeded {{language}} text.")
StoryQuote.objects.create(
    story=story,
    text_th=quote["th"],
    text_en=quote["en"],
    speaker=story.featured_people.get(person__slug={QUOTED_PERSON!r}).person,
)
"""


def add_quote(env):
    import subprocess

    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", ADD_QUOTE], cwd=ROOT, env=env, check=True
    )


def localized(path, language):
    return path if language == "th" else "/en" + path


def save_small_png(png_bytes, path, shrink=1):
    """The screenshot as a palette PNG (256 colours are plenty for flat UI and text),
    `shrink` times smaller."""
    image = Image.open(io.BytesIO(png_bytes)).convert("RGB")
    if shrink > 1:
        image = image.resize(
            (image.width // shrink, image.height // shrink), Image.Resampling.LANCZOS
        )
    small = image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    small.save(path, optimize=True)
    if path.stat().st_size > MAX_BYTES:
        small = image.quantize(colors=64, method=Image.Quantize.MEDIANCUT)
        small.save(path, optimize=True)
    return path.stat().st_size


def shoot(base_url, scale):
    saved = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            for language, locale in LOCALES.items():
                context = browser.new_context(
                    viewport=PHONE, device_scale_factor=scale, locale=locale
                )
                page = context.new_page()
                for name, (path, anchor) in PAGES.items():
                    response = page.goto(base_url + localized(path, language))
                    if response.status != 200:
                        raise SystemExit(f"{path} answered {response.status}")
                    page.wait_for_load_state("networkidle")
                    page.evaluate("document.fonts.ready")
                    page.wait_for_function("[...document.images].every((image) => image.complete)")
                    if anchor:
                        page.locator(anchor).first.evaluate(
                            "element => window.scrollTo(0, element.getBoundingClientRect().top"
                            " + window.scrollY - 160)"
                        )
                    target = OUTPUT / f"phone-{name}-{language}.png"
                    size = save_small_png(page.screenshot(), target)
                    saved.append((target, size))
                    if name in FULL_PAGE:
                        target = OUTPUT / f"phone-{name}-{language}-full.png"
                        size = save_small_png(page.screenshot(full_page=True), target, shrink=scale)
                        saved.append((target, size))
                context.close()
        finally:
            browser.close()
    return saved


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("SCREENSHOTS_PORT", 18740)))
    parser.add_argument("--scale", type=int, default=2, help="device pixels per CSS pixel")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="wecitizens-screenshots-"))
    try:
        env = server_environment(work)
        prepare_site(env)
        add_quote(env)
        OUTPUT.mkdir(parents=True, exist_ok=True)
        with open(work / "gunicorn.log", "w") as log:
            server = start_gunicorn(env, args.port, log)
            try:
                saved = shoot(f"http://127.0.0.1:{args.port}", args.scale)
            finally:
                server.terminate()
                server.wait(timeout=30)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for path, size in saved:
        print(f"{path.relative_to(ROOT)}  {size / 1000:.0f} kB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
