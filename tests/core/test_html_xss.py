"""XSS payloads through the rich-text sanitizer: nothing that runs, loads or styles survives."""

import pytest

from core.html import sanitize_html

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    '<img src="/media/stories/a.jpg" onerror="alert(1)">',
    "<svg/onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="  javascript:alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<p onclick="alert(1)" onmouseover="alert(1)">x</p>',
    "<iframe src=javascript:alert(1)></iframe>",
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    "<object data=javascript:alert(1)></object>",
    "<embed src=javascript:alert(1)>",
    "<body onload=alert(1)>",
    '<details open ontoggle="alert(1)">',
    "<video><source onerror=alert(1)></video>",
    "<audio src=x onerror=alert(1)>",
    "<form action=javascript:alert(1)><button>x</button></form>",
    '<input autofocus onfocus="alert(1)">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    "<style>@import 'https://evil.example/x.css';</style>",
    '<base href="https://evil.example/">',
    "<marquee onstart=alert(1)>",
    "<<script>script>alert(1)<</script>/script>",
    '<img src="https://evil.example/pixel.gif">',
    '<img src="//evil.example/pixel.gif">',
    '<img src="data:image/png;base64,iVBORw0KGgo=">',
    '<img src="/media/../admin/">',
    '<img src="javascript:alert(1)">',
    '<span lang="th" class="x" id="y" style="color:red">x</span>',
    '<a href="https://example.org" target="_blank" onfocus="x">x</a>',
    "<!--<img src=x onerror=alert(1)>-->",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
]
FORBIDDEN = [
    "<script",
    "onerror",
    "onload",
    "onclick",
    "onmouseover",
    "ontoggle",
    "onfocus",
    "onstart",
    "javascript:",
    "vbscript:",
    "data:",
    "style",
    "<iframe",
    "<object",
    "<embed",
    "<svg",
    "<math",
    "<form",
    "<input",
    "<meta",
    "<link",
    "<base",
    "evil.example",
    "class=",
    "id=",
    "target=",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_no_payload_survives_the_sanitizer(payload):
    cleaned = sanitize_html(payload).lower()

    for forbidden in FORBIDDEN:
        assert forbidden not in cleaned, f"{forbidden!r} survived in {cleaned!r}"


def test_an_image_from_our_own_media_is_kept_with_its_alt_text():
    html = '<img src="/media/stories/abc.jpg" alt="ตลาดเช้า" width="800" height="600">'

    assert sanitize_html(html) == html


def test_an_image_from_elsewhere_is_removed_whole():
    assert sanitize_html('<p>ก<img src="https://example.org/x.jpg" alt="x">ข</p>') == "<p>กข</p>"


def test_story_markup_is_kept():
    html = (
        "<h2>หัวข้อ</h2><p><strong>ตัวหนา</strong> <em>เอียง</em></p>"
        "<ul><li>หนึ่ง</li></ul><ol><li>สอง</li></ol><blockquote>คำพูด</blockquote>"
        '<p><a href="https://example.org" rel="noopener noreferrer nofollow">ลิงก์</a></p>'
    )

    assert sanitize_html(html) == html
