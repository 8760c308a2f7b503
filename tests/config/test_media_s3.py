"""Media on S3-compatible object storage.

S3 is outside our control, so moto stands in for it: `mock_aws` intercepts boto3's requests in
this process and keeps buckets and objects in memory, answering as S3 does. Everything on our
side is real: the settings built from the environment, django-storages' S3Storage, the portal
upload, the renditions and the rendered pages. What moto cannot show is a real store's access
policy and its CDN: those are the deployment's (docs/scaling.md).
"""

import io

import boto3
import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from moto import mock_aws
from PIL import Image

from config.settings.media import s3_media
from core.html import sanitize_html
from core.renditions import responsive_image
from stories.models import Story
from tests.conftest import photo_bytes
from tests.factories import StoryFactory
from tests.fresh_python import load_settings, run_python
from tests.portal.test_views import draft_data, png

BUCKET = "wecitizens-media"
DOMAIN = "media.wecitizens.example"
REGION = "ap-southeast-1"
ENV = {
    "WECITIZENS_MEDIA_S3_BUCKET": BUCKET,
    "WECITIZENS_MEDIA_S3_REGION": REGION,
    "WECITIZENS_MEDIA_S3_CUSTOM_DOMAIN": DOMAIN,
}


@pytest.fixture
def s3(settings, monkeypatch):
    """An empty bucket in moto's S3, and the site's default storage pointed at it."""
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.setenv(name, "moto-test")
    media = s3_media(ENV)
    with mock_aws():
        client = boto3.client("s3", region_name=REGION)
        client.create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION}
        )
        settings.STORAGES = {**settings.STORAGES, "default": media["storage"]}
        settings.MEDIA_URL = media["media_url"]
        cache.clear()  # renditions' facts are cached by file name
        yield client
        cache.clear()


def keys(client, prefix=""):
    listing = client.list_objects_v2(Bucket=BUCKET, Prefix=prefix)
    return sorted(item["Key"] for item in listing.get("Contents", []))


def stored_image(client, key):
    body = client.get_object(Bucket=BUCKET, Key=key)["Body"].read()
    image = Image.open(io.BytesIO(body))
    image.load()
    return image


def test_settings_put_media_on_s3_when_a_bucket_is_given():
    loaded = load_settings(
        "config.settings.production",
        "STORAGES",
        "MEDIA_URL",
        "WECITIZENS_SERVE_MEDIA",
        "CONTENT_SECURITY_POLICY",
        DJANGO_SECRET_KEY="x" * 50,
        WECITIZENS_MEDIA_S3_ENDPOINT_URL="https://s3.example.net",
        WECITIZENS_MEDIA_S3_PREFIX="site",
        **ENV,
    )

    storage = loaded["STORAGES"]["default"]
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"] == {
        "bucket_name": BUCKET,
        "endpoint_url": "https://s3.example.net",
        "region_name": REGION,
        "custom_domain": DOMAIN,
        "location": "site",
        "querystring_auth": False,
        "file_overwrite": False,
        "default_acl": None,
        "object_parameters": {"CacheControl": "public, max-age=86400"},
    }
    assert loaded["STORAGES"]["staticfiles"]["BACKEND"].startswith("whitenoise.")
    assert loaded["MEDIA_URL"] == f"https://{DOMAIN}/site/"
    assert loaded["WECITIZENS_SERVE_MEDIA"] is False
    img_src = loaded["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["img-src"]
    assert img_src == ["'self'", "data:", f"https://{DOMAIN}"]


def test_without_a_bucket_media_stay_on_the_filesystem_and_django_serves_them():
    loaded = load_settings(
        "config.settings.production",
        "STORAGES",
        "MEDIA_URL",
        "WECITIZENS_SERVE_MEDIA",
        DJANGO_SECRET_KEY="x" * 50,
    )

    backend = loaded["STORAGES"]["default"]["BACKEND"]
    assert backend == "django.core.files.storage.FileSystemStorage"
    assert loaded["MEDIA_URL"] == "media/"
    assert loaded["WECITIZENS_SERVE_MEDIA"] is True


def test_with_a_bucket_django_no_longer_serves_media_urls():
    code = (
        "import django; django.setup(); from django.urls import resolve, Resolver404\n"
        "try:\n    resolve('/media/stories/x.jpg'); print('served')\n"
        "except Resolver404:\n    print('not served')\n"
    )
    env = {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": "x" * 50,
    }
    assert run_python("-c", code, **env, **ENV).stdout.strip() == "not served"
    assert run_python("-c", code, **env).stdout.strip() == "served"


@pytest.mark.parametrize(
    "extra",
    [
        {},
        {"WECITIZENS_MEDIA_S3_CUSTOM_DOMAIN": ""},
        {"WECITIZENS_MEDIA_S3_CUSTOM_DOMAIN": "", "WECITIZENS_MEDIA_S3_PREFIX": "wc"},
        {
            "WECITIZENS_MEDIA_S3_CUSTOM_DOMAIN": "",
            "WECITIZENS_MEDIA_S3_ENDPOINT_URL": "http://minio:9000/",
        },
    ],
)
def test_media_url_is_where_the_storage_points(settings, extra):
    media = s3_media({**ENV, **extra})
    settings.STORAGES = {**settings.STORAGES, "default": media["storage"]}

    assert default_storage.url("stories/photo.jpg") == media["media_url"] + "stories/photo.jpg"


@pytest.mark.django_db
def test_a_portal_upload_and_its_renditions_land_in_the_bucket(client, researcher, s3):
    client.force_login(researcher)

    response = client.post(
        reverse("portal:story_create"),
        draft_data(hero_image=png(size=(640, 400)), hero_image_alt_th="แม่ค้ากับตะกร้าผัก"),
    )

    assert response.status_code == 302
    story = Story.objects.get()
    original = story.hero_image.name
    assert original.startswith("stories/") and original.endswith(".png")
    assert keys(s3, "stories/") == [original]
    assert stored_image(s3, original).size == (640, 400)
    renditions = keys(s3, "renditions/")
    assert len(renditions) == 6  # 320, 480 and 640 pixels wide, WebP and JPEG
    assert {stored_image(s3, key).width for key in renditions} == {320, 480, 640}
    head = s3.head_object(Bucket=BUCKET, Key=renditions[0])
    assert head["ContentType"] in ("image/jpeg", "image/webp")
    assert head["CacheControl"] == "public, max-age=86400"
    grants = s3.get_object_acl(Bucket=BUCKET, Key=original)["Grants"]
    assert [grant["Permission"] for grant in grants] == ["FULL_CONTROL"]  # the owner only


@pytest.mark.django_db
def test_a_published_story_shows_its_picture_from_the_bucket(client, s3):
    story = StoryFactory(hero_image_alt_th="ภาพตลาด")
    story.hero_image.save("market.jpg", ContentFile(photo_bytes((1200, 800))), save=True)

    response = client.get(story.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    srcset = html.split('<source type="image/webp" srcset="')[1].split('"')[0]
    urls = [entry.split()[0] for entry in srcset.split(", ")]
    assert urls and all(url.startswith(f"https://{DOMAIN}/renditions/") for url in urls)
    assert all("?" not in url for url in urls)  # plain URLs, no expiring signature
    for url in urls:
        key = url.removeprefix(f"https://{DOMAIN}/")
        assert stored_image(s3, key).format == "WEBP"


@pytest.mark.django_db
def test_a_stories_share_image_is_made_in_the_bucket(client, s3):
    story = StoryFactory(hero_image_alt_th="ภาพตลาด")
    story.hero_image.save("market.jpg", ContentFile(photo_bytes((1600, 1000))), save=True)

    html = client.get(story.get_absolute_url()).content.decode()

    share_url = html.split('<meta property="og:image" content="')[1].split('"')[0]
    assert share_url.startswith(f"https://{DOMAIN}/share/story/")
    assert stored_image(s3, share_url.removeprefix(f"https://{DOMAIN}/")).size == (1200, 630)


@pytest.mark.django_db
def test_an_upload_never_overwrites_an_object_of_the_same_name(s3):
    first = default_storage.save("stories/same.jpg", ContentFile(b"first"))
    second = default_storage.save("stories/same.jpg", ContentFile(b"second"))

    assert first == "stories/same.jpg"
    assert second != first
    assert s3.get_object(Bucket=BUCKET, Key=first)["Body"].read() == b"first"


def test_story_bodies_keep_images_from_the_bucket_and_drop_others(settings):
    settings.MEDIA_URL = s3_media(ENV)["media_url"]

    kept = sanitize_html(f'<img src="https://{DOMAIN}/stories/a.jpg" alt="a">')
    dropped = sanitize_html('<img src="https://elsewhere.example/stories/a.jpg" alt="b">')

    assert f'src="https://{DOMAIN}/stories/a.jpg"' in kept
    assert dropped == ""
    assert sanitize_html(f'<img src="https://{DOMAIN}/../x.jpg">') == ""


@pytest.mark.django_db
@pytest.mark.parametrize("domain", [DOMAIN, ""], ids=["custom domain", "bucket address"])
def test_rendition_urls_are_the_storage_urls_of_their_objects(settings, monkeypatch, domain):
    """A picture's URLs are built from its folder's URL: each must be what S3 itself gives."""
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.setenv(name, "moto-test")
    media = s3_media({**ENV, "WECITIZENS_MEDIA_S3_CUSTOM_DOMAIN": domain})
    with mock_aws():
        client = boto3.client("s3", region_name=REGION)
        client.create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION}
        )
        settings.STORAGES = {**settings.STORAGES, "default": media["storage"]}
        cache.clear()
        story = StoryFactory()
        story.hero_image.save("ตลาด น้ำ.jpg", ContentFile(photo_bytes((800, 600))), save=True)

        image = responsive_image(story.hero_image)

        urls = [r.url for image_format in ("webp", "jpeg") for r in image.sources[image_format]]
        stored = keys(client, "renditions/")
        assert len(stored) == 8
        assert sorted(urls) == sorted(default_storage.url(key) for key in stored)
        cache.clear()
