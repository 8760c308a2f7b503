import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(media_root):
    """Uploaded images and share renditions go to a throw-away folder."""
