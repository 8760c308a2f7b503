import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from core.images import validate_image_extension, validate_image_file


def image_upload(image_format="PNG", size=(4, 3), name="photo.png"):
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, format=image_format)
    return SimpleUploadedFile(name, buffer.getvalue())


def error_code(validator, upload):
    with pytest.raises(ValidationError) as caught:
        validator(upload)
    return caught.value.code


def test_a_small_png_is_accepted():
    validate_image_file(image_upload())


def test_a_webp_is_accepted():
    validate_image_file(image_upload("WEBP", name="photo.webp"))


def test_a_gif_is_refused_even_when_named_png():
    assert error_code(validate_image_file, image_upload("GIF")) == "invalid_image_format"


def test_a_file_that_is_not_an_image_is_refused():
    upload = SimpleUploadedFile("photo.png", b"<script>alert(1)</script>")

    assert error_code(validate_image_file, upload) == "invalid_image_format"


def test_an_image_with_too_many_pixels_is_refused(settings):
    settings.WECITIZENS_MAX_IMAGE_PIXELS = {"JPEG": 100, "PNG": 100, "WEBP": 100}

    assert error_code(validate_image_file, image_upload(size=(20, 20))) == "image_too_many_pixels"


def test_a_file_over_the_byte_limit_is_refused(settings):
    settings.WECITIZENS_MAX_IMAGE_BYTES = 10

    assert error_code(validate_image_file, image_upload()) == "image_too_large"


def test_validation_leaves_the_upload_readable_from_the_start():
    upload = image_upload()

    validate_image_file(upload)

    assert upload.tell() == 0


@pytest.mark.parametrize("name", ["photo.psd", "photo.gif", "photo.svg", "photo.fits"])
def test_only_jpeg_png_and_webp_extensions_are_accepted(name):
    assert error_code(validate_image_extension, image_upload(name=name)) == "invalid_extension"
