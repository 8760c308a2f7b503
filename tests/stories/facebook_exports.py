"""Facebook Page exports built the way Facebook writes them, for the import's tests and bench.

Text is written as Facebook does: each UTF-8 byte as its own `\\u00XX` escape. Photos are real
JPEGs carrying GPS EXIF, so a test can check the stored copies lost it.
"""

import io
import json
import zipfile

from PIL import ExifTags, Image

GPS_LATITUDE = (13.0, 45.0, 30.0)


def facebook_json(value):
    """`value` as Facebook's exporter writes it: UTF-8 bytes escaped one by one."""

    def mangle(item):
        if isinstance(item, str):
            return item.encode("utf-8").decode("latin-1")
        if isinstance(item, list):
            return [mangle(i) for i in item]
        if isinstance(item, dict):
            return {mangle(k): mangle(v) for k, v in item.items()}
        return item

    return json.dumps(mangle(value), ensure_ascii=True, indent=2)


def photo_with_gps(size=(640, 480), colour=(200, 120, 40), quality=85):
    image = Image.new("RGB", size, colour)
    exif = image.getexif()
    exif[ExifTags.Base.Make] = "WeCitizensCam"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = GPS_LATITUDE
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (100.0, 30.0, 10.0)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif, quality=quality)
    return buffer.getvalue()


def has_gps(data):
    with Image.open(io.BytesIO(data)) as image:
        return bool(image.getexif().get_ifd(ExifTags.IFD.GPSInfo))


def post(text, *, timestamp, photos=(), links=(), extra=None):
    """One post as the export writes it; `photos` are (uri, description) pairs."""
    raw = {"timestamp": timestamp, "data": [{"post": text}] if text else [], "title": "WeCitizens"}
    attachments = []
    if photos:
        attachments.append(
            {
                "data": [
                    {
                        "media": {
                            "uri": uri,
                            "creation_timestamp": timestamp,
                            "media_metadata": {"photo_metadata": {"exif_data": [{"iso": 100}]}},
                            "description": description,
                            "title": "Timeline photos",
                        }
                    }
                    for uri, description in photos
                ]
            }
        )
    for url in links:
        attachments.append({"data": [{"external_context": {"url": url}}]})
    if attachments:
        raw["attachments"] = attachments
    raw.update(extra or {})
    return raw


class ExportBuilder:
    """An export being written: posts files and photos, then `zip()` or `folder()`."""

    def __init__(
        self, posts_path="this_profile's_activity_across_facebook/posts/profile_posts_1.json"
    ):
        self.posts_path = posts_path
        self.files = {}
        self.posts = []

    def add_post(self, text, *, timestamp, photos=(), links=(), extra=None):
        """`photos` are (name, description, bytes); their uris are in posts/media/."""
        entries = []
        for name, description, data in photos:
            uri = f"this_profile's_activity_across_facebook/posts/media/Timeline_{name}"
            if data is not None:
                self.files[uri] = data
            entries.append((uri, description))
        self.posts.append(post(text, timestamp=timestamp, photos=entries, links=links, extra=extra))

    def contents(self):
        return {**self.files, self.posts_path: facebook_json(self.posts).encode()}

    def zip(self, path, *, extra_members=None):
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in self.contents().items():
                archive.writestr(name, data)
            for name, data in (extra_members or {}).items():
                archive.writestr(name, data)
        return path

    def folder(self, path):
        for name, data in self.contents().items():
            target = path / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        return path
