import datetime

import pytest
from django.template import Context, Template
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from core.templatetags.wecitizens import local_date, tr, year, year_range
from tests.factories import CityFactory
from tests.pages import language_of


class _Rendered:
    """Lets tests.html read a rendered template like a response."""

    def __init__(self, text):
        self.content = text.encode()


def render(source, language, **context):
    with translation.override(language):
        return _Rendered(Template("{% load wecitizens %}" + source).render(Context(context)))


def test_tr_prints_text_in_the_page_language_unmarked():
    city = CityFactory.build(name_th="เชียงใหม่", name_en="Chiang Mai")

    with translation.override("en"):
        assert tr(city, "name") == "Chiang Mai"


def test_tr_marks_thai_fallback_with_lang_th():
    city = CityFactory.build(name_th="เชียงใหม่", name_en="")

    with translation.override("en"):
        assert tr(city, "name") == '<span lang="th">เชียงใหม่</span>'


def test_tr_marks_english_fallback_with_lang_en():
    city = CityFactory.build(name_th="", name_en="Chiang Mai")

    with translation.override("th"):
        assert tr(city, "name") == '<span lang="en">Chiang Mai</span>'


def test_tr_escapes_html_in_the_text():
    city = CityFactory.build(name_th="<b>เมือง</b>", name_en="")

    with translation.override("th"):
        assert tr(city, "name") == "&lt;b&gt;เมือง&lt;/b&gt;"


def test_tr_of_nothing_is_empty():
    assert tr(None, "name") == ""


def test_translated_block_shows_thai_text_marked_lang_th_with_a_notice_on_english_pages():
    city = CityFactory.build(summary_th="สรุปภาษาไทย", summary_en="")

    page = render('{% translated_block city "summary" %}', "en", city=city)

    assert language_of(page, "สรุปภาษาไทย") == "th"
    assert language_of(page, "Not yet translated") == "en"


def test_translated_block_has_no_notice_when_the_text_is_translated():
    city = CityFactory.build(summary_th="สรุปภาษาไทย", summary_en="An English summary")

    page = render('{% translated_block city "summary" %}', "en", city=city)

    assert b"Not yet translated" not in page.content
    assert language_of(page, "An English summary") is None  # inherits the page's language


def test_translated_block_renders_nothing_when_neither_language_has_text():
    city = CityFactory.build(summary_th="", summary_en="")

    page = render('{% translated_block city "summary" %}', "en", city=city)

    assert page.content.strip() == b""


def test_translated_block_escapes_plain_text():
    city = CityFactory.build(summary_th="<script>x</script>", summary_en="")

    page = render('{% translated_block city "summary" %}', "th", city=city)

    assert b"<script>" not in page.content


@pytest.mark.parametrize(("language", "expected"), [("th", 2563), ("en", 2020)])
def test_year_is_buddhist_era_on_thai_pages_and_common_era_on_english(language, expected):
    with translation.override(language):
        assert year(2020) == expected


def test_year_of_nothing_is_empty():
    assert year(None) == ""


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [(2020, 2021, "2563–2564"), (2020, 2020, "2563"), (2020, None, "2563"), (None, None, "")],
)
def test_year_range_on_thai_pages(start, end, expected):
    with translation.override("th"):
        assert year_range(start, end) == expected


def test_local_date_on_thai_pages_uses_thai_months_and_the_buddhist_era():
    with translation.override("th"):
        assert local_date(datetime.date(2024, 10, 25)) == "25 ตุลาคม 2567"


def test_local_date_on_english_pages_uses_the_common_era():
    with translation.override("en"):
        assert local_date(datetime.date(2024, 10, 25)) == "25 October 2024"


def test_local_date_shows_a_datetime_in_bangkok_time():
    late_utc = datetime.datetime(2024, 10, 24, 20, 0, tzinfo=datetime.UTC)  # 03:00 in Bangkok

    with translation.override("en"):
        assert local_date(late_utc) == "25 October 2024"


# shorten, and dates on pages


def test_shorten_filter_cuts_thai_on_a_word_boundary():
    rendered = render("{{ text|shorten:20 }}", "th", text="การพัฒนาเมืองแห่งการเรียนรู้อย่างยั่งยืน")

    assert rendered.content.decode() == "การพัฒนาเมืองแห่ง…"


def test_shorten_filter_escapes_text():
    rendered = render("{{ text|shorten:50 }}", "th", text="<b>ข่าว</b>")

    assert rendered.content.decode() == "&lt;b&gt;ข่าว&lt;/b&gt;"


def test_tr_shorten_keeps_the_lang_mark_of_fallback_text():
    city = CityFactory.build(summary_th="การพัฒนาเมืองแห่งการเรียนรู้อย่างยั่งยืน", summary_en="")

    rendered = render('{% tr_shorten city "summary" 20 %}', "en", city=city)

    assert rendered.content.decode() == '<span lang="th">การพัฒนาเมืองแห่ง…</span>'


def test_tr_shorten_of_text_in_the_page_language_is_unmarked():
    city = CityFactory.build(summary_th="การพัฒนาเมือง", summary_en="A <b>learning</b> city")

    rendered = render('{% tr_shorten city "summary" 40 %}', "en", city=city)

    assert rendered.content.decode() == "A &lt;b&gt;learning&lt;/b&gt; city"


def test_tr_shorten_of_an_empty_field_is_empty():
    city = CityFactory.build(summary_th="", summary_en="")

    assert render('{% tr_shorten city "summary" 20 %}', "th", city=city).content.decode() == ""


def test_shorten_filter_reduces_html_to_its_text():
    rendered = render("{{ text|shorten:50 }}", "th", text=mark_safe("<p>ข่าว &amp; เมือง</p>"))

    assert rendered.content.decode() == "ข่าว &amp; เมือง"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "shown"), [("th", "25 พฤศจิกายน 2569"), ("en", "25 November 2026")]
)
def test_story_page_shows_the_date_for_its_language_and_iso_in_time(client, language, shown):
    from tests.factories import StoryFactory
    from tests.pages import url_in

    moment = datetime.datetime(2026, 11, 25, 3, 0, tzinfo=datetime.UTC)
    story = StoryFactory(published_at=moment)

    content = client.get(url_in(language, "stories:story_detail", slug=story.slug)).content
    text = content.decode()

    iso = timezone.localtime(moment).isoformat()
    assert f'<time datetime="{iso}">{shown}</time>' in text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "shown"), [("th", "25 พฤศจิกายน 2569"), ("en", "25 November 2026")]
)
def test_story_card_shows_the_date_for_its_language(client, language, shown):
    from tests.factories import StoryFactory
    from tests.pages import url_in

    StoryFactory(published_at=datetime.datetime(2026, 11, 25, 3, 0, tzinfo=datetime.UTC))

    content = client.get(url_in(language, "stories:story_list")).content.decode()

    assert f">{shown}</time>" in content
