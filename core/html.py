"""Rich text is stored as sanitized HTML: only what a story needs, nothing that runs.

Images are allowed only from our own media (uploads that core.images re-encoded), so a
story cannot carry a tracking pixel or a picture from anywhere else.
"""

import re
import unicodedata
from urllib.parse import unquote, urlsplit

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


# One path segment of a media file: unreserved and sub-delimiter characters, non-ASCII
# characters, or percent-escapes of non-ASCII bytes only, so no escape can hide a dot, a slash,
# a backslash, a percent sign or a control character from the check.
MEDIA_PATH_SEGMENT = re.compile(
    r"(?:[A-Za-z0-9._~!$&'()*+,;=:@-]|%[89A-Fa-f][0-9A-Fa-f]|[^\x00-\x7f])+"
)


def _is_normal_segment(segment):
    if segment in (".", "..") or not MEDIA_PATH_SEGMENT.fullmatch(segment):
        return False
    try:
        decoded = unquote(segment, errors="strict")
    except UnicodeDecodeError:
        return False
    return not any(unicodedata.category(character)[0] in "CZ" for character in decoded)


def is_own_media_url(url):
    """True for the normalised URL of a file under MEDIA_URL: a path on this site or, when media
    live in object storage (an absolute MEDIA_URL), a URL on that host under its path.

    Normalised means a browser requests exactly that file: no dot segments (plain or
    percent-encoded), no empty segments, no backslash, no query or fragment, no other host
    (protocol-relative `//host` included), nothing encoded twice, no spaces or control
    characters. Anything else could make every reader's browser request another URL of the site.
    """
    if urlsplit(settings.MEDIA_URL).netloc:
        prefix = settings.MEDIA_URL.rstrip("/") + "/"
    else:
        prefix = "/" + settings.MEDIA_URL.strip("/") + "/"
    if not url.startswith(prefix):
        return False
    segments = url.removeprefix(prefix).split("/")
    return all(_is_normal_segment(segment) for segment in segments)


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
