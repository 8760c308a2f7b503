"""A media path no file can have is a quiet 404: no server error, no traceback in the log."""

import io
import logging

import pytest
from PIL import Image

pytestmark = pytest.mark.django_db


@pytest.fixture
def served(media_root):
    """A real upload in MEDIA_ROOT, so a miss is not just an empty folder."""
    (media_root / "stories").mkdir(parents=True)
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    (media_root / "stories" / "photo.png").write_bytes(buffer.getvalue())
    return media_root


IMPOSSIBLE = [
    "/media/" + "a" * 260 + ".jpg",  # one component longer than any file name
    "/media/stories/" + "ก" * 100 + ".jpg",  # 300 bytes in UTF-8
    "/media/" + "/".join(["abcdefgh"] * 600) + ".jpg",  # longer than any path
    "/media/stories/photo%00.png",  # NUL
    "/media/stories/%00/photo.png",
    "/media/stories/./photo.png",  # dot segments, plain and encoded
    "/media/stories/../stories/photo.png",
    "/media/stories/%2e%2e/stories/photo.png",
    "/media/stories/%2E/photo.png",
    "/media/stories\\photo.png",  # a backslash
    "/media/stories%5cphoto.png",
    "/media//stories/photo.png",  # an empty component
    "/media/stories/%ff%fe.png",  # not UTF-8
    "/media/stories/%ed%a0%80.png",  # an encoded surrogate
]


@pytest.mark.parametrize("url", IMPOSSIBLE)
def test_an_impossible_media_path_is_a_quiet_404(client, served, caplog, url):
    with caplog.at_level(logging.INFO):
        response = client.get(url)

    assert response.status_code == 404
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []
    assert not any(r.exc_info for r in caplog.records)


def test_the_same_long_name_twice_logs_nothing_either_time(client, served, caplog):
    url = "/media/" + "x" * 300 + ".jpg"

    with caplog.at_level(logging.INFO):
        statuses = [client.get(url).status_code for _ in range(2)]

    assert statuses == [404, 404]
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []


def test_a_real_upload_is_still_served(client, served):
    response = client.get("/media/stories/photo.png")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"


def test_a_name_at_the_longest_a_file_can_have_is_served(client, served):
    name = "a" * 251 + ".png"
    (served / "stories" / name).write_bytes((served / "stories" / "photo.png").read_bytes())

    assert client.get(f"/media/stories/{name}").status_code == 200
