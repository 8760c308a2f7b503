"""No public page scrolls sideways on the narrowest phones (320 CSS pixels) or wider.

Each public page type, in Thai and in English, with the server's Thai word marking on and
off: the page is never wider than the screen, and when it is, the test names the elements
that stick out past its right edge.
"""

import pytest

from tests.browser.conftest import localized

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = (320, 390)
NOT_PUBLIC = {"login"}

# The page's overflow in pixels, and the outermost elements past the right edge.
SIDEWAYS = """
() => {
  const width = document.documentElement.clientWidth;
  const clipped = (element) => {
    for (let parent = element.parentElement; parent; parent = parent.parentElement) {
      if (getComputedStyle(parent).overflowX !== "visible") return true;
    }
    return false;
  };
  const past = [...document.body.querySelectorAll("*")].filter(
    (element) => element.getBoundingClientRect().right > width + 0.5 && !clipped(element),
  );
  return {
    overflow: document.documentElement.scrollWidth - width,
    past: past
      .filter((element) => !past.includes(element.parentElement))
      .map((element) => element.outerHTML.slice(0, 160)),
  };
}
"""


@pytest.mark.parametrize("word_breaks", [True, False], ids=["thai-words-marked", "unmarked"])
def test_no_public_page_scrolls_sideways_on_a_narrow_phone(
    settings, public_pages, about_page_from_migration, seeded_live_server, chromium, word_breaks
):
    settings.WECITIZENS_THAI_WORD_BREAKS = word_breaks
    paths = {name: path for name, path in public_pages.items() if name not in NOT_PUBLIC}
    paths["about"] = "/about/"
    context = chromium.new_context(viewport={"width": WIDTHS[0], "height": 800}, locale="th-TH")
    page = context.new_page()
    sideways = []
    try:
        for name, path in paths.items():
            for language in ("th", "en"):
                page.goto(seeded_live_server.url + localized(path, language))
                page.evaluate("document.fonts.ready")
                for width in WIDTHS:
                    page.set_viewport_size({"width": width, "height": 800})
                    found = page.evaluate(SIDEWAYS)
                    if found["overflow"] > 0:
                        sideways.append((name, language, width, found))
    finally:
        context.close()

    assert len(paths) > 15
    assert sideways == []
