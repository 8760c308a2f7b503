from core.html import sanitize_html


def test_script_elements_are_removed_with_their_content():
    assert sanitize_html("<p>ก่อน</p><script>alert(1)</script>") == "<p>ก่อน</p>"


def test_event_handler_attributes_are_removed():
    assert "onclick" not in sanitize_html('<p onclick="alert(1)">ข้อความ</p>')


def test_images_are_removed_with_their_onerror_handler():
    cleaned = sanitize_html('<img src="x" onerror="alert(1)">')

    assert "onerror" not in cleaned
    assert "<img" not in cleaned


def test_javascript_links_lose_their_address():
    cleaned = sanitize_html('<a href="javascript:alert(1)">คลิก</a>')

    assert "javascript:" not in cleaned
    assert "คลิก" in cleaned


def test_links_open_without_referrer_or_opener():
    cleaned = sanitize_html('<a href="https://example.org/">อ่าน</a>')

    assert 'href="https://example.org/"' in cleaned
    assert 'rel="noopener noreferrer nofollow"' in cleaned


def test_lang_attribute_survives_on_spans_and_paragraphs():
    html = '<p lang="en">An English quote, <span lang="th">ภาษาไทย</span></p>'

    assert sanitize_html(html) == html


def test_style_and_class_are_removed():
    assert sanitize_html('<p class="x" style="color:red">ข้อความ</p>') == "<p>ข้อความ</p>"


def test_empty_or_missing_html_becomes_an_empty_string():
    assert sanitize_html(None) == ""
    assert sanitize_html("") == ""
