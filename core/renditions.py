"""Responsive renditions of uploaded images: several widths in WebP, with a JPEG fallback.

A rendition is made once, with Pillow, the first time a page (or a save) asks for it, and is
stored beside the uploads under `renditions/`; later requests only look it up. What a page
needs to write `<picture>` (the original's size and the widths made) is kept in the cache, so
rendering an image costs neither a query nor, once warm, a file-system call.

Upload validation and re-encoding belong to `core.images`; this module only reads the
stored file.
"""

import hashlib
import io
import logging
import posixpath
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models
from PIL import Image, ImageOps

logger = logging.getLogger(__name__)

FORMATS = {
    # name: (Pillow format, MIME type, extension, save options)
    "webp": ("WEBP", "image/webp", "webp", {"quality": 78, "method": 4}),
    "jpeg": ("JPEG", "image/jpeg", "jpg", {"quality": 80, "optimize": True, "progressive": True}),
}
CACHE_VERSION = 1


@dataclass(frozen=True)
class Rendition:
    url: str
    width: int


@dataclass(frozen=True)
class ResponsiveImage:
    """The renditions of one image: `sources[format]` lists them from narrowest to widest."""

    width: int
    height: int
    sources: dict

    def srcset(self, image_format):
        return ", ".join(f"{r.url} {r.width}w" for r in self.sources[image_format])

    @property
    def fallback(self):
        """The JPEG a browser without srcset shows: the one closest to 800 pixels wide."""
        candidates = self.sources["jpeg"]
        return min(candidates, key=lambda r: abs(r.width - 800))

    def height_for(self, width):
        return round(self.height * width / self.width)


def rendition_widths(original_width):
    """The configured widths narrower than the original, plus the original when it is smaller
    than the widest one: never upscaled."""
    configured = sorted(settings.WECITIZENS_IMAGE_WIDTHS)
    widths = [width for width in configured if width < original_width]
    if original_width <= configured[-1]:
        widths.append(original_width)
    return widths or [configured[-1]]


def _folder(name):
    digest = hashlib.sha256(name.encode()).hexdigest()[:16]
    stem = posixpath.splitext(posixpath.basename(name))[0][:40]
    return f"renditions/{stem}-{digest}"


def _rendition_name(folder, width, image_format):
    """The name of one rendition in the image's `_folder()` (hashed once per image)."""
    return f"{folder}/{width}.{FORMATS[image_format][2]}"


def _cache_key(name):
    return f"rendition:{CACHE_VERSION}:{hashlib.sha256(name.encode()).hexdigest()}"


def _resized(image, width):
    """`image` at `width` pixels wide. Where it is more than three times wider, Pillow first
    reduces it by a whole factor (a box filter, cheap), then finishes with LANCZOS."""
    height = max(1, round(image.height * width / image.width))
    if width == image.width:
        return image
    return image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)


def _encode(resized, image_format, options=None):
    """`resized` in `image_format`, with that format's save options unless given others."""
    pillow_format, _mime, _ext, default_options = FORMATS[image_format]
    options = default_options if options is None else options
    if image_format == "jpeg" and resized.mode != "RGB":
        flat = Image.new("RGB", resized.size, (255, 255, 255))
        flat.paste(resized, mask=resized.getchannel("A") if "A" in resized.mode else None)
        resized = flat
    resized.info = {}  # no comment, profile or other metadata is written into a rendition
    buffer = io.BytesIO()
    resized.save(buffer, pillow_format, **options)
    return buffer.getvalue()


@contextmanager
def _upright(field_file):
    """The stored original, turned as its EXIF orientation says."""
    with field_file.storage.open(field_file.name, "rb") as handle, Image.open(handle) as opened:
        yield ImageOps.exif_transpose(opened)


def _make(field_file):
    """Open the stored original, write whichever renditions are missing, return the facts."""
    name = field_file.name
    with _upright(field_file) as image:
        if image.mode not in ("RGB", "RGBA"):
            image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
        widths = rendition_widths(image.width)
        folder = _folder(name)
        source = image
        for width in sorted(widths, reverse=True):
            targets = {
                image_format: _rendition_name(folder, width, image_format)
                for image_format in FORMATS
            }
            missing = [fmt for fmt, target in targets.items() if not default_storage.exists(target)]
            if not missing:
                continue
            # Each width is resized once, for both formats, from the next wider one (at most
            # a few times wider), not from the original: a fraction of the work.
            source = _resized(source, width)
            for image_format in missing:
                default_storage.save(
                    targets[image_format], ContentFile(_encode(source, image_format))
                )
        return {"width": image.width, "height": image.height, "widths": widths}


def cropped_jpeg(field_file, size, options):
    """The stored image scaled and centre-cropped to exactly `size`, as JPEG bytes saved with
    `options` (a share picture). Raises one of `UNREADABLE_ERRORS` when it cannot be read."""
    with _upright(field_file) as image:
        fitted = ImageOps.fit(image.convert("RGB"), size, Image.Resampling.LANCZOS)
    return _encode(fitted, "jpeg", options)


def store_once(name, content):
    """Save the bytes `content` as `name` in the media storage, where no file had that name when
    the caller looked. A made picture's name carries a digest of what it shows, so a file
    another process saved by that name meanwhile is the same picture: it is kept, and this
    copy (which the storage saved under another name) is deleted."""
    saved = default_storage.save(name, ContentFile(content))
    if saved != name:
        default_storage.delete(saved)


# What the cache remembers of a made picture (a share image, a quote card): it is stored, so
# a page needs no storage call to know it; or its source cannot be read, so a page does not
# try again for a while.
MADE = "made"
UNREADABLE = "unreadable"
UNREADABLE_RETRY_SECONDS = 300
UNREADABLE_ERRORS = (OSError, ValueError, Image.DecompressionBombError)


def responsive_image(field_file):
    """The `ResponsiveImage` for an ImageField's file, making renditions on first use.

    Returns None for an empty field or a file that cannot be read (the page then shows no
    image rather than failing).
    """
    if not field_file:
        return None
    key = _cache_key(field_file.name)
    facts = getattr(field_file, "rendition_facts", None)  # read by prefetch_renditions()
    if facts is None:
        facts = cache.get(key)
    if facts == UNREADABLE:
        return None
    if facts is None:
        try:
            facts = _make(field_file)
        except UNREADABLE_ERRORS:
            logger.warning("Cannot make renditions of %s", field_file.name, exc_info=True)
            # Remember the failure for a while; retrying (and logging a traceback) on
            # every request made a page with a few missing files twenty times slower.
            cache.set(key, UNREADABLE, timeout=UNREADABLE_RETRY_SECONDS)
            return None
        cache.set(key, facts, timeout=None)
    # Renditions are public files named by width in one folder, so each URL is the folder's
    # URL plus the file name: one storage call per picture instead of twelve (on S3 each is a
    # boto3 call). Signed, expiring URLs could not work here anyway: pages are cached.
    folder_url = default_storage.url(f"{_folder(field_file.name)}/")
    sources = {
        image_format: [
            Rendition(f"{folder_url}{width}.{extension}", width) for width in facts["widths"]
        ]
        for image_format, (_pillow, _mime, extension, _options) in FORMATS.items()
    }
    return ResponsiveImage(width=facts["width"], height=facts["height"], sources=sources)


def prefetch_renditions(objects, field_name):
    """Read what the pictures of `objects` need in one cache round trip, not one per picture.

    For a list of cards (a Redis round trip each in production), as prefetch_related is for
    queries. Returns `objects`; a picture the cache does not know yet is made when shown.
    """
    field_files = [getattr(obj, field_name) for obj in objects]
    field_files = [field_file for field_file in field_files if field_file]
    found = cache.get_many([_cache_key(field_file.name) for field_file in field_files])
    for field_file in field_files:
        field_file.rendition_facts = found.get(_cache_key(field_file.name))
    return objects


_deferred = ContextVar("renditions_deferred", default=False)


@contextmanager
def renditions_deferred():
    """Saves inside make no renditions (nor share images: `are_renditions_deferred`); the
    next save or the first page view makes them.

    For bulk imports of drafts: making the twelve renditions of a 2000-pixel photo costs
    ~1.7 s, six times its validation and clean copy; the share image of a 1280-pixel photo
    ~0.1 s, as much as the rest of importing a post (bench/facebook_import.py).
    """
    token = _deferred.set(True)
    try:
        yield
    finally:
        _deferred.reset(token)


def are_renditions_deferred():
    return _deferred.get()


def make_renditions_on_save(sender, instance, **kwargs):
    """post_save: make the renditions of every image field now, not on the first page view."""
    if _deferred.get():
        return
    for field in sender._meta.get_fields():
        if isinstance(field, models.ImageField):
            field_file = getattr(instance, field.attname)
            if field_file and cache.get(_cache_key(field_file.name)) == UNREADABLE:
                cache.delete(_cache_key(field_file.name))  # saved again: try it afresh
            responsive_image(field_file)


def process_images_of(model):
    """Every image `model` stores is re-encoded as a clean copy before it is saved (whichever
    form uploaded it), and its responsive renditions are made once it is saved."""
    from django.db.models.signals import post_save, pre_save

    from core.images import reencode_new_images

    pre_save.connect(reencode_new_images, sender=model, dispatch_uid=f"images-{model.__name__}")
    post_save.connect(
        make_renditions_on_save, sender=model, dispatch_uid=f"renditions-{model.__name__}"
    )
