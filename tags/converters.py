"""The `tag_slug` path converter: a tag's address as readers type or paste it.

Django's `<slug:>` matches ASCII only. This one takes any characters but '/', whitespace and
control characters (PostgreSQL refuses NUL in a query), so `/tags/ข้าว/` and its
percent-encoded form resolve alike, and NFC-normalises them as tag slugs are stored.

Wider on purpose than `tags.slugs.TAG_SLUG_PATTERN`, the API's Latin-and-Thai rule: a tag
named in any script has an address, and an address that names no tag is the view's 404.
"""

import unicodedata

from django.urls import register_converter


class TagSlugConverter:
    regex = r"[^/\s\x00-\x1f\x7f]+"

    def to_python(self, value):
        return unicodedata.normalize("NFC", value)

    def to_url(self, value):
        return value


register_converter(TagSlugConverter, "tag_slug")
