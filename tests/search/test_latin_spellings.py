import pytest
from django.core.management import call_command
from django.utils import translation

from cities.models import City
from projects.models import Person
from search.models import SearchDocument
from search.spellings import document_keys, query_keys
from tests.factories import PersonFactory
from tests.pages import url_in

# How Thai names are spelt


@pytest.mark.parametrize(
    "spellings",
    [
        ["Kadeejeen", "Kad Jeen", "Kadi Chin", "kadi-chin"],
        ["Hat Yai", "Hatyai", "HAT-YAI"],
        ["Phitsanulok", "Pitsanulok"],
    ],
)
def test_spellings_of_one_name_share_a_key(spellings):
    shared = set.intersection(*(set(query_keys(spelling)) for spelling in spellings))

    assert shared


def test_a_romanised_thai_name_is_found_by_its_common_spellings():
    keys = document_keys(["ย่านกะดีจีน"])

    for spelling in ["Kadeejeen", "Kad Jeen", "Kadi Chin"]:
        assert any(f" {key} " in keys for key in query_keys(spelling)), spelling


def test_a_key_matches_whole_never_inside_a_longer_name():
    keys = document_keys(["Kudi Chin neighbourhood"])

    assert " kudicin " in keys
    assert not any(f" {key} " in keys for key in query_keys("Chi"))


def test_a_query_with_thai_letters_has_no_latin_keys():
    assert query_keys("ร้อยเอ็ด") == []
    assert query_keys("Roi Et ร้อยเอ็ด") == []


def test_a_short_word_is_not_looked_for_by_its_consonants_alone():
    assert query_keys("among") == ["among"]


# The real content, searched in Latin letters


@pytest.fixture
def seed(db):
    call_command("load_content", verbosity=0)


def found_paths(client, query, language):
    response = client.get(url_in(language, "search:search"), {"q": query})
    assert response.status_code == 200
    return [result["document"].path for result in response.context["results"]]


def address(obj, language):
    with translation.override(language):
        return obj.get_absolute_url()


LATIN_QUERIES = [
    ("Chanyarin", Person, "chanyarin-somporn"),
    ("Banchong", Person, "banchong-khositchiranan"),
    ("Roi Et", City, "roi-et"),
    ("Kad Jeen", City, "bangkok"),
    ("Kadeejeen", City, "bangkok"),
    ("Kadi Chin", City, "bangkok"),
    ("Hat Yai", City, "songkhla"),
    ("Hatyai", City, "songkhla"),
]


@pytest.mark.parametrize("language", ["th", "en"])
@pytest.mark.parametrize(("query", "model", "slug"), LATIN_QUERIES)
def test_a_latin_query_finds_the_thai_record(client, seed, language, query, model, slug):
    expected = address(model.objects.get(slug=slug), language)

    assert expected in found_paths(client, query, language)


@pytest.mark.parametrize("language", ["th", "en"])
def test_kad_jeen_finds_only_the_bangkok_neighbourhood(client, seed, language):
    bangkok = address(City.objects.get(slug="bangkok"), language)

    assert found_paths(client, "Kad Jeen", language) == [bangkok]


@pytest.mark.parametrize("language", ["th", "en"])
def test_a_thai_name_still_finds_the_person(client, seed, language):
    person = address(Person.objects.get(slug="chanyarin-somporn"), language)

    assert person in found_paths(client, "ชัญญรินทร์", language)


@pytest.mark.parametrize("language", ["th", "en"])
def test_the_mayor_is_found_by_name_in_stories_and_on_his_page(client, seed, language):
    found = found_paths(client, "Banchong", language)
    mayor = Person.objects.get(slug="banchong-khositchiranan")

    assert address(mayor, language) in found
    assert any(address(story, language) in found for story in mayor.stories.all())


# Both ways of writing the index fill the keys


def test_rebuilding_the_index_writes_the_same_keys_as_saving(seed):
    saved = dict(SearchDocument.objects.values_list("pk", "latin_spellings"))
    saved_keys = sorted(saved.values())

    call_command("rebuild_search_index", verbosity=0)

    rebuilt = sorted(SearchDocument.objects.values_list("latin_spellings", flat=True))
    assert rebuilt == saved_keys
    bangkok = City.objects.get(slug="bangkok")
    keys = SearchDocument.objects.filter(kind="city", object_id=bangkok.pk).values_list(
        "latin_spellings", flat=True
    )
    assert all(" kdcn " in value for value in keys)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["th", "en"])
def test_a_saved_person_is_found_by_another_spelling_of_their_name(client, language):
    person = PersonFactory(name_th="สมชาย ใจดี", name_en="Somchai Jaidee")

    assert address(person, language) in found_paths(client, "Somchai Chaidee", language)
