"""What a phone downloads to show a page: HTML, CSS, JS, fonts and the images it loads."""

import gzip
import json

import pytest

from tests.browser.conftest import ARTIFACTS, PHONE

pytestmark = pytest.mark.django_db(transaction=True)

STORY_PAGE_BUDGET = 500 * 1024
TEXT_TYPES = ("text/", "application/javascript", "application/json", "image/svg")


def page_weight(chromium, url, device_scale_factor):
    """Bytes transferred (headers and bodies as served here, uncompressed) until the page is
    loaded and the network idle, and what gzip (as WhiteNoise serves text in production)
    would make of them."""
    context = chromium.new_context(viewport=PHONE, device_scale_factor=device_scale_factor)
    page = context.new_page()
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.goto(url, wait_until="networkidle")
    weight = {"requests": 0, "bytes": 0, "gzip_bytes": 0, "by_type": {}}
    for request in finished:
        sizes = request.sizes()
        transferred = sizes["responseBodySize"] + sizes["responseHeadersSize"]
        response = request.response()
        content_type = response.headers.get("content-type", "")
        compressed = transferred
        if content_type.startswith(TEXT_TYPES):
            compressed = len(gzip.compress(response.body())) + sizes["responseHeadersSize"]
        kind = content_type.split(";")[0] or "other"
        weight["requests"] += 1
        weight["bytes"] += transferred
        weight["gzip_bytes"] += compressed
        weight["by_type"][kind] = weight["by_type"].get(kind, 0) + transferred
    context.close()
    return weight


def test_pages_stay_light_on_a_phone(public_pages, seeded_live_server, chromium):
    weights = {
        f"{name} @{dpr}x": page_weight(chromium, seeded_live_server.url + public_pages[name], dpr)
        for name in ("home", "city", "story")
        for dpr in (1, 3)
    }
    (ARTIFACTS / "page-weights.json").write_text(json.dumps(weights, indent=1))
    for name, weight in weights.items():
        print(
            f"{name}: {weight['bytes'] / 1024:.0f} KB ({weight['gzip_bytes'] / 1024:.0f} KB gzip)"
        )

    assert weights["story @1x"]["bytes"] < STORY_PAGE_BUDGET
    assert weights["story @3x"]["bytes"] < STORY_PAGE_BUDGET
