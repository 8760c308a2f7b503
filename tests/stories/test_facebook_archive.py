import json
import os
import random
import stat
import zipfile

import pytest
from django.utils import translation

from stories.facebook_archive import (
    MAX_POST_CHARS,
    ArchiveError,
    FacebookArchive,
    PostError,
    repair_text,
)
from tests.stories.facebook_exports import ExportBuilder, facebook_json, photo_with_gps

THAI = "ร้อยเอ็ดเมืองน่าอยู่อย่างชาญฉลาด"
MB = 1024**2


@pytest.fixture(autouse=True)
def _english(_thai_is_active):
    """Messages are checked in English; the Thai ones are in the .po file."""
    with translation.override("en"):
        yield


def read_all(path, max_photo_bytes=10 * MB):
    with FacebookArchive(path, max_photo_bytes=max_photo_bytes) as archive:
        return list(archive.posts())


def test_repair_text_decodes_facebooks_escaped_thai():
    mangled = json.loads(facebook_json(THAI))
    assert mangled.startswith("à¸£")
    assert repair_text(mangled) == THAI


def test_repair_text_keeps_text_that_does_not_round_trip():
    assert repair_text("café ข้าว") == "café ข้าว"
    assert repair_text("Café") == "Café"
    assert repair_text("plain English") == "plain English"


def test_posts_are_read_from_a_zip_with_their_thai_repaired(tmp_path):
    builder = ExportBuilder()
    builder.add_post(THAI, timestamp=1_650_000_000, links=["https://example.org/a"])
    [post] = read_all(builder.zip(tmp_path / "export.zip"))
    assert post.text == THAI
    assert post.timestamp == 1_650_000_000
    assert post.links == ["https://example.org/a"]


@pytest.mark.parametrize(
    "posts_path",
    [
        "posts/your_posts_1.json",
        "your_activity_across_facebook/posts/your_posts__check_ins__photos_and_videos_1.json",
        "facebook-wecitizens-2024/this_profile's_activity_across_facebook/posts/profile_posts_2.json",
    ],
)
def test_posts_files_are_found_wherever_the_export_put_them(tmp_path, posts_path):
    builder = ExportBuilder(posts_path=posts_path)
    builder.add_post("สวัสดี", timestamp=1_600_000_000)
    assert [post.text for post in read_all(builder.folder(tmp_path / "export"))] == ["สวัสดี"]


def test_an_archive_without_posts_says_where_it_looked(tmp_path):
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("messages/inbox/x.json", "[]")
    with pytest.raises(ArchiveError) as error:
        read_all(path)
    assert "your_posts" in str(error.value)
    assert "your_activity_across_facebook/posts/" in str(error.value)


def test_a_file_that_is_not_a_zip_is_a_clear_error(tmp_path):
    path = tmp_path / "export.zip"
    path.write_bytes(b"not a zip at all")
    with pytest.raises(ArchiveError, match="not a ZIP"):
        read_all(path)


def test_a_post_with_the_wrong_shape_is_reported_and_the_others_are_read(tmp_path):
    builder = ExportBuilder()
    builder.add_post("ก่อน", timestamp=1_600_000_000)
    builder.posts.append({"timestamp": "yesterday", "data": "broken"})
    builder.posts.append(["not", "a", "post"])
    builder.add_post("หลัง", timestamp=1_600_000_100)
    items = read_all(builder.zip(tmp_path / "export.zip"))
    assert [type(item).__name__ for item in items] == ["Post", "PostError", "PostError", "Post"]
    assert items[3].text == "หลัง"


def test_json_that_breaks_off_is_one_error_after_the_posts_before_it(tmp_path):
    builder = ExportBuilder()
    builder.add_post("หนึ่ง", timestamp=1_600_000_000)
    builder.add_post("สอง", timestamp=1_600_000_100)
    text = facebook_json(builder.posts)
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("posts/your_posts_1.json", text[: text.rindex('"timestamp"') + 20])
        archive.writestr("posts/your_posts_2.json", facebook_json(builder.posts[:1]))
    items = read_all(path)
    assert [type(item).__name__ for item in items] == ["Post", "PostError", "Post"]
    assert "broken" in str(items[1])


def test_a_huge_text_field_is_refused_for_that_post_only(tmp_path):
    builder = ExportBuilder()
    letters = [chr(code) for code in range(0x0E01, 0x0E2F)]
    text = "".join(random.Random(1).choices(letters, k=MAX_POST_CHARS + 1))
    builder.add_post(text, timestamp=1_600_000_000)
    builder.add_post("สั้น", timestamp=1_600_000_100)
    items = read_all(builder.zip(tmp_path / "export.zip"))
    assert isinstance(items[0], PostError)
    assert "too long" in str(items[0])
    assert items[1].text == "สั้น"


def test_a_text_field_of_many_megabytes_is_never_read_into_memory(tmp_path, monkeypatch):
    monkeypatch.setattr("stories.facebook_archive.MAX_STRING_BYTES", 1024**2)
    letters = [chr(code) for code in range(0x0E01, 0x0E2F)]
    huge = "".join(random.Random(2).choices(letters, k=200_000))  # 3.6 MB as escaped
    builder = ExportBuilder()
    builder.add_post("ก่อน", timestamp=1_600_000_000)
    builder.add_post(huge, timestamp=1_600_000_100)
    items = read_all(builder.zip(tmp_path / "export.zip"))
    assert items[0].text == "ก่อน"
    assert isinstance(items[1], PostError)
    assert "more than 1 MB" in str(items[1])


@pytest.mark.parametrize("name", ["../evil.json", "/etc/passwd", "posts/../../x.jpg", "C:/x.jpg"])
def test_unsafe_member_names_refuse_the_archive(tmp_path, name):
    path = ExportBuilder().zip(tmp_path / "export.zip", extra_members={name: b"x"})
    with pytest.raises(ArchiveError, match="unsafe name"):
        read_all(path)


def test_a_symlink_member_refuses_the_archive(tmp_path):
    path = ExportBuilder().zip(tmp_path / "export.zip")
    with zipfile.ZipFile(path, "a") as archive:
        info = zipfile.ZipInfo("posts/media/link.jpg")
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(info, "/etc/passwd")
    with pytest.raises(ArchiveError, match="symbolic link"):
        read_all(path)


def test_a_zip_bomb_refuses_the_archive(tmp_path):
    path = ExportBuilder().zip(tmp_path / "export.zip")
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("posts/media/bomb.jpg", b"\0" * (50 * MB))
    with pytest.raises(ArchiveError, match="zip bomb"):
        read_all(path)


def test_symlinks_in_a_folder_are_never_followed(tmp_path):
    secret = tmp_path / "secret.jpg"
    secret.write_bytes(photo_with_gps())
    builder = ExportBuilder()
    builder.add_post("รูป", timestamp=1_600_000_000, photos=[("a.jpg", "", None)])
    folder = builder.folder(tmp_path / "export")
    uri = "this_profile's_activity_across_facebook/posts/media/Timeline_a.jpg"
    (folder / uri).parent.mkdir(parents=True, exist_ok=True)
    os.symlink(secret, folder / uri)
    with FacebookArchive(folder, max_photo_bytes=10 * MB) as archive:
        with pytest.raises(PostError, match="missing"):
            archive.read_photo(uri)
        with pytest.raises(PostError, match="unsafe"):
            archive.read_photo("../secret.jpg")


def test_photos_are_found_under_the_exports_top_folder(tmp_path):
    path = tmp_path / "export.zip"
    data = photo_with_gps()
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("page/posts/your_posts_1.json", "[]")
        archive.writestr("page/posts/media/a.jpg", data)
    with FacebookArchive(path, max_photo_bytes=10 * MB) as archive:
        assert archive.read_photo("posts/media/a.jpg") == data


def test_a_photo_larger_than_the_upload_limit_is_refused(tmp_path):
    builder = ExportBuilder()
    builder.add_post("รูป", timestamp=1_600_000_000, photos=[("a.jpg", "", photo_with_gps())])
    path = builder.zip(tmp_path / "e.zip")
    with FacebookArchive(path, max_photo_bytes=100) as archive, pytest.raises(PostError):
        archive.read_photo("this_profile's_activity_across_facebook/posts/media/Timeline_a.jpg")


def test_posts_of_an_object_wrapped_file_are_read(tmp_path):
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "posts/your_posts_1.json",
            facebook_json({"status_updates_v2": [{"timestamp": 1, "data": [{"post": "ก"}]}]}),
        )
    assert [post.text for post in read_all(path)] == ["ก"]


def test_progress_counts_the_bytes_read(tmp_path):
    builder = ExportBuilder()
    for number in range(50):
        builder.add_post(f"โพสต์ {number}", timestamp=1_600_000_000 + number)
    with FacebookArchive(builder.zip(tmp_path / "e.zip"), max_photo_bytes=MB) as archive:
        assert len(list(archive.posts())) == 50
        assert archive.bytes_read == archive.total_bytes


def test_unknown_fields_are_ignored(tmp_path):
    builder = ExportBuilder()
    builder.add_post(
        "ข้อความ",
        timestamp=1_600_000_000,
        extra={"tags": [{"name": "x"}], "place": {"coordinate": {}}, "new_thing": 1},
    )
    [post] = read_all(builder.zip(tmp_path / "e.zip"))
    assert post.text == "ข้อความ"
