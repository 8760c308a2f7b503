"""Validation for uploaded images.

Django's ImageField accepts dozens of formats and any pixel count; a tiny PNG can declare
100 megapixels and cost hundreds of MiB to process. Only JPEG, PNG and WebP within fixed
byte and pixel limits are accepted.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext_lazy as _
from PIL import Image

ALLOWED_IMAGE_FORMATS = ("JPEG", "PNG", "WEBP")
validate_image_extension = FileExtensionValidator(["jpg", "jpeg", "png", "webp"])


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
        upload.seek(0)
        with Image.open(upload, formats=ALLOWED_IMAGE_FORMATS) as image:
            width, height = image.size
    except (OSError, ValueError, Image.DecompressionBombError) as error:
        raise ValidationError(
            _("Upload a JPEG, PNG or WebP image."), code="invalid_image_format"
        ) from error
    finally:
        upload.seek(position)
    if width * height > settings.WECITIZENS_MAX_IMAGE_PIXELS:
        raise ValidationError(
            _("This image has too many pixels (%(width)s×%(height)s)."),
            params={"width": width, "height": height},
            code="image_too_many_pixels",
        )


IMAGE_VALIDATORS = [validate_image_extension, validate_image_file]
