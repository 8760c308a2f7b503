"""What the server tells the portal's autosave (static/js/portal-autosave.js): whose copy and
of which version a form is, and which copies the browser must drop. The browser side is
tested in tests/browser/test_portal_autosave.py."""

import re

import pytest
from django.urls import reverse

from stories.models import StoryStatus
from tests.factories import ResearcherFactory, StoryFactory
from tests.portal.test_views import draft_data

pytestmark = pytest.mark.django_db


def attribute(response, name):
    match = re.search(rf'{name}="([^"]*)"', response.content.decode())
    assert match, f"{name} missing"
    return match.group(1)


def test_each_user_and_story_has_its_own_opaque_autosave_key(client):
    a, b = ResearcherFactory(username="somchai"), ResearcherFactory()
    story = StoryFactory(author=a, status=StoryStatus.DRAFT)
    client.force_login(a)
    a_new = attribute(client.get(reverse("portal:story_create")), "data-autosave")
    a_story = attribute(client.get(reverse("portal:story_edit", args=[story.pk])), "data-autosave")
    client.force_login(b)
    b_new = attribute(client.get(reverse("portal:story_create")), "data-autosave")

    assert len({a_new, a_story, b_new}) == 3
    assert a_new.endswith(":story-new") and a_story.endswith(f":story-{story.pk}")
    assert "somchai" not in a_new


def test_the_form_carries_the_servers_version_of_the_story(client):
    author = ResearcherFactory()
    story = StoryFactory(author=author, status=StoryStatus.DRAFT)
    client.force_login(author)
    url = reverse("portal:story_edit", args=[story.pk])
    before = attribute(client.get(url), "data-autosave-version")

    story.title_th = "แก้โดยเจ้าหน้าที่"
    story.save()

    assert before and attribute(client.get(url), "data-autosave-version") != before


def test_a_saved_draft_has_its_copies_dropped_once(client):
    author = ResearcherFactory()
    client.force_login(author)
    new_key = attribute(client.get(reverse("portal:story_create")), "data-autosave")

    response = client.post(reverse("portal:story_create"), draft_data(), follow=True)

    dropped = attribute(response, "data-autosave-clear").split()
    assert new_key in dropped
    assert attribute(response, "data-autosave") in dropped
    assert attribute(client.get(response.request["PATH_INFO"]), "data-autosave-clear") == ""


def test_logging_out_drops_every_copy_in_the_browser(client):
    client.force_login(ResearcherFactory())

    response = client.post(reverse("portal:logout"), follow=True)

    assert attribute(response, "data-autosave-clear") == "*"
