"""Uploaded images: what is accepted, and what is stored.

Django's ImageField accepts dozens of formats and any pixel count; a tiny PNG can declare
100 megapixels and cost hundreds of MiB to process, a truncated file fails half way through
decoding, and the original bytes (EXIF GPS, a comment, XMP, IPTC, an ICC profile, a script
appended to a valid image) would be stored as sent. So validation (`IMAGE_VALIDATORS`, run by
every model form, admin and portal alike) does the whole work once, before anything is saved:

- it accepts only JPEG, PNG and WebP as Pillow reads them (never trusting the file name), at
  most `WECITIZENS_MAX_IMAGE_BYTES`, and at most `WECITIZENS_MAX_IMAGE_PIXELS[format]` pixels
  (`WECITIZENS_MAX_PROGRESSIVE_JPEG_PIXELS` for a progressive JPEG), and refuses
  decompression bombs;
- it decodes the image completely (a truncated or damaged file is a form error, not a server
  error), a JPEG at a reduced scale (libjpeg's draft mode) when it is larger than needed;
- it makes the clean copy that will be stored: turned by its EXIF orientation, no larger than
  `WECITIZENS_MAX_STORED_IMAGE_SIDE` pixels a side, colours converted to sRGB, then re-encoded
  from the pixels alone, so no metadata at all survives (no comment, EXIF, GPS, XMP, IPTC,
  ICC profile, nor anything appended), under a random name.

`reencode_new_images` (connected to `pre_save` of every model with an image) stores that copy;
an image assigned without a form (a script, a fixture) is validated and cleaned there.

Why these limits, and what they cost, is in docs/uploads.md (measured by bench/uploads.py).
"""

import io
import uuid
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageOps

ALLOWED_IMAGE_FORMATS = ("JPEG", "PNG", "WEBP")
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
SAVE_OPTIONS = {"JPEG": {"quality": 88, "optimize": True}, "PNG": {}, "WEBP": {"quality": 88}}
# The modes each format is stored in; anything else (CMYK, palette, 16-bit…) is converted.
STORED_MODES = {"JPEG": ("RGB", "L"), "PNG": ("RGB", "RGBA", "L", "LA"), "WEBP": ("RGB", "RGBA")}
# Errors Pillow raises on a file it cannot decode to the end.
DECODING_ERRORS = (OSError, ValueError, SyntaxError, EOFError, IndexError, TypeError)
SRGB = ImageCms.createProfile("sRGB")
CLEAN_COPY = "_wecitizens_clean_copy"
validate_image_extension = FileExtensionValidator(["jpg", "jpeg", "png", "webp"])


def _bomb_error():
    return ValidationError(
        _(
            "This image declares far more pixels than a photo needs and was refused "
            "(it may be a decompression bomb). Upload an ordinary photo."
        ),
        code="image_bomb",
    )


def _unreadable_error():
    return ValidationError(
        _(
            "This image could not be read to the end: the file may be cut short or damaged. "
            "Open it on your device to check it, then upload it again."
        ),
        code="image_unreadable",
    )


def _starts_like_an_allowed_image(upload):
    upload.seek(0)
    start = upload.read(12)
    upload.seek(0)
    is_webp = start[:4] == b"RIFF" and start[8:12] == b"WEBP"
    return is_webp or start.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n"))


def _open(upload):
    """Open with Pillow, JPEG/PNG/WebP only; a pixel-count warning counts as an error."""
    upload.seek(0)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            return Image.open(upload, formats=ALLOWED_IMAGE_FORMATS)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise _bomb_error() from error
        except (OSError, ValueError, SyntaxError) as error:
            if _starts_like_an_allowed_image(upload):
                raise _unreadable_error() from error
            raise ValidationError(
                _("Upload a JPEG, PNG or WebP image."), code="invalid_image_format"
            ) from error


def _is_progressive_jpeg(image):
    return image.format == "JPEG" and bool(
        image.info.get("progressive") or image.info.get("progression")
    )


def max_image_pixels(image):
    """The most pixels an upload like `image` (opened, not decoded) may have."""
    if _is_progressive_jpeg(image):
        return settings.WECITIZENS_MAX_PROGRESSIVE_JPEG_PIXELS
    return settings.WECITIZENS_MAX_IMAGE_PIXELS[image.format]


def _check_pixels(image):
    width, height = image.size
    limit = max_image_pixels(image)
    if width * height <= limit:
        return
    if _is_progressive_jpeg(image):
        message = _(
            "This image has too many pixels (%(width)s×%(height)s). The limit for progressive "
            "JPEG images is %(limit)s megapixels: make it smaller, or save it as an ordinary "
            "(baseline) JPEG."
        )
    elif image.format == "JPEG":
        message = _(
            "This image has too many pixels (%(width)s×%(height)s). "
            "The limit for JPEG images is %(limit)s megapixels: make it smaller."
        )
    else:
        message = _(
            "This image has too many pixels (%(width)s×%(height)s). The limit for %(format)s "
            "images is %(limit)s megapixels: make it smaller, or save it as JPEG."
        )
    raise ValidationError(
        message,
        params={
            "width": width,
            "height": height,
            "format": "WebP" if image.format == "WEBP" else image.format,
            "limit": f"{limit / 1_000_000:g}",
        },
        code="image_too_many_pixels",
    )


def _fitted_size(size, side):
    """`size` scaled down (never up) to fit in side×side, keeping its proportions."""
    width, height = size
    scale = min(1, side / max(width, height))
    return max(1, round(width * scale)), max(1, round(height * scale))


def _to_srgb(image, icc_profile):
    """The pixels converted from their embedded colour profile to sRGB, in a stored mode."""
    if icc_profile and image.mode in ("RGB", "RGBA", "L", "CMYK"):
        output_mode = "RGBA" if image.mode == "RGBA" else "RGB"
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
            return ImageCms.profileToProfile(image, source, SRGB, outputMode=output_mode)
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            pass  # a broken or mismatched profile: keep the pixels as they are
    return image


def _stored_mode(image, image_format):
    """`image` in a mode its format is stored in; transparency is kept where it can be."""
    has_alpha = "A" in image.getbands() or "transparency" in image.info
    if image_format == "JPEG" or not has_alpha:
        return image if image.mode in STORED_MODES[image_format] else image.convert("RGB")
    if image.mode in ("RGBA", "LA") and image.mode in STORED_MODES[image_format]:
        return image
    return image.convert("RGBA")  # a palette or colour key's transparency becomes alpha


def _clean_copy(image):
    """Decode `image` (opened, not loaded) and return the bytes of its clean copy."""
    image_format = image.format
    side = settings.WECITIZENS_MAX_STORED_IMAGE_SIDE
    if image_format == "JPEG":
        # libjpeg decodes at 1/2, 1/4 or 1/8 scale when that is still at least the stored size.
        image.draft(None, _fitted_size(image.size, side))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image.load()
        icc_profile = image.info.get("icc_profile")
        if image.mode in ("1", "P"):
            image = _stored_mode(image, image_format)  # resized otherwise with no smoothing
        image.thumbnail((side, side), Image.Resampling.LANCZOS, reducing_gap=3.0)
        ImageOps.exif_transpose(image, in_place=True)
        image = _stored_mode(_to_srgb(image, icc_profile), image_format)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise _bomb_error() from error
    except DECODING_ERRORS as error:
        raise _unreadable_error() from error
    image.info = {}  # Pillow writes some of it back (a JPEG's comment, a PNG's ICC profile)
    buffer = io.BytesIO()
    image.save(buffer, format=image_format, **SAVE_OPTIONS[image_format])
    return ContentFile(buffer.getvalue(), name=f"{uuid.uuid4().hex}.{EXTENSIONS[image_format]}")


def _file_of(upload):
    """The uploaded file itself, whether given directly or inside a model's FieldFile."""
    return upload.file if isinstance(upload, FieldFile) else upload


def validate_image_file(upload):
    """Accept an upload only if it is an image we can store; keep its clean copy on it."""
    if getattr(upload, "_committed", False):
        return  # already stored and checked when it was uploaded
    if getattr(_file_of(upload), CLEAN_COPY, None) is not None:
        return  # validated already (a form, then the model's own full_clean)
    if upload.size and upload.size > settings.WECITIZENS_MAX_IMAGE_BYTES:
        raise ValidationError(
            _("This image is too large (%(size)s MB). The limit is %(limit)s MB."),
            params={
                "size": round(upload.size / 1024 / 1024, 1),
                "limit": settings.WECITIZENS_MAX_IMAGE_BYTES // 1024 // 1024,
            },
            code="image_too_large",
        )
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        with _open(upload) as image:
            _check_pixels(image)
            clean = _clean_copy(image)
    finally:
        upload.seek(position)
    setattr(_file_of(upload), CLEAN_COPY, clean)


IMAGE_VALIDATORS = [validate_image_extension, validate_image_file]


def reencode_image(upload):
    """The clean copy of an accepted upload: upright, sRGB, at most the stored size, no
    metadata, re-encoded under a random name (made by validation, or now if it did not run).

    Only the decoded pixels are written back, so EXIF (GPS included), comments, XMP, IPTC,
    ICC profiles and any bytes appended to the image (polyglots) are gone.
    """
    validate_image_file(upload)
    clean = getattr(_file_of(upload), CLEAN_COPY)
    clean.seek(0)
    upload.seek(0)
    return clean


def reencode_new_images(sender, instance, **kwargs):
    """pre_save: replace every newly uploaded image of `instance` with its clean copy."""
    for field in sender._meta.concrete_fields:
        if not isinstance(field, models.ImageField):
            continue
        file = getattr(instance, field.attname)
        if file and not file._committed:
            setattr(instance, field.attname, reencode_image(file.file))
