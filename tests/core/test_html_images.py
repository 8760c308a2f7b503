"""Images in rich text come only from normalised paths under the media URL: whatever a reader's
browser resolves the source to stays inside /media/, or the image is removed."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.html import sanitize_html

KEPT = [
    "/media/stories/3f2a.jpg",
    "/media/renditions/3f2a-0123456789abcdef/1600.webp",
    "/media/stories/%E0%B8%81.jpg",  # an encoded Thai file name
]
REFUSED = [
    "/media/%2e%2e/portal/stories/9/submit/",
    "/media/%2E%2E/portal/stories/9/submit/",
    "/media/.%2e/portal/",
    "/media/%2e./portal/",
    "/media/../portal/stories/9/submit/",
    "/media/stories/../../admin/",
    "/media/./stories/a.jpg",
    "/media/%2e/stories/a.jpg",
    "/media/%252e%252e/portal/",  # encoded twice
    "/media/stories/a.jpg?next=/portal/stories/9/submit/",
    "/media/stories/a.jpg#x",
    "/media/..\\portal\\",
    "/media/%5c..%5cportal/",
    "/media/stories\\..\\..\\portal",
    "//evil.example/media/a.jpg",
    "///evil.example/media/a.jpg",
    "/\\evil.example/media/a.jpg",
    "https://evil.example/media/a.jpg",
    "/media//evil.example/a.jpg",
    "/media/",
    "/mediaX/a.jpg",
    "/portal/stories/9/submit/",
    "/media/stories/a%00.jpg",
    "/media/stories/a%ff.jpg",
    "/media/stories/&#46;&#46;/&#46;&#46;/portal/",
    "/media/stories/%2e%2e%2f%2e%2e%2fportal/",
    " /media/stories/a.jpg",
    "/media/stories/a.jpg\n/portal/",
]


def kept_src(src):
    cleaned = sanitize_html(f'<p>ก่อน</p><img src="{src}" alt="ภาพ">')
    found = re.search(r'<img[^>]*\ssrc="([^"]*)"', cleaned)
    return found and found.group(1)


@pytest.mark.parametrize("src", KEPT)
def test_an_own_media_image_is_kept(src):
    assert kept_src(src) == src


@pytest.mark.parametrize("src", REFUSED)
def test_an_image_source_outside_normalised_media_paths_is_removed(src):
    cleaned = sanitize_html(f'<p>ก่อน</p><img src="{src}" alt="ภาพ">')

    assert "<img" not in cleaned
    assert cleaned == "<p>ก่อน</p>"


def browser_path(src):
    """The path a browser requests for `src` on a page of this site (WHATWG URL rules for a
    special scheme: backslash is a slash, '.', '%2e' and their doubles are dot segments)."""
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", src) or re.match(r"^[/\\]{2}", src):
        return None  # another scheme or another host
    path = re.split(r"[?#]", src.replace("\\", "/"), maxsplit=1)[0]
    output = []
    for segment in path.split("/")[1:]:
        lowered = segment.lower()
        if lowered in ("..", ".%2e", "%2e.", "%2e%2e"):
            if output:
                output.pop()
        elif lowered not in (".", "%2e"):
            output.append(segment)
    return "/" + "/".join(output)


PIECES = st.sampled_from(
    [
        "/", "\\", "media", "stories", "a.jpg", "..", ".", "%2e", "%2E", "%2e%2e", ".%2e",
        "%25", "%2f", "%5c", "?", "#", "//", "evil.example", "portal", "%00", "http:", "&#46;",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=10))
def test_whatever_the_source_a_kept_image_is_requested_under_media(pieces):
    src = "/media/" + "".join(pieces)

    kept = kept_src(src)

    if kept is not None:
        assert not re.search(r"[?#\\]", kept)
        requested = browser_path(kept)
        assert requested is not None and requested.startswith("/media/")
        assert requested == kept  # already normalised: nothing for the browser to resolve


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_arbitrary_text_as_a_source_never_escapes_media(text):
    kept = kept_src(text.replace('"', ""))

    if kept is not None:
        assert browser_path(kept) == kept
        assert kept.startswith("/media/")


@pytest.mark.parametrize(
    ("src", "kept"),
    [
        ("https://media.example.net/bucket/stories/a.jpg", True),
        ("https://media.example.net/bucket/%2e%2e/other/a.jpg", False),
        ("https://media.example.net/bucket/stories/a.jpg?X-Amz-Signature=1", False),
        ("https://media.example.net.evil.example/bucket/a.jpg", False),
        ("https://media.example.net/bucketX/a.jpg", False),
        ("/bucket/stories/a.jpg", False),
    ],
)
def test_with_media_in_object_storage_only_normalised_urls_there_are_kept(settings, src, kept):
    settings.MEDIA_URL = "https://media.example.net/bucket/"

    assert (kept_src(src) == src) is kept
