import pytest
from django.test import override_settings

from tests.factories import CityFactory, PersonFactory, ResearchProjectFactory, StoryFactory
from tests.pages import html_lang, language_of, url_in

pytestmark = pytest.mark.django_db


def search_page(client, query, language="th", **params):
    response = client.get(url_in(language, "search:search"), {"q": query, **params})
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("language", ["th", "en"])
def test_search_page_without_a_query_is_200(client, language):
    response = client.get(url_in(language, "search:search"))

    assert response.status_code == 200
    assert html_lang(response) == language


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "ก" * 10_000,
        "x" * 10_000,
        "' OR 1=1; DROP TABLE stories_story; --",
        "%_\\",
        '<script>alert("x")</script>',
        "</mark><b>",
        "่",
        "่้๊๋็์",
        "ข่าว\x00",
        "\x00",
        "*:&|!()<->",
    ],
    ids=[
        "empty",
        "spaces",
        "10k-thai",
        "10k-latin",
        "sql",
        "like-wildcards",
        "html",
        "closing-tags",
        "lone-tone-mark",
        "marks-only",
        "nul-inside",
        "nul",
        "tsquery-operators",
    ],
)
@pytest.mark.parametrize("language", ["th", "en"])
def test_absurd_queries_get_a_normal_page(client, query, language):
    StoryFactory(title_th="ข่าวเมือง", title_en="City news")

    response = search_page(client, query, language)

    assert b"<script>alert" not in response.content


def test_like_wildcards_are_matched_literally(client):
    StoryFactory(title_th="เรื่องธรรมดา")

    assert search_page(client, "%").context["page_obj"].paginator.count == 0


def test_results_are_labelled_by_kind(client):
    StoryFactory(title_th="อุดรธานีวันนี้")
    CityFactory(name_th="อุดรธานี")
    ResearchProjectFactory(title_th="วิจัยอุดรธานี")
    PersonFactory(name_th="คนอุดรธานี")

    labels = [result["kind_label"] for result in search_page(client, "อุดรธานี").context["results"]]

    assert sorted(labels) == sorted(["เรื่องราว", "เมือง", "โครงการวิจัย", "บุคคล"])


def test_result_title_and_snippet_highlight_the_query(client):
    StoryFactory(title_th="ตลาดน้ำอัมพวา", excerpt_th="เที่ยวตลาดน้ำยามเย็น")

    content = search_page(client, "ตลาดน้ำ").content.decode()

    assert "<mark>ตลาดน้ำ</mark>อัมพวา" in content
    assert "เที่ยว<mark>ตลาดน้ำ</mark>ยามเย็น" in content


def test_story_text_with_markup_is_escaped_in_results(client):
    StoryFactory(title_th="ตลาด <b>น้ำ</b>", excerpt_th="<img src=x onerror=alert(1)> ตลาด")

    content = search_page(client, "ตลาด").content.decode()

    assert "<img src=x" not in content
    assert "&lt;b&gt;" in content


def test_result_links_to_the_page_in_the_page_language(client):
    story = StoryFactory(title_en="Floating market")

    response = search_page(client, "floating market", "en")

    assert f'href="/en/stories/{story.slug}/"' in response.content.decode()


def test_english_page_shows_thai_only_text_marked_as_thai(client):
    StoryFactory(title_th="ตลาดน้ำอัมพวา", title_en="", excerpt_en="", body_en="")

    response = search_page(client, "ตลาดน้ำ", "en")

    assert language_of(response, "อัมพวา") == "th"


@override_settings(SEARCH_RESULTS_PER_PAGE=2)
def test_results_are_paginated_and_pages_keep_the_query(client):
    StoryFactory.create_batch(5, title_th="ตลาดน้ำ")

    response = search_page(client, "ตลาดน้ำ", page=2)

    assert response.context["page_obj"].number == 2
    assert len(response.context["results"]) == 2
    assert "q=%E0%B8%95" in response.content.decode()  # the next-page link keeps q


def test_search_page_query_count_is_small(client, django_assert_max_num_queries):
    StoryFactory.create_batch(30, title_th="ตลาดน้ำ")

    with django_assert_max_num_queries(4):
        search_page(client, "ตลาดน้ำ")


def test_search_page_query_count_is_small_with_many_matches(
    client, monkeypatch, django_assert_max_num_queries
):
    monkeypatch.setattr("search.query.MAX_COUNT", 10)
    monkeypatch.setattr("search.query.MAX_SHOWN", 5)
    StoryFactory.create_batch(12, title_th="ตลาดน้ำ")

    with django_assert_max_num_queries(5):
        search_page(client, "ตลาดน้ำ")


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("th", "พบมากกว่า 2 รายการสำหรับ “ตลาดน้ำ”"),
        ("en", "More than 2 results for “ตลาดน้ำ”."),
    ],
)
def test_a_capped_count_is_shown_as_more_than(client, monkeypatch, language, expected):
    monkeypatch.setattr("search.query.MAX_COUNT", 2)
    StoryFactory.create_batch(3, title_th="ตลาดน้ำ")

    content = search_page(client, "ตลาดน้ำ", language).content.decode()

    assert expected in content


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("th", "แสดง 2 รายการแรก"),
        ("en", "The first 2 are shown: add a word to narrow the search."),
    ],
)
def test_results_beyond_the_shown_limit_are_announced(client, monkeypatch, language, expected):
    monkeypatch.setattr("search.query.MAX_SHOWN", 2)
    StoryFactory.create_batch(3, title_th="ตลาดน้ำ")

    response = search_page(client, "ตลาดน้ำ", language)

    assert expected in response.content.decode()
    assert response.context["page_obj"].paginator.count == 2


def test_an_exact_count_has_no_more_than(client):
    StoryFactory.create_batch(3, title_th="ตลาดน้ำ")

    content = search_page(client, "ตลาดน้ำ", "en").content.decode()

    assert "3 results for “ตลาดน้ำ”" in content
    assert "More than" not in content


@pytest.mark.parametrize(
    ("language", "expected"),
    [("th", "พบอย่างน้อย 1,234 รายการสำหรับ “ตลาดน้ำ”"), ("en", "At least 1,234 results for")],
)
def test_a_lower_bound_count_is_shown_as_at_least(client, monkeypatch, language, expected):
    from search import query as search_query

    def find(query, language):
        documents = search_query.search_documents(query, language)
        return search_query.Results(documents, 1234, at_least=True)

    monkeypatch.setattr("search.views.find", find)
    StoryFactory(title_th="ตลาดน้ำ")

    assert expected in search_page(client, "ตลาดน้ำ", language).content.decode()
