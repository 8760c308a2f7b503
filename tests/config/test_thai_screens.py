"""No English on a Thai screen: the admin and the portal, opened in Thai, show Thai text.

The crawl signs in as a superuser and as a researcher, asks for Thai (language cookie and
Accept-Language), opens every screen listed below, reads what a person sees (text outside
scripts and styles, plus the title, placeholder, aria-label and alt attributes and the labels
of buttons) and fails on any Latin-script word that is not a proper name or a technical token.

Covered: the admin index; for every registered model its list, its add form, the change form
and history page of an object the test creates, and django-reversion's list of deleted
objects, plus a city's revert page and a deleted city's recover page; the portal's dashboard,
new-story form, and a draft story's page, edit form and preview; the sign-in lockout page;
refused uploads; the scripts' catalogues. English content typed into the English fields (input
values and textareas) is content, not interface, and is not read.
"""

import contextlib
import json

import pytest
from django.conf import settings
from django.contrib import admin
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse

from tests.english_words import english_words, stored_words
from tests.factories import (
    PASSWORD,
    MilestoneFactory,
    ProjectMemberFactory,
    StoryFactory,
    StoryPersonFactory,
    SubProjectFactory,
    UserFactory,
)


def _in_thai(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "th"
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "th"
    return client


def _crawl(client, urls, allowed):
    found = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        words = english_words(response.content.decode(), allowed)
        if words:
            found[url] = words
    return found


def _admin_urls(user):
    request = RequestFactory().get("/")
    request.user = user
    urls = [reverse("admin:index")]
    for model, model_admin in admin.site._registry.items():
        info = model._meta.app_label, model._meta.model_name
        urls.append(reverse("admin:{}_{}_changelist".format(*info)))
        if model_admin.has_add_permission(request):
            urls.append(reverse("admin:{}_{}_add".format(*info)))
        obj = model._default_manager.order_by("pk").first()
        if obj is not None:
            urls.append(reverse("admin:{}_{}_change".format(*info), args=[obj.pk]))
            urls.append(reverse("admin:{}_{}_history".format(*info), args=[obj.pk]))
        with contextlib.suppress(NoReverseMatch):
            urls.append(reverse("admin:{}_{}_recoverlist".format(*info)))
    return urls


@pytest.fixture
def content(site):
    """One object of every kind the admin lists, with the site's Thai content."""
    superuser = UserFactory(username="thaiadmin", is_staff=True, is_superuser=True)
    ProjectMemberFactory(project=site.project)
    SubProjectFactory(project=site.project)
    MilestoneFactory(project=site.project)
    StoryPersonFactory(story=site.story)
    return superuser


@pytest.mark.django_db
def test_every_admin_screen_is_thai_for_a_superuser(client, content, site):
    client.force_login(content)
    _in_thai(client)
    urls = _admin_urls(content)
    allowed = stored_words()
    found = _crawl(client, urls, allowed)
    assert found == {}, f"{sum(map(len, found.values()))} English words: {found}"


@pytest.mark.django_db
def test_every_portal_screen_is_thai_for_a_researcher(client, researcher, site):
    story = StoryFactory(draft=True, author=researcher, city=site.city)
    client.force_login(researcher)
    _in_thai(client)
    urls = [
        reverse("portal:dashboard"),
        reverse("portal:story_create"),
        reverse("portal:story_detail", args=[story.pk]),
        reverse("portal:story_edit", args=[story.pk]),
        reverse("portal:story_preview", args=[story.pk]),
    ]
    found = _crawl(client, urls, {researcher.username})
    assert found == {}, f"{sum(map(len, found.values()))} English words: {found}"


@pytest.mark.django_db
def test_the_lockout_page_is_thai(client, researcher):
    _in_thai(client)
    for _attempt in range(settings.AXES_FAILURE_LIMIT + 1):
        response = client.post(
            reverse("portal:login"),
            {"username": researcher.username, "password": "not " + PASSWORD},
        )
    assert response.status_code == 429
    assert english_words(response.content.decode()) == []


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["photo.gif", "shell.php"])
def test_a_refused_upload_names_the_accepted_formats_in_thai(client, researcher, name):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.conftest import photo_bytes

    story = StoryFactory(draft=True, author=researcher)
    client.force_login(researcher)
    _in_thai(client)
    upload = SimpleUploadedFile(name, photo_bytes(size=(40, 30)), content_type="image/gif")
    response = client.post(
        reverse("portal:story_edit", args=[story.pk]),
        {"title_th": story.title_th, "hero_image": upload},
    )
    text = response.content.decode()
    assert "JPEG, PNG หรือ WebP" in text
    assert "blp" not in text
    # Only the file's own extension, as the person named it, is in Latin letters.
    assert english_words(text, {name.rpartition(".")[2]}) == []


@pytest.mark.django_db
def test_the_scripts_catalogues_carry_the_thai_the_admin_and_editor_show(client, content):
    client.force_login(content)
    _in_thai(client)
    admin_catalogue = client.get(reverse("admin:jsi18n")).content.decode()
    assert json.dumps("เลือก %(sel)s จาก %(cnt)s รายการ") in admin_catalogue
    site_catalogue = client.get(reverse("javascript_catalog")).content.decode()
    assert f'"Paragraph": {json.dumps("ย่อหน้า")}' in site_catalogue
    assert f'"Heading 2": {json.dumps("หัวข้อ")}' in site_catalogue


def test_a_translated_fields_label_names_its_language_in_the_readers_language():
    from django.utils import translation

    from stories.models import Story

    field = Story._meta.get_field("title_en")
    with translation.override("th"):
        assert str(field.verbose_name) == "ชื่อเรื่อง (ภาษาอังกฤษ)"
    with translation.override("en"):
        assert str(field.verbose_name) == "title (English)"


@pytest.mark.django_db
def test_reversions_revert_and_recover_screens_are_thai(client, content, site):
    import reversion
    from reversion.models import Version

    from cities.models import City
    from tests.factories import CityFactory

    gone = CityFactory(slug="gone-city")
    with reversion.create_revision():
        site.city.save()
        gone.save()
    gone.delete()
    version = Version.objects.get_for_object(site.city).first()
    deleted = Version.objects.get_deleted(City).get()
    client.force_login(content)
    _in_thai(client)
    urls = [
        reverse("admin:cities_city_revision", args=[site.city.pk, version.pk]),
        reverse("admin:cities_city_recoverlist"),
        reverse("admin:cities_city_recover", args=[deleted.pk]),
    ]
    found = _crawl(client, urls, {"chiang", "mai", "gone", "city", content.username})
    assert found == {}, found
