import pytest
from django.core.management import call_command
from django.db import connection

from projects.models import ResearchProject
from search.models import ResultKind
from search.query import Query, find, highlight, search_documents, snippet
from stories.models import Story
from tests.factories import CityFactory, PersonFactory, StoryFactory
from tests.pages import url_in

pytestmark = pytest.mark.django_db


def results(query, language="th"):
    return [(doc.kind, doc.object_id) for doc in search_documents(Query(query), language)]


@pytest.fixture
def seed(db):
    call_command("load_content", verbosity=0)


def titles(client, query, language):
    response = client.get(url_in(language, "search:search"), {"q": query})
    assert response.status_code == 200
    return [
        (result["document"].kind, result["document"].title)
        for result in response.context["results"]
    ]


# The real content: each query finds the items a reader means


@pytest.mark.parametrize("language", ["th", "en"])
def test_seed_search_for_smart_in_thai_finds_the_roi_et_smart_city_items(client, seed, language):
    found = titles(client, "ชาญฉลาด", language)
    project = ResearchProject.objects.get(slug="roi-et-smart-livable-city")

    assert ("project", project.title_th if language == "th" else project.title_en) in found
    assert sum(kind == "story" for kind, _title in found) >= 3


@pytest.mark.parametrize("language", ["th", "en"])
def test_seed_search_for_learning_finds_the_researcher(client, seed, language):
    found = titles(client, "การเรียนรู้", language)

    assert [kind for kind, _title in found].count("person") == 1


@pytest.mark.parametrize("language", ["th", "en"])
def test_seed_search_for_hat_yai_finds_songkhla(client, seed, language):
    assert titles(client, "หาดใหญ่", language) == [
        ("city", "สงขลา" if language == "th" else "Songkhla")
    ]


@pytest.mark.parametrize("language", ["th", "en"])
def test_seed_search_for_yala_city_municipality_finds_yala(client, seed, language):
    assert titles(client, "เทศบาลนครยะลา", language) == [
        ("city", "ยะลา" if language == "th" else "Yala")
    ]


@pytest.mark.parametrize("language", ["th", "en"])
def test_seed_search_for_learning_city_finds_the_programme_cities(client, seed, language):
    found = titles(client, "Learning City", language)

    assert sum(kind == "city" for kind, _title in found) == 18


@pytest.mark.parametrize("language", ["th", "en"])
def test_seed_search_for_smart_city_finds_the_roi_et_project(client, seed, language):
    found = titles(client, "smart city", language)

    assert "project" in [kind for kind, _title in found]


# Thai segmentation and substring matching


def test_search_finds_a_thai_word_inside_an_unspaced_sentence():
    story = StoryFactory(title_th="ร้อยเอ็ดเมืองน่าอยู่อย่างชาญฉลาด")
    StoryFactory(title_th="เรื่องอื่น")

    assert results("ชาญฉลาด") == [("story", story.pk)]


def test_search_finds_a_word_that_segmentation_keeps_inside_a_compound():
    story = StoryFactory(excerpt_th="ศูนย์การเรียนรู้ของชุมชน")

    assert results("เรียนรู้") == [("story", story.pk)]


def test_a_query_with_decomposed_sara_am_finds_the_composed_text():
    story = StoryFactory(excerpt_th="ผศ. ดร.ชัญญรินทร์ สมพร รองผู้อำนวยการสำนัก")

    assert results("ผู้อ\u0e4d\u0e32นวยการ") == [("story", story.pk)]


def test_text_entered_with_decomposed_sara_am_is_found_by_the_composed_query():
    story = StoryFactory(excerpt_th="รองผู้อ\u0e4d\u0e32นวยการส\u0e4d\u0e32นัก")

    assert results("ผู้อำนวยการ") == [("story", story.pk)]
    assert results("สำนัก") == [("story", story.pk)]


def test_seed_search_for_director_finds_the_story_that_names_her(seed):
    story = Story.objects.get(slug="conversation-with-chanyarin-somporn")

    assert ("story", story.pk) in results("ผู้อำนวยการ")


def test_search_needs_every_word_of_a_multi_word_query():
    both = StoryFactory(title_en="Smart city", body_en="<p>Learning at every age</p>")
    StoryFactory(title_en="Smart farming")

    assert results("smart learning", "en") == [("story", both.pk)]


def test_search_ignores_case_in_english():
    story = StoryFactory(title_en="Learning City")

    assert results("learning CITY", "en") == [("story", story.pk)]


# Ranking


def test_a_title_match_ranks_above_an_excerpt_match_above_a_body_match():
    in_body = StoryFactory(title_th="ก", excerpt_th="ข", body_th="<p>ตลาดน้ำอัมพวา</p>")
    in_title = StoryFactory(title_th="ตลาดน้ำอัมพวา", excerpt_th="ข", body_th="")
    in_excerpt = StoryFactory(title_th="ค", excerpt_th="ตลาดน้ำอัมพวา", body_th="")

    assert results("ตลาดน้ำอัมพวา") == [
        ("story", in_title.pk),
        ("story", in_excerpt.pk),
        ("story", in_body.pk),
    ]


def test_a_match_in_the_page_language_ranks_above_one_in_the_other_language():
    in_thai = StoryFactory(excerpt_th="rice farming ในหมู่บ้าน", excerpt_en="Elsewhere")
    in_english = StoryFactory(excerpt_en="About rice farming")

    assert results("rice farming", "en") == [("story", in_english.pk), ("story", in_thai.pk)]


# What may be found


def test_search_finds_only_public_content():
    StoryFactory(title_th="ตลาดน้ำ", draft=True)
    StoryFactory(title_th="ตลาดน้ำ", city=CityFactory(is_published=False))
    PersonFactory(name_th="ตลาดน้ำ", is_published=False)
    public = StoryFactory(title_th="ตลาดน้ำ")

    assert results("ตลาดน้ำ") == [("story", public.pk)]


def test_search_finds_cities_projects_and_people():
    city = CityFactory(name_th="อุดรธานี")
    person = PersonFactory(bio_th="เกิดที่อุดรธานี")

    assert set(results("อุดรธานี")) == {(ResultKind.CITY, city.pk), (ResultKind.PERSON, person.pk)}


def test_search_backend_is_the_one_under_test():
    assert connection.vendor in ("sqlite", "postgresql")


# Highlighting


def test_highlight_marks_the_query_and_escapes_the_rest():
    assert highlight("<b>ตลาดน้ำ</b> & more", Query("ตลาดน้ำ")) == (
        "&lt;b&gt;<mark>ตลาดน้ำ</mark>&lt;/b&gt; &amp; more"
    )


def test_highlight_never_splits_a_consonant_from_its_tone_mark():
    # "ข" matches the start of "ข้าว": its tone mark stays with it inside <mark>.
    assert highlight("ข้าว", Query("ข")) == "<mark>ข้</mark>าว"


def test_snippet_shows_the_part_of_a_long_text_around_the_match():
    text = "การพัฒนาเมือง" * 40 + "ตลาดน้ำอัมพวา" + "ชุมชนเข้มแข็ง" * 40

    result = snippet(text, Query("ตลาดน้ำ"), length=80)

    assert "<mark>ตลาดน้ำ</mark>" in result
    assert result.startswith("…") and result.endswith("…")
    assert len(result) < 120


# Bounded work for common words (search.query.find)


@pytest.fixture
def small_limits(monkeypatch):
    """Count at most 3 matches and rank and show at most 2, so a few stories are "many"."""
    monkeypatch.setattr("search.query.MAX_COUNT", 3)
    monkeypatch.setattr("search.query.MAX_SHOWN", 2)


def test_find_counts_every_match_when_few_match():
    StoryFactory.create_batch(3, excerpt_th="ตลาดน้ำ")

    found = find(Query("ตลาดน้ำ"), "th")

    assert (found.total, found.capped, found.at_least) == (3, False, False)


def test_find_says_when_its_count_is_not_exact(small_limits):
    StoryFactory.create_batch(2, excerpt_th="เด็ก เรียนรู้ ทุกวัน")
    StoryFactory(excerpt_th="ศูนย์การเรียนรู้ชุมชน")  # found only by the raw text

    found = find(Query("เรียนรู้"), "th")

    # 3 match: the count is exact, or a lower bound that says so.
    assert found.total == 3 or (found.total <= 3 and (found.at_least or found.capped))


def test_find_stops_counting_above_the_cap(small_limits):
    StoryFactory.create_batch(5, excerpt_th="ตลาดน้ำ")

    found = find(Query("ตลาดน้ำ"), "th")

    assert (found.total, found.capped) == (3, True)


def test_find_shows_at_most_the_ranked_limit(small_limits):
    StoryFactory.create_batch(3, excerpt_th="ตลาดน้ำ")

    found = find(Query("ตลาดน้ำ"), "th")

    assert (found.count(), len(found[0:10]), found.limited) == (2, 2, True)


def test_with_too_many_matches_a_title_match_found_last_still_ranks_first(small_limits):
    StoryFactory.create_batch(4, excerpt_th="ข", body_th="<p>ตลาดน้ำ</p>")
    in_title = StoryFactory(title_th="ตลาดน้ำอัมพวา")

    found = find(Query("ตลาดน้ำ"), "th")

    assert found[0:2][0].object_id == in_title.pk


def test_with_too_many_word_matches_a_compound_in_a_title_is_still_found(small_limits):
    StoryFactory.create_batch(4, title_th="ข่าว", body_th="<p>เด็ก เรียนรู้ ทุกวัน</p>")
    compound = StoryFactory(title_th="ศูนย์การเรียนรู้ชุมชน")

    found = find(Query("เรียนรู้"), "th")

    assert found[0:2][0].object_id == compound.pk


def test_find_ranks_like_search_documents_when_few_match():
    in_body = StoryFactory(title_th="ก", excerpt_th="ข", body_th="<p>ตลาดน้ำอัมพวา</p>")
    in_title = StoryFactory(title_th="ตลาดน้ำอัมพวา", excerpt_th="ข", body_th="")
    in_excerpt = StoryFactory(title_th="ค", excerpt_th="ตลาดน้ำอัมพวา", body_th="")

    found = find(Query("ตลาดน้ำอัมพวา"), "th")

    assert [doc.object_id for doc in found[0:10]] == [in_title.pk, in_excerpt.pk, in_body.pk]


def test_find_matches_like_wildcards_in_titles_literally(small_limits):
    StoryFactory.create_batch(4, title_th="ร้อยละ 100% ของชุมชน", excerpt_th="100%")
    StoryFactory(title_th="ร้อยละ 1000 ของชุมชน", excerpt_th="ข")

    found = find(Query("100%"), "th")

    assert "1000" not in " ".join(doc.title for doc in found[0:10])


def test_with_too_many_matches_find_shows_only_documents_that_match(small_limits):
    StoryFactory.create_batch(4, excerpt_th="ข", body_th="<p>smart city</p>")
    StoryFactory(title_en="Smartphones in the city", excerpt_en="", body_en="")

    shown = {doc.pk for doc in find(Query("smart city"), "en")[0:10]}

    assert shown <= {doc.pk for doc in search_documents(Query("smart city"), "en")}
