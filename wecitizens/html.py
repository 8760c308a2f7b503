"""Rich text is stored as sanitized HTML: only what a story needs, nothing that runs.

Images are allowed only from our own media (uploads that wecitizens.images re-encoded), so a
story cannot carry a tracking pixel or a picture from anywhere else.
"""

import re
from urllib.parse import urlsplit

import nh3
from django.conf import settings

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "em", "b", "i", "u", "s", "a",
    "ul", "ol", "li", "blockquote", "figure", "figcaption", "hr", "span", "img",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "span": {"lang"},
    "p": {"lang"},
    "img": {"src", "alt", "width", "height"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
# An image whose source was refused is dropped whole (nh3 has already normalised the markup).
IMAGE_WITHOUT_SOURCE = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>")


def is_own_media_url(url):
    """True for a URL under MEDIA_URL with no '..': a path on this site, or, when media live in
    object storage (an absolute MEDIA_URL), a URL on that host under its path."""
    parts = urlsplit(url)
    if ".." in parts.path or "\\" in url:
        return False
    media = urlsplit(settings.MEDIA_URL)
    if media.netloc:
        same_host = (parts.scheme, parts.netloc) == (media.scheme, media.netloc)
        return same_host and parts.path.startswith(media.path or "/")
    media_path = "/" + settings.MEDIA_URL.strip("/") + "/"
    return not parts.scheme and not parts.netloc and parts.path.startswith(media_path)


def _filter_attribute(tag, attribute, value):
    if tag == "img" and attribute == "src":
        return value if is_own_media_url(value) else None
    if tag == "img" and attribute in ("width", "height"):
        return value if value.isdigit() else None
    return value


def sanitize_html(html):
    if not html:
        return ""
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        attribute_filter=_filter_attribute,
        link_rel="noopener noreferrer nofollow",
    )
    return IMAGE_WITHOUT_SOURCE.sub("", cleaned).strip()
