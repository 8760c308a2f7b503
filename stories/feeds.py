"""RSS 2.0 and Atom feeds of published stories: the whole site, one city, one tag.

Each feed speaks the language of its address (Thai unprefixed, English under /en/) and uses
`Story.objects.published()`, the same stories the pages show.

What a feed reader is told, and why:
- Text only in the language of the feed: a story without a title in that language is left
  out (an English reader is not shown Thai as English), and an entry without an excerpt in
  that language has no summary.
- The excerpt is plain text, as on the pages: it is HTML-escaped into the description
  (RSS) or `<summary type="html">` (Atom), so no markup in it reaches a reader.
- A story's date is its publication date, and nothing else: a story imported without one
  has no `<pubDate>` / `<published>`, as it has no `datePublished` in its JSON-LD and a null
  `published_at` in the API. Atom requires `<updated>`: it is the time the story last changed
  on this site (`updated_at`, as the API's `updated_at` and JSON-LD's `dateModified`), a real
  event, never presented as the publication date.
- Every entry's author is the programme (as in the JSON-LD): no staff account is named.
"""

import copy
import mimetypes

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure
from django.utils.html import escape
from django.utils.translation import gettext

from cities.models import City
from core.i18n import active_content_language, translated
from core.siteurl import absolute_url
from seo.metadata import SITE_NAME
from stories.models import Story
from tags.models import Tag

FEED_LENGTH = 30


class StoryFeed(Feed):
    """Site-wide feed of the newest published stories (RSS 2.0)."""

    url_name = "stories_rss"

    def __call__(self, request, *args, **kwargs):
        # One Feed instance serves every request: give each request its own copy.
        feed = copy.copy(self)
        feed.request = request
        response = Feed.__call__(feed, request, *args, **kwargs)
        # The feed writer appends every tag as a chunk of its own; a WSGI server sends each
        # chunk with a system call (thousands per feed, a quarter of the throughput even
        # when served from the page cache). One body, one write.
        response.content = response.content
        return response

    @property
    def language(self):
        return active_content_language()

    def stories(self, obj):
        return Story.objects.published()

    def items(self, obj):
        # An item shows no city: no join to select its columns (its body among them). The
        # tags as a list: a prefetched `tags` manager builds a queryset per story to hold them.
        stories = self.stories(obj).titled_in(active_content_language())
        stories = stories.defer("body", "body_th", "body_en")
        tags = Prefetch("tags", to_attr="tag_list")
        return stories.prefetch_related(tags).newest_first()[:FEED_LENGTH]

    def title(self, obj):
        return gettext("WeCitizens: stories")

    def description(self, obj):
        return gettext("New stories from Thailand's learning cities.")

    def subtitle(self, obj):
        return self.description(obj)

    # Every address absolute already (core.siteurl), so Django adds no request host.
    def link(self, obj):
        return absolute_url(self.request, reverse("stories:story_list"))

    def feed_url(self, obj):
        return absolute_url(self.request, self.request.path)

    def item_link(self, story):
        return absolute_url(self.request, story.get_absolute_url())

    def item_title(self, story):
        return translated(story, "title").text

    def item_description(self, story):
        excerpt = getattr(story, f"excerpt_{active_content_language()}")
        return escape(excerpt) if excerpt else None

    def item_pubdate(self, story):
        return story.published_at

    def item_author_name(self, story):
        return SITE_NAME

    def item_updateddate(self, story):
        return story.updated_at

    def item_categories(self, story):
        return [tag.name for tag in story.tag_list]

    def item_enclosures(self, story):
        """The hero image, when the story has one."""
        if not story.hero_image:
            return []
        try:
            length = story.hero_image.size
        except OSError:
            return []
        mime_type = mimetypes.guess_type(story.hero_image.name)[0] or "image/jpeg"
        url = absolute_url(self.request, story.hero_image.url)
        return [Enclosure(url, str(length), mime_type)]


class AtomMixin:
    feed_type = Atom1Feed


class StoryAtomFeed(AtomMixin, StoryFeed):
    """Site-wide feed of the newest published stories (Atom)."""


class CityStoryFeed(StoryFeed):
    """Stories from one published city (RSS 2.0)."""

    def get_object(self, request, slug):
        return get_object_or_404(City.objects.published(), slug=slug)

    def stories(self, city):
        return Story.objects.published().filter(city=city)

    def title(self, city):
        return gettext("WeCitizens: stories from %(city)s") % {
            "city": translated(city, "name").text
        }

    def description(self, city):
        return gettext("New stories from %(city)s.") % {"city": translated(city, "name").text}

    def link(self, city):
        return absolute_url(self.request, city.get_absolute_url())


class CityStoryAtomFeed(AtomMixin, CityStoryFeed):
    """Stories from one published city (Atom)."""


class TagStoryFeed(StoryFeed):
    """Stories with one tag (RSS 2.0)."""

    def get_object(self, request, slug):
        return get_object_or_404(Tag.objects.public(), slug=slug)

    def stories(self, tag):
        return Story.objects.published().filter(tags=tag)

    def title(self, tag):
        return gettext("WeCitizens: stories tagged %(tag)s") % {"tag": tag.name}

    def description(self, tag):
        return gettext("New stories tagged %(tag)s.") % {"tag": tag.name}

    def link(self, tag):
        return absolute_url(self.request, tag.get_absolute_url())


class TagStoryAtomFeed(AtomMixin, TagStoryFeed):
    """Stories with one tag (Atom)."""
