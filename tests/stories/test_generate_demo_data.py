import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from cities.models import City
from projects.models import Person, ProjectMember, ResearchProject
from search.indexing import build_documents, for_indexing, kind_of
from search.models import SearchDocument
from search.query import Query, search_documents
from stories.models import Story, StoryPerson
from tags.models import TaggedItem
from tests.factories import CityFactory, StoryFactory

pytestmark = pytest.mark.django_db

SIZES = {"cities": 3, "projects": 4, "people": 8, "stories": 12}
MODELS = [City, ResearchProject, Person, Story]


@pytest.fixture
def generated(media_root):
    call_command("generate_demo_data", **SIZES, verbosity=0)


def test_generator_creates_published_objects_of_every_kind(generated):
    assert City.objects.published().filter(slug__startswith="demo-city-").count() == 3
    assert ResearchProject.objects.published().filter(slug__startswith="demo-project-").count() == 4
    assert Person.objects.published().filter(slug__startswith="demo-person-").count() == 8
    assert Story.objects.published().filter(slug__startswith="demo-").count() == 12


def test_every_generated_object_has_a_search_document_per_language(generated):
    for model in MODELS:
        kind = kind_of(model)
        for pk in model.objects.values_list("pk", flat=True):
            languages = SearchDocument.objects.filter(kind=kind, object_id=pk)
            assert sorted(languages.values_list("language", flat=True)) == ["en", "th"]


def test_search_documents_are_what_indexing_makes_of_the_same_text(generated):
    """The generator's remembered segmentation gives exactly newmm's words for the text."""
    for model in MODELS:
        kind = kind_of(model)
        for obj in for_indexing(model.objects.all()):
            for expected in build_documents(kind, obj):
                stored = SearchDocument.objects.get(
                    kind=kind, object_id=obj.pk, language=expected.language
                )
                for field in ("title", "text", "words_title", "words_excerpt", "words_body",
                              "words_other", "haystack", "path", "is_public"):  # fmt: skip
                    assert getattr(stored, field) == getattr(expected, field), (obj, field)


def test_generated_stories_are_the_size_of_the_real_ones(generated):
    for story in Story.objects.all():
        assert 20 <= len(story.title_th) <= 84
        assert 20 <= len(story.title_en) <= 95
        assert 200 <= len(story.excerpt_th) <= 604
        assert story.body_th == ""


def test_generated_objects_are_linked_tagged_and_illustrated(generated):
    stories = Story.objects.all()
    assert TaggedItem.objects.filter(object_id__in=stories.values("pk")).exists()
    assert StoryPerson.objects.exists()
    assert ProjectMember.objects.count() >= 4
    assert all(city.programmes.exists() for city in City.objects.all())
    assert all(city.latitude and city.longitude and city.region for city in City.objects.all())
    images = [story.hero_image.name for story in stories if story.hero_image]
    assert images
    assert all(default_storage.exists(name) for name in images)
    assert all(story.hero_image_alt_th for story in stories if story.hero_image)


def test_a_generated_story_page_shows_its_picture(client, generated):
    story = Story.objects.exclude(hero_image="").first()

    response = client.get(story.get_absolute_url())

    assert response.status_code == 200
    assert b"/media/renditions/photo-" in response.content


def test_generated_stories_are_found_by_their_words(generated):
    story = Story.objects.first()
    word = SearchDocument.objects.filter(object_id=story.pk, kind="story").first()
    word = word.words_title.split()[0]

    assert story.pk in [doc.object_id for doc in search_documents(Query(word), "th")]


def test_a_second_run_adds_more_with_new_slugs(generated):
    call_command("generate_demo_data", cities=1, stories=2, verbosity=0)

    assert City.objects.filter(slug="demo-city-3").exists()
    assert Story.objects.filter(slug__startswith="demo-").count() == 14


def test_generator_refuses_a_database_with_real_content(media_root):
    StoryFactory()

    with pytest.raises(CommandError, match="real content"):
        call_command("generate_demo_data", stories=2, verbosity=0)

    assert Story.objects.count() == 1


def test_generator_refuses_real_cities_too(media_root):
    CityFactory(slug="chiang-mai")

    with pytest.raises(CommandError, match="1 cities"):
        call_command("generate_demo_data", stories=2, verbosity=0)


def test_generator_runs_on_real_content_when_forced(media_root):
    StoryFactory()

    call_command("generate_demo_data", stories=2, force=True, verbosity=0)

    assert Story.objects.count() == 3


def test_generator_needs_a_positive_count(media_root):
    with pytest.raises(CommandError, match="positive"):
        call_command("generate_demo_data", stories=0, verbosity=0)


def test_images_only_writes_the_shared_pictures_and_nothing_else(media_root):
    call_command("generate_demo_data", images_only=True, verbosity=0)

    assert default_storage.exists("demo/photo-1.jpg")
    assert default_storage.exists("demo/portrait-1.jpg")
    assert not Story.objects.exists()
