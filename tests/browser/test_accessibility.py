"""axe-core and the Nu HTML Checker on every public page type, in both languages."""

import json
import subprocess

import pytest

from tests.browser.conftest import CHROMIUM_ARGS, DESKTOP, PHONE, localized  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)

LANGUAGES = {"th": "th-TH", "en": "en-US"}
SCREENSHOT_PAGES = ("home", "city", "story")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
RUN_AXE = """tags => axe.run(document, {runOnly: {type: "tag", values: tags}}).then(result =>
  result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(" ") + " :: " + n.failureSummary)})))"""


def axe_violations(page, axe_js):
    # Evaluated through the DevTools protocol, which the site's strict CSP (no inline
    # scripts) does not govern; a <script> tag injected into the page would be refused.
    page.evaluate(axe_js.read_text(encoding="utf-8"))
    return page.evaluate(RUN_AXE, AXE_TAGS)


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_axe_finds_no_violation_on_any_public_page(
    size, public_pages, seeded_live_server, chromium, axe_js, screenshot
):
    viewport = PHONE if size == "phone" else DESKTOP
    report = {}
    for language, locale in LANGUAGES.items():
        context = chromium.new_context(viewport=viewport, locale=locale)
        page = context.new_page()
        for name, path in public_pages.items():
            page.goto(seeded_live_server.url + localized(path, language))
            violations = axe_violations(page, axe_js)
            h1_count = page.locator("h1").count()
            if h1_count != 1:
                violations.append({"id": "one-h1", "help": f"{h1_count} h1 elements"})
            if violations:
                report[f"{name} ({language})"] = violations
            if language == "th" and name in SCREENSHOT_PAGES:
                screenshot(page, f"{name}-{size}")
        context.close()

    assert report == {}, json.dumps(report, ensure_ascii=False, indent=1)


def test_every_public_page_is_valid_html(
    public_pages, seeded_live_server, chromium, vnu_jar, tmp_path
):
    context = chromium.new_context(locale="th-TH")
    files = []
    for language in LANGUAGES:
        for name, path in public_pages.items():
            response = context.request.get(seeded_live_server.url + localized(path, language))
            target = tmp_path / f"{name}-{language}.html"
            target.write_bytes(response.body())
            files.append(str(target))
    context.close()

    checked = subprocess.run(
        ["java", "-jar", str(vnu_jar), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=240,
    )

    messages = json.loads(checked.stderr or '{"messages": []}')["messages"]
    errors = [
        f"{m['url'].rsplit('/', 1)[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m.get("type") == "error"
    ]
    assert errors == [], "\n".join(errors)
    assert len(files) == 2 * len(public_pages)
