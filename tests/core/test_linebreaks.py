"""Thai text marked to break lines only between words: markup kept, names whole, nothing unsafe."""

import re

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.utils.safestring import SafeData, mark_safe

from core import content, linebreaks
from core.html import sanitize_html
from core.linebreaks import word_breaks
from tests.core.test_html_xss import PAYLOADS
from tests.factories import CityFactory, PersonFactory
from tests.pages import url_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _word_breaks_on(settings):
    settings.WECITIZENS_THAI_WORD_BREAKS = True


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed():` runs what the commit of the block's saves would run."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def runs(html):
    """The words of each marked run of Thai: [["ต่อยอด", "การ", ...], ...]."""
    return [run.split("<wbr>") for run in re.findall(r'<span class="th-words">(.*?)</span>', html)]


def unmarked(html):
    """The HTML without the marks: each marked run's span taken off, and its breaks."""
    return re.sub(r'<span class="th-words">(.*?)</span>', lambda run: run[1], html).replace(
        "<wbr>", ""
    )


def test_thai_words_are_marked_with_a_break_between_them_only():
    html = word_breaks("ความเป็นอัตลักษณ์ของเมืองต่อยอดการเรียนรู้")

    assert runs(html) == [["ความ", "เป็น", "อัตลักษณ์", "ของ", "เมือง", "ต่อยอด", "การเรียนรู้"]]
    assert isinstance(html, SafeData)


def test_spaces_and_latin_text_are_left_as_they_are():
    html = word_breaks("Smart city ปี 2024 เมืองน่าอยู่")

    assert unmarked(html) == "Smart city ปี 2024 เมืองน่าอยู่"
    assert html.startswith("Smart city ")
    assert runs(html) == [["ปี"], ["เมือง", "น่าอยู่"]]


def test_text_without_thai_is_returned_unchanged():
    assert word_breaks("Hat Yai & <b>") == "Hat Yai &amp; &lt;b&gt;"


def test_a_persons_name_with_an_honorific_written_against_it_stays_whole(committed):
    with committed():
        PersonFactory(honorific_th="ดร.", name_th="ชัญญารินทร์ สมพร")

    html = word_breaks("สนทนากับ ผศ. ดร.ชัญญารินทร์ สมพร หัวหน้าโครงการ")

    assert ["ดร.ชัญญารินทร์"] in runs(html)
    assert ["สมพร"] in runs(html)


def test_a_city_name_the_dictionary_does_not_know_stays_whole(committed):
    text = "เมืองชัญญาริมน้ำน่าอยู่"
    before = runs(word_breaks(text))
    with committed():
        CityFactory(name_th="ชัญญาริมน้ำ")

    after = runs(word_breaks(text))

    assert "ชัญญาริมน้ำ" not in before[0]
    assert "ชัญญาริมน้ำ" in after[0]


def test_a_renamed_city_no_longer_counts_as_a_word(committed):
    text = "เมืองชัญญาริมน้ำน่าอยู่"
    with committed():
        city = CityFactory(name_th="ชัญญาริมน้ำ")
    known = runs(word_breaks(text))
    with committed():
        city.name_th = "ริมน้ำใหม่"
        city.save()

    assert "ชัญญาริมน้ำ" in known[0]
    assert "ชัญญาริมน้ำ" not in runs(word_breaks(text))[0]


def test_a_name_is_used_once_its_transaction_commits_not_before(committed):
    text = "เมืองชัญญาริมน้ำน่าอยู่"
    word_breaks(text)

    with committed():
        CityFactory(name_th="ชัญญาริมน้ำ")
        before_the_commit = runs(word_breaks(text))
    _digest, stored_names = cache.get(linebreaks.NAMES_KEY)

    assert "ชัญญาริมน้ำ" not in before_the_commit[0]
    assert "ชัญญาริมน้ำ" in runs(word_breaks(text))[0]
    assert "ชัญญาริมน้ำ" in stored_names  # what the other processes read


def test_a_name_saved_in_a_rolled_back_transaction_is_never_used(committed):
    text = "เมืองชัญญาริมน้ำน่าอยู่"
    word_breaks(text)
    stored = cache.get(linebreaks.NAMES_KEY)

    with committed(), transaction.atomic():
        CityFactory(name_th="ชัญญาริมน้ำ")
        transaction.set_rollback(True)

    assert cache.get(linebreaks.NAMES_KEY) == stored
    assert "ชัญญาริมน้ำ" not in runs(word_breaks(text))[0]


def test_names_are_read_once_for_a_transaction_that_saves_many(committed, monkeypatch):
    reads = []
    site_names = linebreaks.site_names
    monkeypatch.setattr(linebreaks, "site_names", lambda: reads.append(1) or site_names())

    with committed():
        for number in range(5):
            CityFactory(name_th=f"ชัญญาริมน้ำ{number}")
        PersonFactory(name_th="ชัญญารินทร์ สมพร")

    assert len(reads) == 1
    assert "ชัญญาริมน้ำ4" in runs(word_breaks("เมืองชัญญาริมน้ำ4น่าอยู่"))[0]


def test_a_migration_changing_names_leaves_them_to_be_read_again(committed):
    with committed():
        city = CityFactory(name_th="ชัญญาริมน้ำ")
    word_breaks("อุ่นเครื่อง")

    content.changed.send(
        sender=type(city), change=content.SAVED, objects=city, schema_is_current=False
    )

    assert cache.get(linebreaks.NAMES_KEY) is None


def test_names_are_read_from_the_cache_without_a_query(django_assert_num_queries, committed):
    with committed():
        CityFactory(name_th="ชัญญาริมน้ำ")
    word_breaks("อุ่นเครื่อง")

    with django_assert_num_queries(0):
        html = word_breaks("เมืองชัญญาริมน้ำน่าอยู่ทุกวัน")

    assert "ชัญญาริมน้ำ" in runs(html)[0]


def test_rich_text_keeps_its_markup_and_attributes():
    html = mark_safe(
        '<p class="x">เมืองหาดใหญ่ <a href="/search/?q=ต่อยอด" title="ต่อยอดการเรียนรู้">'
        "ต่อยอดการเรียนรู้</a> &amp; <strong>อัตลักษณ์</strong></p>"
    )

    marked = word_breaks(html)

    assert unmarked(marked) == html
    assert '<a href="/search/?q=ต่อยอด" title="ต่อยอดการเรียนรู้">' in marked
    assert runs(marked) == [["เมือง", "หาดใหญ่"], ["ต่อยอด", "การเรียนรู้"], ["อัตลักษณ์"]]


def test_code_and_preformatted_text_are_not_marked():
    html = mark_safe("<pre>ต่อยอดการเรียนรู้</pre><p><code>ต่อยอด การ</code></p>")

    assert word_breaks(html) == html


def test_marking_twice_changes_nothing():
    once = word_breaks(mark_safe("<p>ต่อยอด &quot;การเรียนรู้&quot; (ชุมชน) Hat Yai's</p>"))

    assert word_breaks(once) == once
    assert word_breaks(mark_safe(str(once))) == once


def test_a_line_never_ends_on_an_opening_bracket_nor_starts_with_a_closing_one():
    assert runs(word_breaks("เมือง(ชุมชน)น่าอยู่")) == [["เมือง", "(ชุมชน)", "น่าอยู่"]]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_text_that_looks_like_markup_is_escaped(payload):
    html = word_breaks(f"เมือง{payload}ต่อยอด")

    assert "<" not in unmarked(html).replace("&lt;", "")
    assert re.sub(r"<[^>]*>", "", html).count("<") == 0


@pytest.mark.parametrize("payload", PAYLOADS)
def test_sanitised_rich_text_stays_sanitised(payload):
    clean = mark_safe(sanitize_html(f"<p>เมืองต่อยอด {payload} การเรียนรู้</p>"))

    assert unmarked(word_breaks(clean)) == clean


def test_the_filter_marks_text_shown_in_a_template_and_nothing_in_attributes():
    template = Template('{% load wecitizens %}<h1 title="{{ text }}">{{ text|word_breaks }}</h1>')

    html = template.render(Context({"text": "ต่อยอด <script>"}))

    assert html == (
        '<h1 title="ต่อยอด &lt;script&gt;"><span class="th-words">ต่อยอด</span> &lt;script&gt;</h1>'
    )


def test_the_marked_text_is_kept_by_its_hash(django_assert_num_queries, monkeypatch):
    text = "ต่อยอดการเรียนรู้ของชุมชนเมือง"
    first = word_breaks(text)
    linebreaks._local.clear()
    monkeypatch.setattr(linebreaks, "mark_html", pytest.fail)

    assert word_breaks(text) == first


def public_urls(site):
    return [
        "/",
        "/cities/",
        site.city.get_absolute_url(),
        site.project.get_absolute_url(),
        site.person.get_absolute_url(),
        site.story.get_absolute_url(),
        "/stories/",
        site.tag.get_absolute_url(),
        url_in("th", "search:search") + "?q=เมือง",
    ]


def test_marking_adds_no_query_to_any_public_page(client, site, settings):
    linebreaks.store_names()  # as the commit of the site's rows does
    for url in public_urls(site):
        settings.WECITIZENS_THAI_WORD_BREAKS = False
        client.get(url)
        with CaptureQueriesContext(connection) as plain:
            assert client.get(url).status_code == 200
        settings.WECITIZENS_THAI_WORD_BREAKS = True
        with CaptureQueriesContext(connection) as marked:
            response = client.get(url)

        assert len(marked) == len(plain), url
        assert 'class="th-words"' in response.content.decode()


@pytest.mark.parametrize(
    ("url", "shows_the_title"),
    [
        ("/stories/feed/rss/", True),
        ("/stories/feed/atom/", True),
        ("/api/stories/", True),
        ("/sitemap.xml", False),
    ],
)
def test_feeds_sitemaps_and_the_api_are_never_marked(client, site, url, shows_the_title):
    text = client.get(url, follow=True).content.decode()

    assert "<wbr>" not in text
    assert "th-words" not in text
    assert (site.story.title_th in text) is shows_the_title


def test_the_page_title_and_descriptions_stay_unmarked(client, site):
    html = client.get(site.story.get_absolute_url()).content.decode()
    head = html[: html.index("<body")]

    assert 'class="th-words"' in html
    assert "<wbr>" not in head
    assert "th-words" not in head
