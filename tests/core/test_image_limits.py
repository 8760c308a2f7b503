"""The limits that bound what one upload costs (measured by bench/uploads.py): the pixel limit
of each format, and the size the stored original is scaled down to."""

import io

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from core.images import reencode_image, validate_image_file

EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


def flat_upload(image_format, size, **options):
    """A plain picture: many pixels in few bytes, like the 116 KB PNG of 39.7 megapixels."""
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, image_format, **options)
    return SimpleUploadedFile(f"big.{EXTENSIONS[image_format]}", buffer.getvalue())


def size_with_pixels(pixels):
    """A 4:3-ish width×height with exactly `pixels` pixels or just under."""
    height = int((pixels * 3 / 4) ** 0.5)
    return pixels // height, height


def test_the_limits_are_those_the_benchmark_measured():
    assert settings.WECITIZENS_MAX_IMAGE_PIXELS == {
        "JPEG": 40_000_000,
        "PNG": 12_000_000,
        "WEBP": 8_000_000,
    }
    assert settings.WECITIZENS_MAX_PROGRESSIVE_JPEG_PIXELS == 12_000_000
    assert settings.WECITIZENS_MAX_STORED_IMAGE_SIDE == 2000


def test_the_png_of_39_7_megapixels_is_refused_with_a_clear_thai_message():
    with translation.override("th"), pytest.raises(ValidationError) as caught:
        validate_image_file(flat_upload("PNG", (7300, 5440)))

    assert caught.value.code == "image_too_many_pixels"
    message = caught.value.messages[0]
    assert "7300×5440" in message
    assert "12" in message and "ล้านพิกเซล" in message


@pytest.mark.parametrize("image_format", ["PNG", "WEBP", "JPEG"])
def test_an_image_one_pixel_row_over_the_limit_is_refused(image_format):
    width, height = size_with_pixels(settings.WECITIZENS_MAX_IMAGE_PIXELS[image_format])

    with pytest.raises(ValidationError) as caught:
        validate_image_file(flat_upload(image_format, (width, height + 1)))

    assert caught.value.code == "image_too_many_pixels"


@pytest.mark.parametrize("image_format", ["PNG", "WEBP", "JPEG"])
def test_an_image_at_the_limit_is_accepted_and_stored_scaled_down(image_format):
    size = size_with_pixels(settings.WECITIZENS_MAX_IMAGE_PIXELS[image_format])
    upload = flat_upload(image_format, size)

    validate_image_file(upload)
    stored = reencode_image(upload)

    with Image.open(stored) as image:
        assert image.format == image_format
        assert max(image.size) == settings.WECITIZENS_MAX_STORED_IMAGE_SIDE
        assert image.width / image.height == pytest.approx(size[0] / size[1], rel=0.01)


def test_a_progressive_jpeg_has_its_own_lower_limit():
    limit = settings.WECITIZENS_MAX_PROGRESSIVE_JPEG_PIXELS
    width, height = size_with_pixels(limit)
    validate_image_file(flat_upload("JPEG", (width, height), progressive=True))

    with translation.override("th"), pytest.raises(ValidationError) as caught:
        validate_image_file(flat_upload("JPEG", (width, height + 1), progressive=True))

    assert caught.value.code == "image_too_many_pixels"
    assert "JPEG" in caught.value.messages[0] and "ล้านพิกเซล" in caught.value.messages[0]


def test_a_small_image_is_stored_at_its_own_size():
    stored = reencode_image(flat_upload("PNG", (640, 480)))

    with Image.open(stored) as image:
        assert image.size == (640, 480)


def test_a_tall_phone_photo_is_scaled_by_its_longer_side():
    stored = reencode_image(flat_upload("JPEG", (3000, 4000)))

    with Image.open(stored) as image:
        assert image.size == (1500, 2000)
