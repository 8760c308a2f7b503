import pytest
from django.core.management import CommandError, call_command

from search.models import SearchDocument
from search.query import Query, search_documents
from stories.models import Story
from tests.factories import StoryFactory

pytestmark = pytest.mark.django_db


def test_generator_creates_published_indexed_stories():
    call_command("generate_demo_data", stories=5, verbosity=0)

    assert Story.objects.published().count() == 5
    assert SearchDocument.objects.filter(kind="story").count() == 10


def test_generated_stories_are_found_by_their_words():
    call_command("generate_demo_data", stories=3, verbosity=0)
    story = Story.objects.first()
    word = SearchDocument.objects.filter(object_id=story.pk).first().words_title.split()[0]

    assert story.pk in [doc.object_id for doc in search_documents(Query(word), "th")]


def test_generator_refuses_a_database_with_real_stories():
    StoryFactory()

    with pytest.raises(CommandError, match="real stories"):
        call_command("generate_demo_data", stories=2, verbosity=0)

    assert Story.objects.count() == 1


def test_generator_runs_on_real_content_when_forced():
    StoryFactory()

    call_command("generate_demo_data", stories=2, force=True, verbosity=0)

    assert Story.objects.count() == 3
