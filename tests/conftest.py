from types import SimpleNamespace

import pytest
from django.conf import settings
from django.utils import translation

from tests.factories import (
    CityFactory,
    MilestoneFactory,
    PersonFactory,
    ProgrammeMembershipFactory,
    ProjectMemberFactory,
    ResearchProjectFactory,
    StaffUserFactory,
    StoryFactory,
    StoryPersonFactory,
    SubProjectFactory,
)

QUERY_BUDGET = 10
FEW_ROWS, MANY_ROWS = 5, 200


def pytest_configure(config):
    # WhiteNoise warns that STATIC_ROOT is missing: tests never run collectstatic.
    config.addinivalue_line("filterwarnings", "ignore:No directory at:UserWarning")


@pytest.fixture(autouse=True)
def _thai_is_active():
    """Each test starts in the site's default language, whatever a request left active."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: what one remembered (renditions, share images,
    pages) must not leak into another, whose rows may reuse the same primary keys. The Thai
    names dictionary is rebuilt on the test's first render, not whenever its process next
    looks (that would add its queries to whichever page a test happens to be counting)."""
    from django.core.cache import cache

    from core import linebreaks

    cache.clear()
    linebreaks.recheck_names()


@pytest.fixture
def staff_user(db):
    return StaffUserFactory()


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture
def site(db):
    """One published object of every public kind, linked as real content is."""
    city = CityFactory(slug="chiang-mai", name_th="เชียงใหม่", name_en="Chiang Mai")
    membership = ProgrammeMembershipFactory(city=city)
    lead = PersonFactory(slug="lead-researcher", city=city)
    project = ResearchProjectFactory(
        slug="chiang-mai-1",
        city=city,
        programme=membership.programme,
        lead=lead,
        tags=["เมืองแห่งการเรียนรู้"],
    )
    ProjectMemberFactory(project=project, person=lead)
    SubProjectFactory(project=project, lead=lead)
    MilestoneFactory(project=project)
    story = StoryFactory(
        slug="old-town-interview", city=city, tags=["เมืองแห่งการเรียนรู้"], projects=[project]
    )
    StoryPersonFactory(story=story, person=lead)
    return SimpleNamespace(
        city=city,
        programme=membership.programme,
        person=lead,
        project=project,
        story=story,
        tag=story.tags.get(),
    )


@pytest.fixture
def assert_queries_do_not_grow(client, django_assert_max_num_queries, django_assert_num_queries):
    """Check a page costs the same number of queries, within budget, for 5 rows as for 200.

    `add_rows(n)` adds n more of whatever the page lists. The first request only warms
    per-process caches (content types), so it is not counted.
    """

    def check(url, add_rows, budget=QUERY_BUDGET):
        add_rows(FEW_ROWS)
        assert client.get(url).status_code == 200
        with django_assert_max_num_queries(budget) as few:
            assert client.get(url).status_code == 200
        add_rows(MANY_ROWS - FEW_ROWS)
        with django_assert_num_queries(len(few)):
            assert client.get(url).status_code == 200

    return check


@pytest.fixture
def researcher(db):
    from tests.factories import ResearcherFactory

    return ResearcherFactory()


@pytest.fixture
def programme_staff(db):
    from tests.factories import ProgrammeStaffFactory

    return ProgrammeStaffFactory()


@pytest.fixture
def media_root(settings, tmp_path):
    """Uploads and renditions go to a temporary folder, and the rendition cache starts empty."""
    from django.core.cache import cache

    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield settings.MEDIA_ROOT
    cache.clear()


@pytest.fixture
def photo():
    """A real JPEG upload (1600×1000 unless asked otherwise)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    def make(name="photo.jpg", size=(1600, 1000)):
        return SimpleUploadedFile(name, photo_bytes(size), content_type="image/jpeg")

    return make


def photo_bytes(size=(2000, 1333), image_format="JPEG", mode="RGB"):
    """A photo-like image: colour gradients with soft grain. At 1600 pixels wide its WebP
    rendition takes about 1 bit per pixel, as a typical photograph does."""
    import io

    from PIL import Image, ImageFilter

    red = Image.linear_gradient("L").resize(size)
    green = red.rotate(90).resize(size)
    blue = Image.effect_noise(size, 60).filter(ImageFilter.GaussianBlur(1))
    image = Image.merge("RGB", (red, green, blue))
    image = Image.blend(image, Image.effect_noise(size, 60).convert("RGB"), 0.12)
    if mode != "RGB":
        image = image.convert(mode)
    buffer = io.BytesIO()
    image.save(buffer, image_format)
    return buffer.getvalue()
