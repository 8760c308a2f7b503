"""Share images: the 1200×630 picture Facebook, LINE and X show for a shared link.

A rendition of a hero image is made once, when the object is saved (or the first time a page
asks for one that is missing), and kept in the media storage under share/. Its file name
carries a digest of the source file's name, so replacing the hero image makes a new rendition
instead of serving a stale one. Pages without an image share the site's default picture.

Every page asks, so the outcome is remembered in the cache: a page costs neither a storage
call (a network round trip on S3) nor, for a file that cannot be read, a retry on every view.
"""

import hashlib
import io
import logging
from pathlib import Path

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.templatetags.static import static
from PIL import Image, ImageOps

from core.renditions import UNREADABLE, UNREADABLE_RETRY_SECONDS

logger = logging.getLogger(__name__)

SHARE_SIZE = (1200, 630)
DEFAULT_SHARE_IMAGE = "img/share-default.png"
MADE = "made"


def _rendition_name(obj, field_name):
    source = getattr(obj, field_name).name
    digest = hashlib.sha256(source.encode()).hexdigest()[:12]
    return f"share/{obj._meta.model_name}/{obj.pk}-{digest}.jpg"


def share_rendition(obj, field_name="hero_image"):
    """The media-relative path of the object's 1200×630 rendition, made if missing.

    Returns None when the object has no image or its file cannot be read.
    """
    image = getattr(obj, field_name, None)
    if not image:
        return None
    name = _rendition_name(obj, field_name)
    key = f"share-image:{name}"
    known = cache.get(key)
    if known == MADE:
        return name
    if known == UNREADABLE:
        return None
    if not default_storage.exists(name):
        try:
            with image.open("rb") as source, Image.open(source) as picture:
                picture = ImageOps.exif_transpose(picture).convert("RGB")
                fitted = ImageOps.fit(picture, SHARE_SIZE, Image.Resampling.LANCZOS)
        except (OSError, ValueError, Image.DecompressionBombError):
            logger.warning("Cannot make a share image for %s %s", obj._meta.label, obj.pk)
            cache.set(key, UNREADABLE, timeout=UNREADABLE_RETRY_SECONDS)
            return None
        encoded = io.BytesIO()
        fitted.save(encoded, "JPEG", quality=85, optimize=True)
        saved = default_storage.save(name, ContentFile(encoded.getvalue()))
        if saved != name:  # another process made it meanwhile: keep theirs
            default_storage.delete(saved)
    cache.set(key, MADE, timeout=None)
    return name


def share_image_url(obj, field_name="hero_image"):
    """A site-relative URL of the share image for obj: its rendition or the site default."""
    name = share_rendition(obj, field_name) if obj is not None else None
    if name:
        return default_storage.url(name)
    return static(DEFAULT_SHARE_IMAGE)


def render_default_share_image(path):
    """Draw the site's default share picture (used once, by `make_share_default`)."""
    from PIL import ImageDraw, ImageFont

    width, height = SHARE_SIZE
    canvas = Image.new("RGB", SHARE_SIZE, "#14532d")
    draw = ImageDraw.Draw(canvas)
    # A band of coloured tiles: the cities of the programme, one tile each.
    colours = ["#86efac", "#fde68a", "#fca5a5", "#93c5fd", "#f9a8d4", "#c4b5fd"]
    tile = width // 19
    for index in range(19):
        draw.rectangle(
            [index * tile + 4, height - 90, (index + 1) * tile - 4, height - 40],
            fill=colours[index % len(colours)],
        )
    fonts = Path("/usr/share/fonts/truetype/dejavu")
    try:
        brand = ImageFont.truetype(str(fonts / "DejaVuSans-Bold.ttf"), 132)
        tagline = ImageFont.truetype(str(fonts / "DejaVuSans.ttf"), 44)
    except OSError:
        brand = tagline = ImageFont.load_default(size=96)
    draw.text((width / 2, 250), "WeCitizens", font=brand, fill="#ffffff", anchor="mm")
    draw.text(
        (width / 2, 370), "Thailand's learning cities", font=tagline, fill="#dcfce7", anchor="mm"
    )
    canvas.save(path, "PNG", optimize=True)


def make_rendition_on_save(sender, instance, **kwargs):
    """Make the share rendition when a hero image is saved, so no reader waits for it."""
    if getattr(instance, "hero_image", None):
        cache.delete(f"share-image:{_rendition_name(instance, 'hero_image')}")  # try afresh
        share_rendition(instance)
