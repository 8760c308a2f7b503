"""What counts as content (declared on the models) and the one signal that says it changed."""

import ast
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from cities.models import City, ProgrammeMembership
from core import content
from pagecache import clock
from projects.models import Person, ResearchProject
from search.models import SearchDocument
from stories.models import Story, StoryPerson, StoryTransition
from tags.models import Tag


@pytest.fixture
def signals():
    sent = []

    def receive(sender, **kwargs):
        sent.append((sender, kwargs["change"], kwargs["objects"]))

    content.changed.connect(receive)
    yield sent
    content.changed.disconnect(receive)


def test_content_models_are_the_ones_that_declare_it():
    models = content.content_models()
    assert {City, ProgrammeMembership, Person, ResearchProject, Story, StoryPerson, Tag} <= set(
        models
    )
    assert StoryTransition not in models  # the workflow's record, shown to no reader
    assert content.content_models(taggable=True) == [ResearchProject, Story]
    assert content.content_models(scheduled=True) == [Story]


def test_core_imports_no_project_app():
    project_apps = {
        path.parent.name for path in Path(".").glob("*/apps.py") if path.parent.name != "core"
    }
    for path in Path("core").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert node.module.split(".")[0] not in project_apps, path
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    assert alias.name.split(".")[0] not in project_apps, path


def test_save_delete_and_links_each_send_one_change(site, signals):
    site.story.title_th = "หัวเรื่องใหม่"
    site.story.save()
    site.story.tags.add("แท็กใหม่")
    transition_count = len(signals)
    StoryTransition.objects.create(story=site.story, from_status="draft", to_status="draft")

    assert (Story, content.SAVED, site.story) in signals
    assert any(change == content.LINKED for _sender, change, _objects in signals)
    assert len(signals) == transition_count  # not content

    person = site.person
    StoryPerson.objects.filter(person=person).delete()
    assert any(sender is StoryPerson and change == content.DELETED for sender, change, _ in signals)


def test_content_changed_after_a_bulk_update_reindexes_and_bumps(site, signals):
    version = clock.content_version()
    stories = Story.objects.filter(pk=site.story.pk)
    stories.update(title_th="เปลี่ยนทีละมาก")

    content.content_changed(stories)

    assert signals == [(Story, content.UPDATED, stories)]
    assert clock.content_version() > version
    assert SearchDocument.objects.filter(kind="story", title="เปลี่ยนทีละมาก").exists()


def test_a_migration_writing_content_bumps_the_version_but_indexes_nothing(site):
    """A model as a migration sees it takes its declaration from today's model; its tables
    may not be complete, so the change time is left for the next reader to record."""
    historical = MigrationExecutor(connection).loader.project_state().apps
    city_then = historical.get_model("cities", "City")
    assert content.content_role(city_then) == City.content_role
    version = clock.content_version()
    clock.record_change()
    documents = list(SearchDocument.objects.values_list("pk", flat=True))

    city = city_then.objects.get(pk=site.city.pk)
    city.name_th = "ชื่อในการย้ายข้อมูล"
    city.save()

    assert clock.content_version() > version
    assert cache.get(clock.CHANGED_KEY) is None
    assert list(SearchDocument.objects.values_list("pk", flat=True)) == documents
