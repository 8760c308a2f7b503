import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded images and share renditions go to a throw-away folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def photo():
    """A real 1600×1000 JPEG upload."""

    def make(name="photo.jpg", size=(1600, 1000)):
        buffer = io.BytesIO()
        Image.new("RGB", size, "#336699").save(buffer, "JPEG")
        return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")

    return make
