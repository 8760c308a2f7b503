import pytest
from django.core.management import call_command
from django.db import connection

from cities.models import City
from search.models import SearchDocument
from search.query import Query, search_documents
from stories.models import Story
from stories.workflow import stories_unpublish, story_publish
from tests.factories import CityFactory, PersonFactory, ProgrammeMembershipFactory, StoryFactory

pytestmark = pytest.mark.django_db


def found(query, language="th"):
    return [doc.object_id for doc in search_documents(Query(query), language)]


def test_saving_a_story_writes_one_document_per_language():
    story = StoryFactory()

    assert sorted(
        SearchDocument.objects.filter(object_id=story.pk, kind="story").values_list(
            "language", flat=True
        )
    ) == ["en", "th"]


def test_documents_hold_segmented_words():
    story = StoryFactory(title_th="ร้อยเอ็ดเมืองน่าอยู่อย่างชาญฉลาด")

    document = SearchDocument.objects.get(kind="story", object_id=story.pk, language="th")

    assert "ชาญฉลาด" in document.words_title.split()


def test_documents_have_a_weighted_vector_on_postgresql_and_none_on_sqlite():
    story = StoryFactory(title_th="ชาญฉลาด", excerpt_th="ยะลา", body_th="<p>หาดใหญ่</p>")

    vector = SearchDocument.objects.get(kind="story", object_id=story.pk, language="th").vector

    if connection.vendor == "postgresql":
        assert {"'ชาญฉลาด':1A", "'ยะลา':2B", "'หาดใหญ่':3C"} <= set(vector.split())
    else:
        assert vector is None


def test_editing_a_translation_updates_the_search():
    story = StoryFactory(title_en="Old title")
    story.title_en = "Floating market"
    story.save()

    assert found("floating market", "en") == [story.pk]
    assert found("old title", "en") == []


def test_publishing_makes_a_story_searchable():
    story = StoryFactory(title_th="ตลาดน้ำ", draft=True)
    assert found("ตลาดน้ำ") == []

    story_publish(story=story)

    assert found("ตลาดน้ำ") == [story.pk]


def test_unpublishing_hides_a_story_from_search():
    story = StoryFactory(title_th="ตลาดน้ำ")

    stories_unpublish(stories=Story.objects.filter(pk=story.pk))

    assert found("ตลาดน้ำ") == []


def test_a_scheduled_story_is_not_found_before_its_time():
    StoryFactory(title_th="ตลาดน้ำ", scheduled=True)

    assert found("ตลาดน้ำ") == []


def test_unpublishing_a_city_hides_its_stories_from_search():
    story = StoryFactory(title_th="ตลาดน้ำ")
    story.city.is_published = False
    story.city.save()

    assert found("ตลาดน้ำ") == []


def test_unpublishing_a_city_with_the_admin_action_hides_it_from_search(admin_client):
    from django.urls import reverse

    city = CityFactory(name_th="อุดรธานี")
    admin_client.post(
        reverse("admin:cities_city_changelist"),
        {"action": "unpublish_selected", "_selected_action": [city.pk]},
    )

    assert found("อุดรธานี") == []


def test_a_city_is_found_by_the_name_of_its_programme():
    membership = ProgrammeMembershipFactory(programme__name_en="Learning City")

    assert found("learning city", "en") == [membership.city.pk]


def test_deleting_a_person_removes_them_from_search():
    person = PersonFactory(name_th="สมหญิง")
    person.delete()

    assert not SearchDocument.objects.filter(kind="person").exists()


def test_rebuild_command_indexes_content_written_in_bulk():
    city = CityFactory()
    City.objects.filter(pk=city.pk).update(name_th="อุดรธานี")  # bypasses save()
    assert found("อุดรธานี") == []

    call_command("rebuild_search_index", verbosity=0)

    assert found("อุดรธานี") == [city.pk]
