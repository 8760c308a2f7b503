"""Stored images carry pixels only: no comment, EXIF (GPS), XMP, IPTC or ICC profile survives
in the stored original, its renditions or its share image. The raw bytes are searched for
each marker, not only what Pillow reports."""

import io
import struct

import pytest
from django.core.files.base import ContentFile
from PIL import Image, ImageCms, PngImagePlugin

from tests.factories import CityFactory, PersonFactory, StoryFactory

pytestmark = pytest.mark.django_db

GPS_IFD = 0x8825
COMMENT = b"secret-comment-by-the-camera-owner"
XMP = (
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
    '22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" '
    'exif:GPSLatitude="13,45.0N"/></rdf:RDF></x:xmpmeta>'
)
IPTC_PAYLOAD = b"iptc-byline-reporter-name"

# Bytes that betray metadata in any of the stored formats.
MARKERS = {
    "EXIF": b"Exif\x00\x00",
    "XMP": b"http://ns.adobe.com/xap/1.0/",
    "IPTC (Photoshop APP13)": b"Photoshop 3.0",
    "ICC (JPEG APP2)": b"ICC_PROFILE",
    "comment text": COMMENT,
    "IPTC text": IPTC_PAYLOAD,
    "XMP text": b"xmpmeta",
    "PNG iCCP": b"iCCP",
    "PNG eXIf": b"eXIf",
    "PNG tEXt": b"tEXt",
    "PNG iTXt": b"iTXt",
    "PNG zTXt": b"zTXt",
    "WebP EXIF": b"EXIF",
    "WebP XMP": b"XMP ",
    "WebP ICCP": b"ICCP",
}


def exif_with_gps():
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (13.0, 45.0, 0.0), 3: "E", 4: (100.0, 30.0, 0.0)})
    return exif.tobytes()


def icc_profile():
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def with_iptc(jpeg):
    """Insert a Photoshop APP13 segment (where IPTC lives) right after the SOI marker."""
    record = b"\x1c\x02\x50" + struct.pack(">H", len(IPTC_PAYLOAD)) + IPTC_PAYLOAD
    resource = b"8BIM\x04\x04\x00\x00" + struct.pack(">I", len(record)) + record
    body = b"Photoshop 3.0\x00" + resource
    segment = b"\xff\xed" + struct.pack(">H", len(body) + 2) + body
    return jpeg[:2] + segment + jpeg[2:]


def photo(size=(900, 600)):
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    return image


def jpeg_with_everything():
    buffer = io.BytesIO()
    photo().save(
        buffer,
        "JPEG",
        comment=COMMENT,
        exif=exif_with_gps(),
        xmp=XMP.encode(),
        icc_profile=icc_profile(),
    )
    return with_iptc(buffer.getvalue())


def png_with_everything():
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", COMMENT.decode())
    info.add_itxt("XML:com.adobe.xmp", XMP)
    info.add_text("Raw profile type iptc", IPTC_PAYLOAD.decode(), zip=True)
    buffer = io.BytesIO()
    photo().convert("RGBA").save(
        buffer, "PNG", pnginfo=info, exif=exif_with_gps(), icc_profile=icc_profile()
    )
    return buffer.getvalue()


def webp_with_everything():
    buffer = io.BytesIO()
    photo().save(buffer, "WEBP", exif=exif_with_gps(), xmp=XMP.encode(), icc_profile=icc_profile())
    return buffer.getvalue()


SAMPLES = {
    "jpg": jpeg_with_everything,
    "png": png_with_everything,
    "webp": webp_with_everything,
}


@pytest.mark.parametrize("extension", SAMPLES)
def test_the_sample_really_carries_the_metadata(extension):
    data = SAMPLES[extension]()
    if extension == "jpg":
        assert {0xFE, 0xE1, 0xE2, 0xED} <= set(jpeg_segments(data))  # COM, EXIF/XMP, ICC, IPTC

    with Image.open(io.BytesIO(data)) as image:
        assert image.info.get("icc_profile")
        assert GPS_IFD in image.getexif()
    assert b"xmpmeta" in data


# JPEG segments a clean file may have before its scan: JFIF header, tables, frame, restarts.
CLEAN_JPEG_SEGMENTS = {0xE0, 0xDB, 0xC4, 0xC0, 0xC1, 0xC2, 0xDD}


def jpeg_segments(data):
    """The marker bytes of every segment before the first scan (SOS)."""
    assert data[:2] == b"\xff\xd8"
    position, markers = 2, []
    while data[position + 1] != 0xDA:
        assert data[position] == 0xFF
        markers.append(data[position + 1])
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        position += 2 + length
    return markers


def found_markers(data):
    return [name for name, marker in MARKERS.items() if marker in data]


@pytest.mark.parametrize("extension", SAMPLES)
@pytest.mark.parametrize(
    ("factory", "field"),
    [(StoryFactory, "hero_image"), (CityFactory, "hero_image"), (PersonFactory, "photo")],
)
def test_no_metadata_survives_in_any_stored_file(extension, factory, field, media_root):
    obj = factory()
    setattr(obj, field, ContentFile(SAMPLES[extension](), name=f"IMG_0001.{extension}"))

    obj.save()

    stored = sorted(path for path in media_root.rglob("*") if path.is_file())
    assert len(stored) > 2  # the original and its renditions (and the share image)
    for path in stored:
        data = path.read_bytes()
        assert found_markers(data) == [], path.name
        if data[:2] == b"\xff\xd8":
            assert set(jpeg_segments(data)) <= CLEAN_JPEG_SEGMENTS, path.name
        with Image.open(path) as image:
            assert not image.getexif(), path.name
            assert not image.info.get("icc_profile"), path.name
            assert not {"comment", "xmp", "XML:com.adobe.xmp"} & set(image.info), path.name
