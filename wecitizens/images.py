"""Uploaded images: what is accepted, and what is stored.

Django's ImageField accepts dozens of formats and any pixel count; a tiny PNG can declare
100 megapixels and cost hundreds of MiB to process, and the original bytes (EXIF GPS, a
script appended to a valid image) would be stored as sent. So:

- validation (`IMAGE_VALIDATORS`, run by every model form, admin and portal alike) accepts only
  JPEG, PNG and WebP as Pillow reads them (never trusting the file name), at most
  `WECITIZENS_MAX_IMAGE_BYTES` and `WECITIZENS_MAX_IMAGE_PIXELS`, and refuses decompression bombs;
- storing (`reencode_new_images`, connected to `pre_save` of every model with an image) turns
  the image by its EXIF orientation, re-encodes its pixels — dropping EXIF, GPS and anything
  appended — and saves it under a random name.
"""

import io
import uuid
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

ALLOWED_IMAGE_FORMATS = ("JPEG", "PNG", "WEBP")
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
validate_image_extension = FileExtensionValidator(["jpg", "jpeg", "png", "webp"])


def _bomb_error():
    return ValidationError(
        _(
            "This image declares far more pixels than a photo needs and was refused "
            "(it may be a decompression bomb). Upload an ordinary photo."
        ),
        code="image_bomb",
    )


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
            raise ValidationError(
                _("Upload a JPEG, PNG or WebP image."), code="invalid_image_format"
            ) from error


def validate_image_file(upload):
    if getattr(upload, "_committed", False):
        return  # already stored and checked when it was uploaded
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
            width, height = image.size
    finally:
        upload.seek(position)
    if width * height > settings.WECITIZENS_MAX_IMAGE_PIXELS:
        raise ValidationError(
            _(
                "This image has too many pixels (%(width)s×%(height)s). "
                "The limit is %(limit)s megapixels."
            ),
            params={
                "width": width,
                "height": height,
                "limit": settings.WECITIZENS_MAX_IMAGE_PIXELS // 1_000_000,
            },
            code="image_too_many_pixels",
        )


IMAGE_VALIDATORS = [validate_image_extension, validate_image_file]


def reencode_image(upload):
    """A clean copy of an accepted upload: turned upright, re-encoded, under a random name.

    Only the decoded pixels are written back, so EXIF (GPS included), ICC-less metadata and
    any bytes appended to the image (polyglots) are gone.
    """
    validate_image_file(upload)
    with _open(upload) as image:
        image_format = image.format
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image.load()
        upright = ImageOps.exif_transpose(image)
    if image_format == "JPEG" and upright.mode not in ("RGB", "L"):
        upright = upright.convert("RGB")
    if image_format != "JPEG" and upright.mode not in ("RGB", "RGBA", "L", "LA"):
        upright = upright.convert("RGBA")
    buffer = io.BytesIO()
    options = {"JPEG": {"quality": 88, "optimize": True}, "WEBP": {"quality": 88}}
    upright.save(buffer, format=image_format, **options.get(image_format, {}))
    upload.seek(0)
    return ContentFile(buffer.getvalue(), name=f"{uuid.uuid4().hex}.{EXTENSIONS[image_format]}")


def reencode_new_images(sender, instance, **kwargs):
    """pre_save: replace every newly uploaded image of `instance` with its clean copy."""
    for field in sender._meta.concrete_fields:
        if not isinstance(field, models.ImageField):
            continue
        file = getattr(instance, field.attname)
        if file and not file._committed:
            setattr(instance, field.attname, reencode_image(file.file))
