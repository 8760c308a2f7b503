"""How many public city and project pages look empty: a heading and placeholders, no more.

    .venv/bin/python bench/thin_pages.py [--threshold 200] [--verbose]

Loads the seed (stories/content/seed.json, through `load_content`) into a fresh SQLite
database in a temporary folder, then fetches every published city and research project page
in Thai and in English through Django's test client. From each page's <main> it keeps the
text a reader learns something from: it drops the page header (name, region, research area),
headings, the share and feed links, and placeholder sentences (an untitled project's
"Research project 1, Chiang Mai", "No stories from this city yet." and the like). A page
whose remaining text is shorter than the threshold (characters, spaces collapsed) is thin.

It needs nothing the page does not show, so it runs unchanged on an older checkout: run it
from the project's root of that checkout to compare before and after.
"""

import argparse
import io
import os
import re
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path.cwd()
sys.path.insert(0, str(ROOT))
DATABASE = Path(tempfile.mkdtemp(prefix="wecitizens-thin-")) / "db.sqlite3"
os.environ["DATABASE_URL"] = f"sqlite:///{DATABASE}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
os.environ.setdefault("DJANGO_LOG_LEVEL", "ERROR")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import translation  # noqa: E402

from cities.models import City  # noqa: E402
from projects.models import ResearchProject  # noqa: E402

SKIPPED_CLASSES = {"page-header", "share", "page-footer", "city-map", "eyebrow"}
SKIPPED_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "script", "style", "nav", "dt"}
PLACEHOLDERS = [
    r"โครงการวิจัยที่ \d+ \([^)]*\)",
    r"Research project \d+, [^·\n]+?(?= ·|$| \d)",
    r"ยังไม่มีเรื่องราวของเมืองนี้",
    r"No stories from this city yet\.",
    r"ยังไม่มีโครงการวิจัยที่เผยแพร่สำหรับเมืองนี้",
    r"No research project has been published for this city yet\.",
    r"ติดตามเรื่องราวของเมืองนี้ \(RSS\)",
    r"Follow this city's stories \(RSS\)",
]
VOID = {"br", "img", "input", "link", "meta", "hr", "source", "wbr"}


class MainText(HTMLParser):
    """The text of <main> outside the skipped elements."""

    def __init__(self):
        super().__init__()
        self.stack = []  # (tag, skipped)
        self.in_main = False
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        attrs = dict(attrs)
        if tag == "main":
            self.in_main = True
        classes = set((attrs.get("class") or "").split())
        parent_skipped = self.stack[-1][1] if self.stack else False
        skipped = parent_skipped or tag in SKIPPED_TAGS or bool(classes & SKIPPED_CLASSES)
        self.stack.append((tag, skipped))

    def handle_endtag(self, tag):
        if tag == "main":
            self.in_main = False
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        if self.in_main and not (self.stack and self.stack[-1][1]):
            self.parts.append(data)


def informative_text(html):
    parser = MainText()
    parser.feed(html)
    text = re.sub(r"\s+", " ", " ".join(parser.parts))
    for pattern in PLACEHOLDERS:
        text = re.sub(pattern, " ", text)
    return re.sub(r"[\s·,—–-]+", " ", text).strip()


def page_urls():
    for language in ("th", "en"):
        with translation.override(language):
            for city in City.objects.published().order_by("pk"):
                yield "city", language, city.get_absolute_url()
            for project in ResearchProject.objects.published().order_by("pk"):
                yield "project", language, project.get_absolute_url()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threshold", type=int, default=200)
    parser.add_argument("--verbose", action="store_true")
    options = parser.parse_args()

    call_command("migrate", verbosity=0)
    call_command("load_content", stdout=io.StringIO())
    client = Client(HTTP_HOST="127.0.0.1")
    totals = {}
    for kind, language, url in page_urls():
        response = client.get(url)
        if response.status_code != 200:
            print(f"{url}: HTTP {response.status_code}", file=sys.stderr)
            continue
        text = informative_text(response.content.decode())
        thin = len(text) < options.threshold
        pages, thin_pages = totals.get((kind, language), (0, 0))
        totals[(kind, language)] = (pages + 1, thin_pages + thin)
        if options.verbose:
            print(f"{'THIN' if thin else 'ok  '} {len(text):5} {url}  {text[:100]}")
    print(f"Thin pages (under {options.threshold} characters of content), by kind and language:")
    all_pages = all_thin = 0
    for (kind, language), (pages, thin_pages) in sorted(totals.items()):
        print(f"  {kind:8} {language}: {thin_pages:3} of {pages:3} thin")
        all_pages += pages
        all_thin += thin_pages
    print(f"  all        : {all_thin:3} of {all_pages:3} thin")


if __name__ == "__main__":
    main()
