"""No English on a Thai screen, as Chromium draws it: a crawl of the admin and the portal.

A programme staff member, a superuser and a researcher sign in with a Thai browser and open
every screen they can reach by following links from the admin index and the portal's
dashboard (so screens added later are crawled too): lists, add and change forms, history and
version-compare pages, reversion's recover lists, the portal's pages; then the error states
(404, 403, a form sent empty, the sign-in lockout). On each the crawl reads what the scripts
have drawn: every text node of the page (hidden ones too, which a click shows: the other
language's tab, the calendar, editor menus, pickers), the title, placeholder, aria-label and
alt attributes and the labels of buttons. Content typed into fields (inputs, textareas, the
rich-text editor's editable area) is content, not interface; text in <code>, <kbd> or <samp>
is a technical token; a word an icon font draws as an icon is read by its label. Any
Latin-script word outside tests/english_words.py's allow-list (proper names, technical
tokens) and the test data's own names fails the test, listed by page.

One screen of each kind is opened: /admin/stories/story/7/change/ stands for every story's
change form. A few screenshots go to test-artifacts/thai-crawl/.
"""

import re
from collections import deque
from urllib.parse import urlsplit

import pytest
import reversion
from django.conf import settings

from tests.browser.conftest import ARTIFACTS
from tests.english_words import latin_words, stored_words
from tests.factories import (
    PASSWORD,
    ProgrammeStaffFactory,
    ResearcherFactory,
    StoryFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

MAX_SCREENS = 150
# Never opened: signing out, a deletion's confirmation, downloads and the public site.
NOT_CRAWLED = re.compile(
    r"/logout/|/delete/|/jsi18n/|/export/|^/admin/r/|\.(?:csv|xlsx|json|png|jpe?g|webp|svg)$"
)
SCREENSHOTS = ARTIFACTS / "thai-crawl"

READ_TEXT = """() => {
    const texts = [document.title];
    // Not interface text: content typed into fields, technical tokens (a spreadsheet's
    // column names), what scripts do not show.
    const unread = 'script, style, template, textarea, noscript, [contenteditable="true"], '
        + 'code, kbd, samp';
    // An icon font draws a word as its icon ("format_bold"); its label is read instead.
    const isLabelledIcon = (element) => element.closest('[aria-label], [title]')
        && getComputedStyle(element).fontFeatureSettings.includes('liga');
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const element = node.parentElement;
        if (node.data.trim() && !element.closest(unread) && !isLabelledIcon(element)) {
            texts.push(node.data);
        }
    }
    const attributes = ['title', 'placeholder', 'aria-label', 'alt'];
    for (const element of document.querySelectorAll(attributes.map((a) => `[${a}]`).join())) {
        for (const name of attributes) {
            const value = element.getAttribute(name);
            if (value && !element.closest('[contenteditable="true"]')) texts.push(value);
        }
    }
    for (const button of document.querySelectorAll(
        'input[type=submit], input[type=button], input[type=reset]'
    )) {
        texts.push(button.value);
    }
    return texts;
}"""

# Links, and the address a GET form leading elsewhere would open with its defaults (the
# history page's "compare the two versions"); a search form, sent to its own page, is not.
READ_LINKS = """() => {
    const links = Array.from(document.querySelectorAll('a[href]'), (a) => a.href);
    for (const form of document.querySelectorAll('form')) {
        const action = new URL(form.action, location.href);
        const sent = (form.method || 'get').toLowerCase();
        if (sent === 'get' && action.pathname !== location.pathname) {
            action.search = new URLSearchParams(new FormData(form)).toString();
            links.push(action.href);
        }
    }
    return links;
}"""


def screen_kind(path):
    """The screen a path opens, whichever object: /admin/stories/story/<id>/change/."""
    return re.sub(r"/\d+(?=/)", "/<id>", urlsplit(path).path)


class ThaiCrawl:
    """Opens screens in one signed-in Thai browser and records the English it reads."""

    def __init__(self, page, base_url, allowed):
        self.page = page
        self.base_url = base_url
        self.allowed = allowed
        self.english = {}
        self.broken = {}
        self.opened = []

    def read(self, label=None):
        words = latin_words(self.page.evaluate(READ_TEXT), self.allowed)
        if words:
            where = label or urlsplit(self.page.url).path
            self.english[where] = sorted(set(self.english.get(where, [])) | set(words))

    def open(self, path, expected_status=200):
        response = self.page.goto(self.base_url + path)
        self.opened.append(path)
        if response is None or response.status != expected_status:
            self.broken[path] = response.status if response else "no response"
        self.read(path)

    def follow(self, start, prefix):
        """Every screen under `prefix` reachable by links from `start`, one of each kind."""
        queue, kinds = deque([start]), set()
        while queue and len(self.opened) < MAX_SCREENS:
            path = queue.popleft()
            if screen_kind(path) in kinds:
                continue
            self.open(path)
            if urlsplit(self.page.url).path == urlsplit(path).path:
                kinds.add(screen_kind(path))  # not when sent elsewhere, e.g. for a deleted object
            for link in self.page.evaluate(READ_LINKS):
                parts = urlsplit(link)
                if parts.netloc != urlsplit(self.base_url).netloc:
                    continue
                if not parts.path.startswith(prefix) or NOT_CRAWLED.search(parts.path):
                    continue
                # A list's sorting and filters are the same screen; a compare form's choice is not.
                keep_query = parts.path.endswith("/compare/")
                queue.append(parts.path + (f"?{parts.query}" if keep_query and parts.query else ""))

    def screenshot(self, name):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    def report(self):
        lines = [f"  {path}: {' '.join(words)}" for path, words in self.english.items()]
        lines += [f"  {path}: HTTP {status}" for path, status in self.broken.items()]
        return (
            f"{len(self.english)} of {len(self.opened)} Thai screens show Latin-script words "
            "(translate them, or allow a proper name in tests/english_words.py), "
            f"{len(self.broken)} answer wrongly:\n" + "\n".join(lines)
        )


def _sign_in(page, base_url, login_path, user):
    page.goto(base_url + login_path)
    page.fill("input[name=username]", user.get_username())
    page.fill("input[name=password]", PASSWORD)
    page.locator("form [type=submit]").first.click()
    page.wait_for_load_state()


def _thai_page(chromium, base_url):
    context = chromium.new_context(locale="th-TH", viewport={"width": 1366, "height": 900})
    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "th", "url": base_url}])
    return context, context.new_page()


@pytest.fixture
def content(site):
    """The site's content, with a story saved twice (two versions to compare) and one
    deleted (a deleted object to recover), and two people of each role."""
    with reversion.create_revision():
        site.story.save()
    with reversion.create_revision():
        site.story.title_th = site.story.title_th + " (แก้ไข)"
        site.story.save()
    with reversion.create_revision():
        gone = StoryFactory(slug="removed-story", city=site.city)
    gone.delete()
    staff, colleague = ProgrammeStaffFactory(), ProgrammeStaffFactory()
    superuser = UserFactory(username="thaiadmin", is_staff=True, is_superuser=True)
    researcher, other_researcher = ResearcherFactory(), ResearcherFactory()
    return {
        "staff": staff,
        "superuser": superuser,
        "colleague": colleague,
        "researcher": researcher,
        "their_story": StoryFactory(draft=True, author=researcher, city=site.city),
        "others_story": StoryFactory(draft=True, author=other_researcher, city=site.city),
    }


@pytest.mark.parametrize("role", ["staff", "superuser"])
def test_the_admin_is_thai_for_programme_staff_and_a_superuser(
    live_server, chromium, content, role
):
    context, page = _thai_page(chromium, live_server.url)
    _sign_in(page, live_server.url, "/admin/login/", content[role])
    crawl = ThaiCrawl(page, live_server.url, stored_words())
    crawl.follow("/admin/", "/admin/")
    page.goto(live_server.url + "/admin/")
    crawl.screenshot(f"admin-index-{role}")

    # Error states: a missing page, a missing object, a forbidden one, forms sent empty.
    crawl.open("/admin/no-such-screen/", expected_status=404)
    crawl.open("/admin/stories/story/999999/change/")  # back to the index, with a message
    if role == "staff":  # may not change a colleague's password
        crawl.open(f"/admin/auth/user/{content['colleague'].pk}/password/", expected_status=403)
    for path in [p for p in crawl.opened if p.endswith("/add/")][:3]:
        page.goto(live_server.url + path)
        page.locator("input[name=_save]").click(timeout=5000)
        page.wait_for_load_state()
        crawl.read(f"{path} (sent empty)")
    crawl.screenshot(f"admin-form-errors-{role}")
    context.close()

    print(f"{role}: {len(crawl.opened)} admin screens read")
    kinds = {screen_kind(path) for path in crawl.opened}
    assert "/admin/stories/story/<id>/history/compare/" in kinds  # reached through the form
    assert "/admin/stories/story/recover/" in kinds
    assert len(crawl.opened) > 30
    assert not crawl.english and not crawl.broken, crawl.report()


def test_a_researcher_reads_only_thai_in_the_portal(live_server, chromium, content):
    context, page = _thai_page(chromium, live_server.url)
    _sign_in(page, live_server.url, "/portal/login/", content["researcher"])
    crawl = ThaiCrawl(page, live_server.url, stored_words())
    crawl.follow("/portal/", "/portal/")
    page.goto(live_server.url + "/portal/")
    crawl.screenshot("portal-dashboard")

    crawl.open("/portal/stories/999999/", expected_status=404)
    crawl.open(f"/portal/stories/{content['others_story'].pk}/", expected_status=404)
    crawl.open("/admin/")  # not staff: the admin's sign-in page
    page.goto(live_server.url + "/portal/stories/new/")
    page.locator("form [type=submit]").first.click()
    page.wait_for_load_state()
    crawl.read("/portal/stories/new/ (sent empty)")
    crawl.screenshot("portal-form-errors")
    context.close()

    # The sign-in lockout, in a browser of its own.
    context, page = _thai_page(chromium, live_server.url)
    locked = ThaiCrawl(page, live_server.url, stored_words())
    for _attempt in range(settings.AXES_FAILURE_LIMIT + 1):
        page.goto(live_server.url + "/portal/login/")
        page.fill("input[name=username]", content["researcher"].get_username())
        page.fill("input[name=password]", "not " + PASSWORD)
        page.locator("form [type=submit]").first.click()
        page.wait_for_load_state()
    locked.read("/portal/login/ (locked out)")
    assert page.locator("body").inner_text().strip()
    locked.screenshot("portal-lockout")
    context.close()

    print(f"researcher: {len(crawl.opened)} portal screens read")
    crawl.english |= locked.english
    assert f"/portal/stories/{content['their_story'].pk}/" in crawl.opened
    assert not crawl.english and not crawl.broken, crawl.report()
