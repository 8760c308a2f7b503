"""Addressing public pages, and reading them as a browser or screen reader would."""

from html.parser import HTMLParser

from django.urls import reverse
from django.utils import translation

VOID_ELEMENTS = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip


def url_in(language, name, **kwargs):
    """The address of a named page in `language` (Thai unprefixed, English under /en/)."""
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack = []  # (tag, lang or None) of the open elements
        self.texts = []  # (text, language it is in, whether it is in <main>)
        self.elements = []  # (tag, attrs) in document order

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.elements.append((tag, attrs))
        if tag not in VOID_ELEMENTS:
            self.stack.append((tag, attrs.get("lang")))

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        if data.strip():
            language = next((lang for _tag, lang in reversed(self.stack) if lang), None)
            in_main = any(tag == "main" for tag, _lang in self.stack)
            self.texts.append((data, language, in_main))


def parse(response):
    page = _Page()
    page.feed(response.content.decode())
    page.close()
    return page


def html_lang(response):
    return next(attrs.get("lang") for tag, attrs in parse(response).elements if tag == "html")


def language_of(response, text):
    """The `lang` in force where `text` first appears in the page's content.

    The content is <main> when the page has one (the <title> cannot be marked up).
    None if the text is absent.
    """
    texts = parse(response).texts
    if any(in_main for _data, _language, in_main in texts):
        texts = [entry for entry in texts if entry[2]]
    for data, language, _in_main in texts:
        if text in data:
            return language
    return None


def language_links(response):
    """{language code: href} of the page's language switcher links."""
    return {
        attrs["hreflang"]: attrs["href"]
        for tag, attrs in parse(response).elements
        if tag == "a" and attrs.get("hreflang")
    }


def link_order(response, hrefs):
    """The given addresses in the order the page first links to them."""
    wanted = set(hrefs)
    order = []
    for tag, attrs in parse(response).elements:
        href = attrs.get("href")
        if tag == "a" and href in wanted and href not in order:
            order.append(href)
    return order


def public_urls(site):
    """Every public page type that shows the `site` fixture's content (conftest's `site`)."""
    return [
        url_in("th", "home"),
        url_in("en", "home"),
        url_in("th", "cities:city_list"),
        site.city.get_absolute_url(),
        site.project.get_absolute_url(),
        site.person.get_absolute_url(),
        url_in("th", "stories:story_list"),
        site.story.get_absolute_url(),
        site.tag.get_absolute_url(),
        url_in("th", "feeds:stories_rss"),
        "/sitemap.xml",
        "/sitemap-stories.xml",
        "/api/stories/",
    ]
