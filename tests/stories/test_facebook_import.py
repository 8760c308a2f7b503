import io
import json
import re

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from stories.facebook_import import facebook_import, title_from
from stories.management.commands.load_content import SEED_PATH
from stories.models import Consent, Story, StoryKind, StoryPerson, StoryStatus
from tests.stories.facebook_exports import ExportBuilder, has_gps, photo_with_gps

pytestmark = pytest.mark.django_db

SEED = json.loads(SEED_PATH.read_text(encoding="utf-8"))
SEED_STORIES = {story["slug"]: story for story in SEED["stories"]}
HO_WOT = SEED_STORIES["roi-et-ho-wot-only-the-beginning"]["excerpt_th"]
CHANYARIN = SEED_STORIES["conversation-with-chanyarin-somporn"]
# The page's own list of research areas (/work/shared/seed/wecitizens-page.txt).
KADI_CHIN = "4. จังหวัดกรุงเทพฯ ดำเนินการวิจัยในพื้นที่ย่านกะดีจีน"
T0 = 1_650_000_000


@pytest.fixture(autouse=True)
def _english(_thai_is_active):
    """Messages are checked in English; the Thai ones are in the .po file."""
    with translation.override("en"):
        yield


@pytest.fixture
def seeded():
    call_command("load_content", stdout=io.StringIO())


def imported_files(media_root):
    return [path for path in media_root.rglob("*") if path.is_file()]


def run(path, **options):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_facebook", str(path), stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def seed_export():
    builder = ExportBuilder()
    builder.add_post(
        HO_WOT + "\n\n#WeCitizens #เมืองแห่งการเรียนรู้ อ่านต่อ https://wecitizens.example/ho-wot",
        timestamp=T0,
        photos=[("howot.jpg", "หอโหวด ร้อยเอ็ด", photo_with_gps())],
    )
    builder.add_post(
        f"{CHANYARIN['title_th']}\n{CHANYARIN['excerpt_th']}",
        timestamp=T0 + 86_400,
    )
    builder.add_post(
        "เรื่องเล่าจาก Bangkok: " + KADI_CHIN, timestamp=T0 + 2 * 86_400, links=["https://x.example/"]
    )
    builder.add_post("ขอบคุณทุกท่านที่ติดตาม", timestamp=T0 + 3 * 86_400)
    return builder


def test_each_post_becomes_a_draft_story_with_its_thai_repaired(seeded, media_root, tmp_path):
    out, _ = run(seed_export().zip(tmp_path / "export.zip"))
    stories = Story.objects.exclude(import_key=None).order_by("original_post_date")
    assert stories.count() == 4
    assert {story.status for story in stories} == {StoryStatus.DRAFT}
    # A post of the Page is not taken for an interview: staff change the kind if it is one.
    assert {story.kind for story in stories} == {StoryKind.ARTICLE}
    story = stories[0]
    assert story.title_th == "“หอโหวดเป็นเพียงจุดเริ่มต้น”"
    assert "หอโหวดเป็นเพียงจุดเริ่มต้น" in story.body_th
    assert story.body_th.startswith("<p>")
    assert 'href="https://wecitizens.example/ho-wot"' in story.body_th
    assert story.excerpt_th.startswith("“หอโหวด")
    assert str(story.original_post_date) == "2022-04-15"
    assert sorted(story.tags.names()) == ["WeCitizens", "เมืองแห่งการเรียนรู้"]
    assert "Stories created: 4" in out
    assert not Story.objects.published().filter(pk__in=stories).exists()


def test_photos_are_stored_clean_without_gps_and_with_alt_text(seeded, media_root, tmp_path):
    run(seed_export().zip(tmp_path / "export.zip"))
    story = Story.objects.get(original_post_date="2022-04-15")
    assert story.hero_image_alt_th == "หอโหวด ร้อยเอ็ด"
    stored = story.hero_image.read()
    assert not has_gps(stored)
    assert story.hero_image.name.startswith("stories/")
    assert (media_root / story.hero_image.name).exists()
    assert not (media_root / "renditions").exists()
    assert not (media_root / "share").exists()
    story.save()  # as staff editing or publishing it do
    assert list((media_root / "renditions").iterdir())
    assert list((media_root / "share").rglob("*.jpg"))


def test_cities_are_recognised_by_name_province_and_research_area(seeded, media_root, tmp_path):
    run(seed_export().zip(tmp_path / "export.zip"))
    by_date = {str(s.original_post_date): s for s in Story.objects.exclude(import_key=None)}
    assert by_date["2022-04-15"].city.slug == "roi-et"
    assert by_date["2022-04-17"].city.slug == "bangkok"
    assert by_date["2022-04-18"].city is None


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("ลงพื้นที่ปากพูนวันนี้", "nakhon-si-thammarat"),
        ("เวทีที่อำเภอขลุง", "chanthaburi"),
        ("ชาวธัญบุรีร่วมกัน", "pathum-thani"),
        ("ชุมชนพูนสุข หัวหิน", "prachuap-khiri-khan"),
        ("ย่านเมืองเก่าหาดใหญ่", "songkhla"),
        ("เทศบาลเมืองแก่งคอย", "saraburi"),
        ("เขาใหญ่ ปากช่อง", "nakhon-ratchasima"),
        ("A walk in Khon Kaen", "khon-kaen"),
    ],
)
def test_research_areas_of_the_seed_name_their_city(seeded, media_root, tmp_path, text, slug):
    builder = ExportBuilder()
    builder.add_post(text, timestamp=T0)
    run(builder.zip(tmp_path / "export.zip"))
    assert Story.objects.get(import_key__isnull=False).city.slug == slug


def test_people_named_are_featured_awaiting_consent_and_never_public(seeded, media_root, tmp_path):
    builder = ExportBuilder()
    builder.add_post("สนทนากับ ผศ.ดร.ชัญญรินทร์ สมพร และคุณบรรจง โฆษิตจิรนันท์ นายกเทศมนตรี", timestamp=T0)
    builder.add_post("ชัญญรินทร์ สมพร เล่าว่า", timestamp=T0 + 60)
    run(builder.zip(tmp_path / "export.zip"))
    first, second = Story.objects.exclude(import_key=None).order_by("import_key")
    assert sorted(p.slug for p in first.people.all()) == [
        "banchong-khositchiranan",
        "chanyarin-somporn",
    ]
    assert [p.slug for p in second.people.all()] == ["chanyarin-somporn"]
    features = StoryPerson.objects.filter(story__in=[first, second])
    assert {feature.consent for feature in features} == {Consent.UNKNOWN}
    assert not features.public().exists()


def test_importing_again_adds_only_new_posts_and_keeps_staff_edits(seeded, media_root, tmp_path):
    builder = seed_export()
    run(builder.zip(tmp_path / "first.zip"))
    story = Story.objects.get(original_post_date="2022-04-15")
    story.title_th = "ชื่อที่ทีมงานแก้"
    story.save()
    builder.add_post("โพสต์ใหม่จากขอนแก่น", timestamp=T0 + 9 * 86_400)
    out, _ = run(builder.zip(tmp_path / "newer.zip"))
    assert "Stories created: 1" in out
    assert "Duplicates skipped: 4" in out
    story.refresh_from_db()
    assert story.title_th == "ชื่อที่ทีมงานแก้"
    assert Story.objects.exclude(import_key=None).count() == 5


def test_a_dry_run_creates_nothing_and_writes_no_file(seeded, media_root, tmp_path):
    out, _ = run(seed_export().zip(tmp_path / "export.zip"), dry_run=True)
    assert "Stories to create: 4" in out
    assert not Story.objects.exclude(import_key=None).exists()
    assert not media_root.exists() or not any(media_root.rglob("*.*"))


def test_bad_photos_are_reported_and_the_post_kept_with_its_next_photo(
    seeded, media_root, tmp_path
):
    builder = ExportBuilder()
    builder.add_post(
        "สามรูป",
        timestamp=T0,
        photos=[
            ("missing.jpg", "", None),
            ("script.jpg", "", b"<script>alert(1)</script>"),
            ("truncated.jpg", "", photo_with_gps()[:400]),
            ("good.jpg", "ภาพดี", photo_with_gps()),
        ],
    )
    with translation.override("en"):
        _, err = run(builder.zip(tmp_path / "export.zip"))
    story = Story.objects.get(import_key__isnull=False)
    assert story.hero_image_alt_th == "ภาพดี"
    assert "<img" not in story.body_th
    assert "missing.jpg is missing" in err
    assert "script.jpg: Upload a JPEG, PNG or WebP image." in err
    assert "truncated.jpg" in err


def test_a_post_that_fails_leaves_nothing_and_the_rest_are_imported(
    seeded, media_root, tmp_path, monkeypatch
):
    builder = ExportBuilder()
    builder.add_post("โพสต์ที่พัง #แท็ก", timestamp=T0, photos=[("a.jpg", "", photo_with_gps())])
    builder.add_post("โพสต์ที่ดี", timestamp=T0 + 60)
    from taggit.managers import _TaggableManager

    original = _TaggableManager.add

    def failing_add(self, *tags, **kwargs):
        if "แท็ก" in tags:
            raise ValueError("tag storage failed")
        return original(self, *tags, **kwargs)

    monkeypatch.setattr(_TaggableManager, "add", failing_add)
    out, err = run(builder.zip(tmp_path / "export.zip"))
    assert "tag storage failed" in err
    assert [s.title_th for s in Story.objects.exclude(import_key=None)] == ["โพสต์ที่ดี"]
    assert (
        not list((media_root / "stories").glob("*")) if (media_root / "stories").exists() else True
    )
    assert "Errors: 1" in out


def test_a_city_hint_is_the_city_of_posts_that_name_none(seeded, media_root, tmp_path):
    builder = ExportBuilder()
    builder.add_post("ขอบคุณทุกท่าน", timestamp=T0)
    run(builder.zip(tmp_path / "export.zip"), city_hint="roi-et")
    assert Story.objects.get(import_key__isnull=False).city.slug == "roi-et"


def test_an_unknown_city_hint_is_a_clear_error(seeded, tmp_path):
    with pytest.raises(CommandError, match="No city has the slug"):
        run(seed_export().zip(tmp_path / "export.zip"), city_hint="atlantis")


def test_a_hostile_archive_is_a_command_error(seeded, tmp_path):
    path = ExportBuilder().zip(tmp_path / "export.zip", extra_members={"../../x": b"x"})
    with pytest.raises(CommandError, match="unsafe name"):
        run(path)


def test_the_report_counts_every_kind_of_post(seeded, media_root, tmp_path):
    builder = seed_export()
    builder.posts.append({"timestamp": None})
    path = builder.folder(tmp_path / "export")
    report = facebook_import(path=path)
    assert (report.posts_read, report.stories_created, report.error_count) == (5, 4, 1)
    assert (report.photos_kept, report.posts_without_city) == (1, 1)
    assert "Posts read: 5" in report.summary()


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("“หอโหวดเป็นเพียงจุดเริ่มต้น” เธอกล่าว", "“หอโหวดเป็นเพียงจุดเริ่มต้น”"),
        ("First sentence. Second one.", "First sentence."),
        ("บรรทัดแรก\nบรรทัดสอง", "บรรทัดแรก"),
    ],
)
def test_titles_come_from_the_opening_quote_or_first_sentence(text, title):
    assert title_from(text) == title


def test_a_long_thai_title_is_cut_at_a_word_boundary():
    title = title_from("การพัฒนาเมืองแห่งการเรียนรู้" * 10)
    assert title.endswith("…")
    assert len(title) <= 120
    assert title[:-1].endswith(("รู้", "การ", "เมือง", "พัฒนา", "แห่ง", "เรียนรู้"))


def test_the_command_shows_a_progress_bar(seeded, media_root, tmp_path):
    _, err = run(seed_export().zip(tmp_path / "export.zip"))
    assert "100% 4 posts, 0 errors" in err


def test_photo_paths_leaving_the_archive_write_nothing_outside_media(seeded, media_root, tmp_path):
    builder = ExportBuilder()
    builder.add_post("รูปนอกไฟล์", timestamp=T0)
    builder.posts[0]["attachments"] = [
        {"data": [{"media": {"uri": uri}} for uri in ("../../escape.jpg", "/etc/passwd")]}
    ]
    archive = builder.zip(tmp_path / "export.zip")
    before = {path for path in tmp_path.rglob("*") if media_root not in path.parents}
    _, err = run(archive)
    after = {path for path in tmp_path.rglob("*") if media_root not in path.parents}
    assert after == before
    assert err.count("unsafe name") == 2
    assert Story.objects.get(import_key__isnull=False).hero_image.name == ""


def test_a_posts_other_photos_are_stored_clean_as_figures_after_its_text(
    seeded, media_root, tmp_path
):
    builder = ExportBuilder()
    builder.add_post(
        "สามภาพ",
        timestamp=T0,
        photos=[(f"{n}.jpg", f"ภาพที่ {n}", photo_with_gps(size=(800, 600))) for n in (1, 2, 3)],
    )
    out, _ = run(builder.zip(tmp_path / "export.zip"))
    story = Story.objects.get(import_key__isnull=False)
    assert story.hero_image_alt_th == "ภาพที่ 1"
    figures = re.findall(
        r'<img src="/media/(stories/[0-9a-f]{32}\.jpg)" alt="([^"]+)"', story.body_th
    )
    assert [alt for _name, alt in figures] == ["ภาพที่ 2", "ภาพที่ 3"]
    for name, _alt in figures:
        assert not has_gps((media_root / name).read_bytes())
    assert 'width="800" height="600"' in story.body_th
    assert "Photos kept: 3 (not kept: 0)" in out


def test_a_failing_post_deletes_the_photos_it_stored(seeded, media_root, tmp_path, monkeypatch):
    builder = ExportBuilder()
    builder.add_post(
        "#พัง", timestamp=T0, photos=[(f"{n}.jpg", "", photo_with_gps()) for n in (1, 2)]
    )
    monkeypatch.setattr(
        "taggit.managers._TaggableManager.add",
        lambda self, *tags, **kwargs: (_ for _ in ()).throw(ValueError("no tags today")),
    )
    _, err = run(builder.zip(tmp_path / "export.zip"))
    assert "no tags today" in err
    assert not imported_files(media_root)
