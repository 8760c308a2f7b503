"""Feeds, under each language's prefix (Thai unprefixed, English /en/)."""

from django.urls import path

from stories import feeds
from tags import converters  # noqa: F401  (registers <tag_slug:>)

app_name = "feeds"

urlpatterns = [
    path("stories/feed/rss/", feeds.StoryFeed(), name="stories_rss"),
    path("stories/feed/atom/", feeds.StoryAtomFeed(), name="stories_atom"),
    path("cities/<slug:slug>/feed/rss/", feeds.CityStoryFeed(), name="city_rss"),
    path("cities/<slug:slug>/feed/atom/", feeds.CityStoryAtomFeed(), name="city_atom"),
    path("tags/<tag_slug:slug>/feed/rss/", feeds.TagStoryFeed(), name="tag_rss"),
    path("tags/<tag_slug:slug>/feed/atom/", feeds.TagStoryAtomFeed(), name="tag_atom"),
]
