"""Share images: the 1200×630 picture Facebook, LINE and X show for a shared link.

A rendition of a hero image is made once, when the object is saved (or the first time a page
asks for one that is missing), and kept in the media storage under share/. Its file name
carries a digest of the source file's name, so replacing the hero image makes a new rendition
instead of serving a stale one. Pages without an image share the site's default picture.

Every page asks, so the outcome is remembered in the cache: a page costs neither a storage
call (a network round trip on S3) nor, for a file that cannot be read, a retry on every view.
"""

import hashlib
import logging

from django.core.cache import cache
from django.core.files.storage import default_storage
from django.templatetags.static import static
from django.utils.translation import get_language

from core.content import content_role
from core.renditions import (
    MADE,
    UNREADABLE,
    UNREADABLE_ERRORS,
    UNREADABLE_RETRY_SECONDS,
    are_renditions_deferred,
    cropped_jpeg,
    store_once,
)

logger = logging.getLogger(__name__)

SHARE_SIZE = (1200, 630)
SHARE_JPEG_OPTIONS = {"quality": 85, "optimize": True}
# The site's picture for pages without one, with its tagline in the page's language
# (made by `manage.py make_identity_images`).
DEFAULT_SHARE_IMAGES = {"th": "img/share-default-th.png", "en": "img/share-default-en.png"}
DEFAULT_SHARE_IMAGE = DEFAULT_SHARE_IMAGES["th"]


def share_image_field(obj_or_model):
    """The name of the image field a content model's pages are shared with, or ""."""
    role = content_role(obj_or_model) if obj_or_model is not None else None
    return role.share_image if role else ""


def _rendition_name(obj):
    source = getattr(obj, share_image_field(obj)).name
    digest = hashlib.sha256(source.encode()).hexdigest()[:12]
    return f"share/{obj._meta.model_name}/{obj.pk}-{digest}.jpg"


def share_rendition(obj):
    """The media-relative path of the 1200×630 rendition of the image the object's model
    declares as its share image (`ContentRole.share_image`), made if missing.

    Returns None when the object has no such image or its file cannot be read.
    """
    field_name = share_image_field(obj)
    image = getattr(obj, field_name) if field_name else None
    if not image:
        return None
    name = _rendition_name(obj)
    key = f"share-image:{name}"
    known = cache.get(key)
    if known == MADE:
        return name
    if known == UNREADABLE:
        return None
    if not default_storage.exists(name):
        try:
            encoded = cropped_jpeg(image, SHARE_SIZE, SHARE_JPEG_OPTIONS)
        except UNREADABLE_ERRORS:
            logger.warning("Cannot make a share image for %s %s", obj._meta.label, obj.pk)
            cache.set(key, UNREADABLE, timeout=UNREADABLE_RETRY_SECONDS)
            return None
        store_once(name, encoded)
    cache.set(key, MADE, timeout=None)
    return name


def share_image_url(obj):
    """A site-relative URL of the share image for obj: its rendition or the site default."""
    name = share_rendition(obj) if obj is not None else None
    if name:
        return default_storage.url(name)
    return static(DEFAULT_SHARE_IMAGES.get(get_language(), DEFAULT_SHARE_IMAGE))


def make_share_image_on_save(sender, instance, **kwargs):
    """post_save: make the share rendition when the object has an image, so no reader waits."""
    if are_renditions_deferred():
        return
    if getattr(instance, share_image_field(instance)):
        cache.delete(f"share-image:{_rendition_name(instance)}")  # try afresh
        share_rendition(instance)
