import io

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from core.renditions import cropped_jpeg, rendition_widths, responsive_image, store_once
from stories.models import Story
from tests.conftest import photo_bytes
from tests.factories import StoryFactory

pytestmark = pytest.mark.django_db


def story_with_photo(size=(2000, 1333), image_format="JPEG", mode="RGB", name="photo.jpg"):
    story = StoryFactory(hero_image_alt_th="ภาพตลาด", hero_image_alt_en="The market")
    story.hero_image.save(name, ContentFile(photo_bytes(size, image_format, mode)), save=True)
    return story


def open_rendition(rendition):
    path = rendition.url.removeprefix("/media/")
    with default_storage.open(path) as handle:
        image = Image.open(io.BytesIO(handle.read()))
        image.load()
    return image


def test_widths_never_upscale_a_small_original():
    assert rendition_widths(600) == [320, 480, 600]


def test_widths_of_a_large_original_stop_at_the_widest_configured():
    assert rendition_widths(4000) == [320, 480, 768, 1024, 1200, 1600]


def test_every_width_is_made_in_webp_and_jpeg(media_root):
    image = responsive_image(story_with_photo().hero_image)

    for image_format, pillow_format in (("webp", "WEBP"), ("jpeg", "JPEG")):
        widths = [rendition.width for rendition in image.sources[image_format]]
        assert widths == [320, 480, 768, 1024, 1200, 1600]
        made = open_rendition(image.sources[image_format][0])
        assert (made.format, made.size) == (pillow_format, (320, 213))


def test_the_original_size_is_reported_for_width_and_height(media_root):
    image = responsive_image(story_with_photo(size=(1200, 900)).hero_image)

    assert (image.width, image.height) == (1200, 900)


def test_a_transparent_png_gets_a_white_jpeg_fallback(media_root):
    story = story_with_photo(size=(400, 300), image_format="PNG", mode="RGBA", name="logo.png")

    fallback = open_rendition(responsive_image(story.hero_image).fallback)

    assert fallback.mode == "RGB"


def test_a_cropped_jpeg_fills_its_size_and_carries_no_metadata(media_root):
    turned = Image.Exif()
    turned[0x0112] = 6  # an orientation: the original is stored sideways
    original = io.BytesIO()
    Image.open(io.BytesIO(photo_bytes((1600, 1000)))).save(
        original, "JPEG", exif=turned.tobytes(), comment=b"taken by someone"
    )
    story = StoryFactory()
    story.hero_image.save("turned.jpg", ContentFile(original.getvalue()), save=False)

    cropped = Image.open(io.BytesIO(cropped_jpeg(story.hero_image, (1200, 630), {"quality": 85})))

    assert (cropped.format, cropped.size, cropped.mode) == ("JPEG", (1200, 630), "RGB")
    assert "comment" not in cropped.info and "exif" not in cropped.info


def test_renditions_are_made_when_the_image_is_saved(media_root):
    story = story_with_photo(size=(800, 600))

    assert (media_root / "renditions").is_dir()
    assert len(list((media_root / "renditions").rglob("*.webp"))) == 4
    assert story.hero_image


def test_renditions_are_not_rebuilt_once_made(media_root, monkeypatch):
    story = story_with_photo(size=(800, 600))
    responsive_image(story.hero_image)

    def refuse(*args, **kwargs):
        raise AssertionError("a rendition was rebuilt")

    monkeypatch.setattr("core.renditions._encode", refuse)
    monkeypatch.setattr("PIL.Image.open", refuse)

    assert responsive_image(story.hero_image).width == 800


def test_an_unreadable_stored_file_shows_no_image_instead_of_failing(media_root):
    story = StoryFactory()
    story.hero_image.name = "stories/missing.jpg"

    assert responsive_image(story.hero_image) is None


def test_an_empty_field_has_no_renditions(media_root):
    assert responsive_image(StoryFactory().hero_image) is None


def test_a_story_page_shows_its_hero_as_a_responsive_picture(client, media_root):
    story = story_with_photo(size=(1200, 800))

    html = client.get(story.get_absolute_url()).content.decode()

    assert '<source type="image/webp" srcset="/media/renditions/' in html
    assert 'width="1200" height="800" alt="ภาพตลาด"' in html
    assert 'fetchpriority="high"' in html
    assert 'loading="lazy"' not in html.split("</header>")[1].split("</figure>")[0]


def test_story_cards_load_their_pictures_lazily_as_decoration(client, media_root):
    story_with_photo(size=(1200, 800))

    html = client.get("/stories/").content.decode()

    assert 'alt="" loading="lazy"' in html


def test_alt_text_in_the_other_language_is_marked_with_its_language(client, media_root):
    story = story_with_photo(size=(1200, 800))
    story.hero_image_alt_en = ""
    story.save()

    html = client.get("/en" + story.get_absolute_url()).content.decode()

    assert 'alt="ภาพตลาด" lang="th"' in html


def test_pictures_on_a_list_page_add_no_queries(assert_queries_do_not_grow, media_root):
    def add_stories_with_pictures(count):
        for _ in range(count):
            story_with_photo(size=(64, 48))

    assert_queries_do_not_grow("/stories/", add_stories_with_pictures)


def test_an_unreadable_file_is_not_retried_on_every_request(media_root, monkeypatch):
    from core import renditions

    story = StoryFactory()
    story.hero_image.name = "stories/missing.jpg"
    renditions.responsive_image(story.hero_image)
    attempts = []
    monkeypatch.setattr(renditions, "_make", lambda field_file: attempts.append(field_file))

    assert renditions.responsive_image(story.hero_image) is None
    assert attempts == []


def test_each_rendition_url_is_the_storage_url_of_its_file(media_root):
    story = story_with_photo(size=(800, 600), name="ตลาด น้ำ.jpg")  # Thai and a space: quoted

    image = responsive_image(story.hero_image)

    stored = [path.relative_to(media_root).as_posix() for path in media_root.rglob("*/*/*.*")]
    urls = [rendition.url for renditions in image.sources.values() for rendition in renditions]
    assert len(urls) == 8
    assert sorted(urls) == sorted(
        default_storage.url(name) for name in stored if "renditions/" in name
    )


def test_prefetched_pictures_need_no_cache_read_each(media_root, monkeypatch):
    from core import renditions

    stories = [story_with_photo(size=(64, 48)) for _ in range(3)]
    expected = [responsive_image(story.hero_image) for story in stories]
    stories = list(Story.objects.filter(pk__in=[story.pk for story in stories]).order_by("pk"))
    reads = []
    get_many = cache.get_many
    monkeypatch.setattr(cache, "get_many", lambda keys: reads.append(keys) or get_many(keys))

    renditions.prefetch_renditions([*stories, StoryFactory()], "hero_image")

    def refuse(*args, **kwargs):
        raise AssertionError("a picture read the cache on its own")

    monkeypatch.setattr(cache, "get", refuse)
    assert [responsive_image(story.hero_image) for story in stories] == expected
    assert len(reads) == 1 and len(reads[0]) == 3  # the story without a picture asks nothing


def test_a_prefetched_picture_the_cache_does_not_know_is_made_when_shown(media_root):
    from core import renditions

    story = story_with_photo(size=(640, 480))
    cache.clear()
    story = Story.objects.get(pk=story.pk)

    renditions.prefetch_renditions([story], "hero_image")

    assert responsive_image(story.hero_image).width == 640


def test_story_cards_look_up_their_pictures_once_read(media_root, monkeypatch):
    stories = [story_with_photo(size=(64, 48)) for _ in range(3)]
    expected = [responsive_image(story.hero_image) for story in stories]
    reads = []
    get_many = cache.get_many
    monkeypatch.setattr(cache, "get_many", lambda keys: reads.append(keys) or get_many(keys))

    cards = Story.objects.filter(pk__in=[story.pk for story in stories]).for_cards()
    assert not reads  # building the queryset reads nothing
    cards = list(cards.order_by("pk")[:3])

    monkeypatch.setattr(cache, "get", lambda *args, **kwargs: pytest.fail("read on its own"))
    assert [responsive_image(story.hero_image) for story in cards] == expected
    assert len(reads) == 1 and len(reads[0]) == 3


def test_story_values_of_cards_look_up_no_picture(media_root, monkeypatch):
    story = story_with_photo(size=(64, 48))
    monkeypatch.setattr(cache, "get_many", lambda keys: pytest.fail("looked up"))

    assert list(Story.objects.for_cards().values_list("pk", flat=True)) == [story.pk]


def test_a_picture_stored_meanwhile_by_another_process_is_kept_and_not_copied(media_root):
    default_storage.save("share/quote/1/card.jpg", ContentFile(b"theirs"))

    store_once("share/quote/1/card.jpg", b"ours")

    assert sorted(path.name for path in (media_root / "share/quote/1").iterdir()) == ["card.jpg"]
    with default_storage.open("share/quote/1/card.jpg") as handle:
        assert handle.read() == b"theirs"
