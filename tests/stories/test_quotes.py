"""Pull quotes: shown on the story's page, each with a page and share cards of its own."""

import re
from html import unescape

import pytest
import reversion
from django.urls import reverse
from django.utils import translation
from PIL import Image
from reversion.models import Version

from core.thai import tokens
from stories.models import Consent, StoryQuote
from stories.quote_cards import card_font, card_name, wrap_lines
from tests.admin_forms import form_data
from tests.factories import (
    PersonFactory,
    StoryFactory,
    StoryPersonFactory,
    StoryQuoteFactory,
)

pytestmark = pytest.mark.django_db

WIDE, SQUARE = "1200x630", "1080x1080"


@pytest.fixture(autouse=True)
def _media_in_tmp(media_root):
    """Cards go to a throw-away folder."""


def saved(callbacks_fixture, make):
    """What `make()` returns, with the callbacks run that its commit would run."""
    with callbacks_fixture(execute=True):
        return make()


def meta(content, prop):
    match = re.search(rf'<meta property="{re.escape(prop)}" content="([^"]*)"', content)
    return unescape(match.group(1)) if match else None


def card_files(media_root, story):
    folder = media_root / "share" / "quote" / str(story.pk)
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


def media_file(media_root, url):
    """The file in media_root behind a /media/… URL."""
    return media_root / url.split("/media/", 1)[1]


def test_a_quote_is_shown_on_its_story_page_as_a_figure_with_its_speaker(client):
    quote = StoryQuoteFactory(speaker_name_th="ป้าศรี แม่ค้าตลาดเช้า")
    page = client.get(quote.story.get_absolute_url()).content.decode()

    figure = re.search(r'<figure class="pull-quote">(.*?)</figure>', page, re.S).group(1)
    assert "<blockquote><p>ผู้ใหญ่บ้านบอกว่า น้ำใจของคนในชุมชนคือกิ่งก้านของเมือง</p>" in figure
    assert "<figcaption>— ป้าศรี แม่ค้าตลาดเช้า</figcaption>" in figure
    assert f'href="{reverse("stories:story_quote", args=[quote.story.slug, 1])}"' in page


def test_an_english_page_shows_the_english_quote(client):
    quote = StoryQuoteFactory()
    with translation.override("en"):
        url = quote.story.get_absolute_url()
    page = client.get(url).content.decode()
    assert "The village head says the goodwill of its people" in page
    assert "— The village head of Nong Bua" in page


def test_a_featured_person_cleared_to_appear_is_named_as_the_speaker(client):
    person = PersonFactory(honorific_th="คุณ", name_th="สมศรี ใจงาม")
    feature = StoryPersonFactory(person=person, consent=Consent.GIVEN)
    quote = StoryQuoteFactory(story=feature.story, speaker=person, speaker_name_th="")

    page = client.get(quote.story.get_absolute_url()).content.decode()
    assert "<figcaption>— คุณ สมศรี ใจงาม</figcaption>" in page


@pytest.mark.parametrize(
    ("consent", "is_published"),
    [(Consent.UNKNOWN, True), (Consent.REFUSED, True), (Consent.GIVEN, False)],
)
def test_a_speaker_not_cleared_to_appear_is_named_nowhere(
    client, consent, is_published, media_root
):
    person = PersonFactory(name_th="ลับเฉพาะ ไม่เปิดเผย", is_published=is_published)
    feature = StoryPersonFactory(person=person, consent=consent)
    quote = StoryQuoteFactory(story=feature.story, speaker=person)

    story_page = client.get(quote.story.get_absolute_url()).content.decode()
    quote_page = client.get(reverse("stories:story_quote", args=[quote.story.slug, 1]))
    content = quote_page.content.decode()

    assert "ผู้ใหญ่บ้านบอกว่า" in story_page
    for html in (story_page, content):
        assert "ลับเฉพาะ" not in html
        assert "<figcaption>" not in html
    # The card drawn is the one with nobody named on it.
    image_url = meta(content, "og:image")
    assert image_url.endswith(card_name(quote, "th", "wide", quote.text_th, "").split("/")[-1])


def test_a_quote_page_is_shared_with_its_wide_card_and_offers_the_square_one(client, media_root):
    quote = StoryQuoteFactory()
    response = client.get(reverse("stories:story_quote", args=[quote.story.slug, 1]))
    content = response.content.decode()

    assert response.status_code == 200
    image_url = meta(content, "og:image")
    assert image_url.startswith("http") and f"-th-{WIDE}-" in image_url
    assert meta(content, "og:image:width") == "1200"
    assert meta(content, "og:image:height") == "630"
    assert meta(content, "og:image:alt") == (
        "“ผู้ใหญ่บ้านบอกว่า น้ำใจของคนในชุมชนคือกิ่งก้านของเมือง” — ผู้ใหญ่บ้านหนองบัว"
    )
    assert meta(content, "og:url").endswith(f"/stories/{quote.story.slug}/quotes/1/")
    assert '<meta name="twitter:image" content="' + image_url in content
    with Image.open(media_file(media_root, image_url)) as card:
        assert card.size == (1200, 630)
    square_url = re.search(rf'href="([^"]*-th-{SQUARE}-[^"]*)" download', content).group(1)
    with Image.open(media_file(media_root, square_url)) as card:
        assert card.size == (1080, 1080)
    assert "<blockquote>" in content


def test_the_english_quote_page_is_shared_with_the_english_card(client):
    quote = StoryQuoteFactory()
    with translation.override("en"):
        url = reverse("stories:story_quote", args=[quote.story.slug, 1])
    content = client.get(url).content.decode()
    assert f"-en-{WIDE}-" in meta(content, "og:image")
    assert meta(content, "og:image:alt").startswith("“The village head says")


def test_quotes_are_numbered_in_their_order(client):
    story = StoryFactory()
    StoryQuoteFactory(story=story, order=2, text_th="คำพูดที่สอง")
    StoryQuoteFactory(story=story, order=1, text_th="คำพูดแรก")
    second = client.get(reverse("stories:story_quote", args=[story.slug, 2])).content.decode()
    assert "<blockquote><p>คำพูดที่สอง</p>" in second


@pytest.mark.parametrize("number", [0, 2, 99])
def test_a_quote_number_the_story_does_not_have_is_not_found(client, number):
    quote = StoryQuoteFactory()
    response = client.get(reverse("stories:story_quote", args=[quote.story.slug, number]))
    assert response.status_code == 404


def test_the_quotes_of_a_draft_have_no_public_page(client):
    quote = StoryQuoteFactory(story=StoryFactory(draft=True))
    response = client.get(reverse("stories:story_quote", args=[quote.story.slug, 1]))
    assert response.status_code == 404


def test_cards_are_made_in_both_sizes_and_languages_when_the_story_is_saved(
    django_capture_on_commit_callbacks, media_root
):
    quote = saved(django_capture_on_commit_callbacks, StoryQuoteFactory)

    files = card_files(media_root, quote.story)
    assert len(files) == 4
    sizes = {}
    for name in files:
        with Image.open(media_root / "share" / "quote" / str(quote.story.pk) / name) as card:
            assert card.format == "JPEG"
            sizes[name.split("-")[1], name.split("-")[2]] = card.size
    assert sizes == {
        ("th", SQUARE): (1080, 1080),
        ("th", WIDE): (1200, 630),
        ("en", SQUARE): (1080, 1080),
        ("en", WIDE): (1200, 630),
    }


def test_editing_a_quote_draws_new_cards_and_deletes_the_old_ones(
    django_capture_on_commit_callbacks, media_root, client
):
    quote = saved(django_capture_on_commit_callbacks, StoryQuoteFactory)
    before = card_files(media_root, quote.story)

    quote.text_th = "เด็ก ๆ เรียนรู้จากผู้เฒ่าผู้แก่ทุกเย็น"
    saved(django_capture_on_commit_callbacks, quote.save)
    after = card_files(media_root, quote.story)

    changed = {name for name in before if "-th-" in name}
    assert len(after) == 4
    assert not changed & set(after)  # the Thai cards were replaced, their files gone
    assert {name for name in before if "-en-" in name} <= set(after)  # English unchanged
    page = client.get(reverse("stories:story_quote", args=[quote.story.slug, 1]))
    assert meta(page.content.decode(), "og:image").rsplit("/", 1)[1] in after


def test_deleting_a_quote_deletes_its_cards(django_capture_on_commit_callbacks, media_root):
    quote = saved(django_capture_on_commit_callbacks, StoryQuoteFactory)
    kept = saved(django_capture_on_commit_callbacks, lambda: StoryQuoteFactory(story=quote.story))

    saved(django_capture_on_commit_callbacks, quote.delete)
    files = card_files(media_root, kept.story)
    assert len(files) == 4
    assert all(name.startswith(f"{kept.pk}-") for name in files)


def test_withdrawn_consent_redraws_the_card_without_the_name(
    django_capture_on_commit_callbacks, media_root
):
    person = PersonFactory(name_th="ชื่อจริง นามสกุล")
    with django_capture_on_commit_callbacks(execute=True):
        feature = StoryPersonFactory(person=person, consent=Consent.GIVEN)
        quote = StoryQuoteFactory(story=feature.story, speaker=person)
    named = card_name(quote, "th", "wide", quote.text_th, person.full_name).rsplit("/", 1)[1]
    assert named in card_files(media_root, quote.story)

    feature.consent = Consent.REFUSED
    saved(django_capture_on_commit_callbacks, feature.save)

    files = card_files(media_root, quote.story)
    assert named not in files
    assert card_name(quote, "th", "wide", quote.text_th, "").rsplit("/", 1)[1] in files


def test_staff_add_a_quote_in_the_story_form_and_its_cards_are_made(
    admin_client, django_capture_on_commit_callbacks, media_root
):
    story = saved(django_capture_on_commit_callbacks, StoryFactory)
    change_url = reverse("admin:stories_story_change", args=[story.pk])
    data = form_data(admin_client.get(change_url), "story_form")
    assert data["quotes-TOTAL_FORMS"] == ["0"]
    data.update(
        {
            "quotes-TOTAL_FORMS": ["1"],
            "quotes-0-text_th": ["น้ำใจคือทุนของเมือง"],
            "quotes-0-text_en": ["Goodwill is the city's capital."],
            "quotes-0-speaker_name_th": ["ครูใหญ่"],
            "quotes-0-speaker_name_en": ["The head teacher"],
            "quotes-0-order": ["0"],
            "quotes-0-story": [str(story.pk)],
        }
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(change_url, data)

    assert response.status_code == 302, response.content.decode()[:2000]
    quote = StoryQuote.objects.get(story=story)
    assert quote.text_th == "น้ำใจคือทุนของเมือง"
    assert len(card_files(media_root, story)) == 4


def test_a_story_version_keeps_its_quotes():
    story = StoryFactory()
    with reversion.create_revision():
        StoryQuoteFactory(story=story)
        story.save()
    version = Version.objects.get_for_object(story).first()
    models = {v.content_type.model for v in version.revision.version_set.all()}
    assert "storyquote" in models


def test_thai_lines_break_between_words_never_inside_one():
    text = "ผู้ใหญ่บ้านบอกว่ากิ่งก้านของเมืองแห่งการเรียนรู้คือน้ำใจของคนในชุมชนที่ช่วยกันดูแลเด็ก"
    lines = wrap_lines(text, card_font(56), 420)

    assert len(lines) > 2
    assert "".join(lines) == text
    boundaries = set()
    position = 0
    for token in tokens(text):
        position += len(token)
        boundaries.add(position)
    position = 0
    for line in lines[:-1]:
        position += len(line)
        assert position in boundaries
        assert card_font(56).getlength(line, language="th") <= 420


def test_a_quote_is_stored_in_the_one_normal_form_of_thai_text():
    quote = StoryQuoteFactory(text_th="น\u0e49\u0e4d\u0e32ใจ")  # sara am typed as two marks
    quote.refresh_from_db()
    assert quote.text_th == "น\u0e49\u0e33ใจ"
