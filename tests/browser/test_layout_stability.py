"""Pages hold still while they load. A font the page finds only once its stylesheets are
applied arrives after the first paint and, swapped in, rewraps the text: the bold menu did so,
grew the header to two lines and back, and moved the whole page (Lighthouse, `make
lighthouse`, measured a layout shift of 0.26 to 0.39 on the home and story pages; 0.1 is
where it stops calling it good). So every font file a page uses is asked for from the head of
its HTML, with the stylesheets, and the page moves less than that."""

import pytest

from tests.browser.conftest import PHONE

pytestmark = pytest.mark.django_db(transaction=True)

GOOD_LAYOUT_SHIFT = 0.1
RECORD_SHIFTS = """
window.layoutShifts = [];
new PerformanceObserver(function (list) {
  list.getEntries().forEach(function (entry) {
    if (!entry.hadRecentInput) { window.layoutShifts.push(entry.value); }
  });
}).observe({ type: "layout-shift", buffered: true });
"""
PAGES = [
    "/",
    "/en/",
    "/cities/chiang-mai/",
    "/en/cities/chiang-mai/",
    "/stories/ciap-behind-the-idea/",
    "/en/stories/ciap-behind-the-idea/",
]


@pytest.mark.parametrize("path", PAGES)
def test_every_font_a_page_uses_is_preloaded(seeded_live_server, chromium, path):
    context = chromium.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.add_init_script(RECORD_SHIFTS)
    fonts = []
    page.on(
        "request", lambda request: request.resource_type == "font" and fonts.append(request.url)
    )
    page.goto(seeded_live_server.url + path, wait_until="networkidle")
    preloaded = page.eval_on_selector_all(
        "head link[rel=preload][as=font]", "links => links.map((link) => link.href)"
    )
    shifts = page.evaluate("window.layoutShifts")
    context.close()

    assert len(fonts) >= 3  # Sarabun's Thai and Latin files, regular and bold
    assert set(fonts) <= set(preloaded)
    assert sum(shifts) < GOOD_LAYOUT_SHIFT
