"""What is stored of an accepted upload: upright, re-encoded, no EXIF, no payload, random name.
And what is refused: bombs, wrong formats, disguised files."""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from core.images import reencode_image, validate_image_file
from tests.factories import CityFactory, PersonFactory, StoryFactory

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def jpeg_with_gps(size=(40, 20), orientation=None):
    image = Image.new("RGB", size, "red")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (13.0, 45.0, 0.0), 3: "E", 4: (100.0, 30.0, 0.0)})
    if orientation:
        exif[ORIENTATION] = orientation
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


def upload(data, name="photo.jpg"):
    return SimpleUploadedFile(name, data)


def opened(content_file):
    content_file.seek(0)
    return Image.open(io.BytesIO(content_file.read()))


def png_declaring(width, height):
    """A tiny PNG whose header declares width×height pixels: a decompression bomb."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def test_the_test_photo_really_carries_gps():
    assert GPS_IFD in Image.open(io.BytesIO(jpeg_with_gps())).getexif()


def test_exif_and_gps_are_gone_after_re_encoding():
    stored = reencode_image(upload(jpeg_with_gps()))

    image = opened(stored)
    assert image.format == "JPEG"
    assert not image.getexif()
    stored.seek(0)
    assert b"PhoneMaker" not in stored.read()


def test_the_photo_is_turned_by_its_exif_orientation():
    stored = reencode_image(upload(jpeg_with_gps(size=(40, 20), orientation=6)))

    assert opened(stored).size == (20, 40)


def test_the_stored_name_is_random_and_keeps_the_real_format():
    first = reencode_image(upload(jpeg_with_gps(), name="บ้านของฉัน.jpg"))
    second = reencode_image(upload(jpeg_with_gps(), name="บ้านของฉัน.jpg"))

    assert first.name != second.name
    assert first.name.endswith(".jpg") and "บ้าน" not in first.name


def test_a_polyglot_payload_appended_to_an_image_is_dropped():
    payload = b"<script>alert(document.cookie)</script><?php system($_GET['c']); ?>"
    polyglot = jpeg_with_gps() + payload

    stored = reencode_image(upload(polyglot))

    stored.seek(0)
    data = stored.read()
    assert b"<script>" not in data and b"<?php" not in data


def test_a_png_keeps_its_format_and_transparency():
    buffer = io.BytesIO()
    Image.new("RGBA", (4, 4), (0, 0, 0, 0)).save(buffer, format="PNG")

    stored = reencode_image(upload(buffer.getvalue(), name="logo.png"))

    assert stored.name.endswith(".png")
    assert opened(stored).mode == "RGBA"


@pytest.mark.parametrize(("width", "height"), [(10_000, 10_000), (30_000, 30_000)])
def test_a_decompression_bomb_is_refused_with_a_clear_message(width, height):
    with pytest.raises(ValidationError) as caught:
        validate_image_file(upload(png_declaring(width, height), name="bomb.png"))

    assert caught.value.code in {"image_bomb", "image_too_many_pixels"}
    assert "pixels" in caught.value.messages[0] or "พิกเซล" in caught.value.messages[0]


def test_a_bomb_past_pillows_own_limit_is_named_as_such():
    with pytest.raises(ValidationError) as caught:
        validate_image_file(upload(png_declaring(30_000, 30_000), name="bomb.png"))

    assert caught.value.code == "image_bomb"


@pytest.mark.parametrize("image_format", ["GIF", "BMP", "TIFF", "ICO"])
def test_other_formats_are_refused_whatever_their_name(image_format):
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), "blue").save(buffer, format=image_format)

    with pytest.raises(ValidationError) as caught:
        validate_image_file(upload(buffer.getvalue(), name="photo.jpg"))

    assert caught.value.code == "invalid_image_format"


def test_an_svg_named_png_is_refused():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'

    with pytest.raises(ValidationError):
        validate_image_file(upload(svg, name="photo.png"))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("factory", "field"),
    [(CityFactory, "hero_image"), (PersonFactory, "photo"), (StoryFactory, "hero_image")],
)
def test_every_model_with_an_image_stores_the_clean_copy(factory, field, media_root):
    obj = factory()
    setattr(obj, field, ContentFile(jpeg_with_gps(), name="IMG_0001.jpg"))
    setattr(obj, f"{field}_alt_th" if field != "photo" else "photo_alt_th", "ภาพ")

    obj.save()

    stored = getattr(obj, field)
    assert "IMG_0001" not in stored.name
    with Image.open(stored.path) as image:
        assert not image.getexif()


@pytest.mark.parametrize("mode", ["P", "RGB"])
def test_a_png_with_a_transparent_colour_keeps_it_as_alpha(mode):
    image = Image.new(mode, (8, 8), 0)
    if mode == "P":
        image.putpalette([0, 0, 0, 255, 0, 0] + [0] * 762)
        image.paste(1, (0, 0, 4, 8))
    else:
        image.paste((255, 0, 0), (0, 0, 4, 8))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", transparency=0 if mode == "P" else (0, 0, 0))

    stored = opened(reencode_image(upload(buffer.getvalue(), name="logo.png")))

    assert stored.mode == "RGBA"
    assert stored.getpixel((0, 0)) == (255, 0, 0, 255)
    assert stored.getpixel((7, 7))[3] == 0
