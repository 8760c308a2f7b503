"""A populated site, backed up and restored into an empty database and media folder."""

import io

import pytest
import reversion
from django.apps import apps
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from PIL import Image

from redirects.models import SlugRedirect
from stories.models import Story
from tests.factories import StoryFactory

SKIPPED = {"contenttypes", "sessions"}


def every_row():
    """Every row of every table a backup covers, with foreign keys by natural key."""
    rows = {}
    for model in apps.get_models():
        if model._meta.app_label in SKIPPED or model._meta.label == "auth.Permission":
            continue
        queryset = model._default_manager.order_by("pk")
        rows[model._meta.label] = serializers.serialize(
            "python", queryset, use_natural_foreign_keys=True
        )
    return rows


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (3, 2), "teal").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def populated_site(site, admin_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    story = site.story
    story.hero_image.save("hero.png", ContentFile(png_bytes()), save=False)
    story.hero_image_alt_th = "ภาพเมืองเก่า"
    with reversion.create_revision():
        reversion.set_user(admin_user)
        story.title_en = "Old town, second draft"
        story.save()
    story.slug = "old-town"
    story.save()
    StoryFactory(title_th="ไม่มีภาษาอังกฤษ", title_en="", tags=["ข่าว", "ข้าว"])
    return site


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_every_object_translation_tag_image_and_version(
    populated_site, settings, tmp_path
):
    before = every_row()
    image_name = Story.objects.get(pk=populated_site.story.pk).hero_image.name
    image = (settings.MEDIA_ROOT / image_name).read_bytes()
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())

    call_command("flush", interactive=False, verbosity=0)
    settings.MEDIA_ROOT = tmp_path / "fresh-media"
    call_command("restore", str(archive), stdout=io.StringIO())

    after = every_row()
    assert after == before
    assert (settings.MEDIA_ROOT / image_name).read_bytes() == image
    assert before["reversion.Version"] and before["tags.TaggedItem"]
    assert SlugRedirect.objects.filter(old_path="/stories/old-town-interview/").exists()


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_that_holds_content(populated_site, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())

    with pytest.raises(CommandError, match="empty"):
        call_command("restore", str(archive), stdout=io.StringIO())
    assert Story.objects.count() == 2


@pytest.mark.django_db
def test_restore_names_a_missing_archive(tmp_path):
    with pytest.raises(CommandError, match="No such archive"):
        call_command("restore", str(tmp_path / "nothing.tar.gz"))
