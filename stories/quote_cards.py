"""Quote cards: a story's pull quote drawn as a picture to share, with who said it.

Each quote has a square card (1080×1080, for Instagram-like posts) and a wide one (1200×630,
the Open Graph picture of the quote's page), in each of the site's languages. They are drawn
with Pillow in Sarabun, the site's typeface, through Raqm (HarfBuzz), which places Thai tone
marks and vowels as a browser does; Pillow's basic layout would leave a tone mark where the
font draws it by default, high above ผู้ or on top of the vowel of น้ำ
(tests/browser/test_quote_card_shaping.py compares both with Chromium). Lines break between
words found by PyThaiNLP, never inside a Thai word.

Cards are made when the story (or a quote) is saved, once the transaction commits, and kept
in the media storage under share/quote/<story id>/, as the share images of seo.share_images
are. A file's name carries a digest of what it shows, so an edited quote gets a new file and
the old one is deleted; a page finds its card by computing the name, and makes a card that is
missing (a save in a bulk import with renditions deferred) the first time it is asked for.
The name shown is the one the page may show (StoryQuote.speaker_shown): a person not cleared
to appear with the story is never drawn on a card.
"""

import hashlib
import io
import logging
import unicodedata

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.utils import translation
from PIL import Image, ImageDraw

from core import thai
from core.renditions import MADE, are_renditions_deferred, store_once
from core.transactions import on_commit_once
from core.typeface import sarabun as card_font

logger = logging.getLogger(__name__)

CARD_SIZES = {"square": (1080, 1080), "wide": (1200, 630)}
# Changing how cards look: bump it, and every card is drawn again on its story's next save
# (or its page's next view).
LAYOUT_VERSION = 1
JPEG_OPTIONS = {"quality": 88, "optimize": True}

PAPER = (255, 255, 255)
WASH = (244, 246, 243)
INK = (29, 35, 39)
MUTED = (79, 91, 98)
ACCENT = (11, 110, 79)
SITE_NAME = "WeCitizens"
# Thai needs room above and below a line for stacked marks and descending vowels.
LINE_SPACING = 1.55


def _clusters(word):
    """`word` cut into pieces that keep each letter with its vowels and tone marks."""
    pieces = []
    for char in word:
        if pieces and unicodedata.category(char) == "Mn":
            pieces[-1] += char
        else:
            pieces.append(char)
    return pieces


def wrap_lines(text, font, width, language="th"):
    """`text` broken into lines no wider than `width` pixels, between words.

    Thai words are found by PyThaiNLP (core.thai.tokens); a single word wider than a line,
    which no reader will meet, is cut between letters, never between a letter and its marks.
    """

    def fits(candidate):
        return font.getlength(candidate, language=language) <= width

    lines = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        for token in thai.tokens(paragraph):
            pieces = [token] if fits(token) or token.isspace() else _clusters(token)
            for piece in pieces:
                if not line.strip() or fits(line + piece):
                    line = (line + piece).lstrip()
                else:
                    lines.append(line.rstrip())
                    line = piece.lstrip()
        lines.append(line.rstrip())
    return [line for line in lines if line] or [""]


def _layout(text, width, height, sizes, language):
    """(font, lines) of the largest of `sizes` at which `text` fits in width × height."""
    for size in sizes:
        font = card_font(size)
        lines = wrap_lines(text, font, width, language)
        if len(lines) * size * LINE_SPACING <= height:
            return font, lines
    # Longer than any card holds at the smallest size: shortened on a word boundary.
    limit = len(text)
    while True:
        limit = int(limit * 0.9)
        font, lines = _layout(thai.shorten(text, limit), width, height, sizes[-1:], language)
        if len(lines) * sizes[-1] * LINE_SPACING <= height or limit < 20:
            return font, lines


def render_card(text, speaker, size, language="th"):
    """The card for `text` said by `speaker` ("" for nobody named), as a Pillow image."""
    card_width, card_height = size
    is_square = card_width == card_height
    margin = 96 if is_square else 72
    image = Image.new("RGB", size, PAPER)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 24, card_height), fill=ACCENT)

    mark_font = card_font(200 if is_square else 150, "semibold")
    draw.text((margin, margin - 40), "“", font=mark_font, fill=ACCENT, anchor="lt")
    top = margin + (110 if is_square else 70)

    footer_font = card_font(36 if is_square else 30, "semibold")
    footer_top = card_height - margin - (footer_font.size if speaker else 0)
    text_width = card_width - 2 * margin
    sizes = list(range(72, 35, -4)) if is_square else list(range(56, 27, -4))
    font, lines = _layout(text, text_width, footer_top - top - 40, sizes, language)
    line_height = round(font.size * LINE_SPACING)
    for number, line in enumerate(lines):
        baseline = top + round(font.size * 1.15) + number * line_height
        draw.text((margin, baseline), line, font=font, fill=INK, anchor="ls", language=language)

    if speaker:
        speaker_font = card_font(40 if is_square else 32, "semibold")
        speaker_line = thai.shorten(f"— {speaker}", 60)
        draw.text(
            (margin, card_height - margin),
            speaker_line,
            font=speaker_font,
            fill=MUTED,
            anchor="ls",
            language=language,
        )
    draw.text(
        (card_width - margin, card_height - margin),
        SITE_NAME,
        font=card_font(32 if is_square else 28, "semibold"),
        fill=ACCENT,
        anchor="rs",
    )
    return image


def _encoded(image):
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", **JPEG_OPTIONS)
    return buffer.getvalue()


def card_folder(story_id):
    return f"share/quote/{story_id}"


def card_name(quote, language, size_key, text, speaker):
    """The media path of a card: changes whenever what it shows or how it is drawn does."""
    width, height = CARD_SIZES[size_key]
    shown = f"{LAYOUT_VERSION}\0{language}\0{width}x{height}\0{text}\0{speaker}"
    digest = hashlib.sha256(shown.encode()).hexdigest()[:12]
    return f"{card_folder(quote.story_id)}/{quote.pk}-{language}-{width}x{height}-{digest}.jpg"


def card_content(quote, language, public_people):
    """(text, speaker) of the quote as a reader of `language` sees it."""
    with translation.override(language):
        return quote.text, quote.speaker_shown(public_people)


def quote_card(quote, size_key, *, public_people, language=None, trust_cache=True):
    """The media path of a quote's card in `language` (the active one by default), made if
    missing. `public_people` are the story's (Story.public_people)."""
    language = language or translation.get_language()
    text, speaker = card_content(quote, language, public_people)
    name = card_name(quote, language, size_key, text, speaker)
    key = f"quote-card:{name}"
    if trust_cache and cache.get(key) == MADE:
        return name
    if not default_storage.exists(name):
        image = render_card(text, speaker, CARD_SIZES[size_key], language)
        store_once(name, _encoded(image))
    cache.set(key, MADE, timeout=None)
    return name


def quote_card_url(quote, size_key, *, public_people):
    return default_storage.url(quote_card(quote, size_key, public_people=public_people))


def quote_cards_refresh(*, story_id):
    """Make the cards of every quote of the story in every language, and delete the files of
    cards that no longer show what the story says (edited or deleted quotes, a speaker who
    may no longer be named, a deleted story)."""
    from stories.models import Story

    story = Story.objects.filter(pk=story_id).first()
    current = set()
    if story is not None:
        public_people = story.public_people
        for quote in story.quotes.all():
            for language, _name in settings.LANGUAGES:
                for size_key in CARD_SIZES:
                    current.add(
                        quote_card(
                            quote,
                            size_key,
                            public_people=public_people,
                            language=language,
                            trust_cache=False,
                        )
                    )
    folder = card_folder(story_id)
    try:
        _folders, files = default_storage.listdir(folder)
    except FileNotFoundError:
        files = []
    for file_name in files:
        name = f"{folder}/{file_name}"
        if name not in current:
            default_storage.delete(name)
            cache.delete(f"quote-card:{name}")


def refresh_quote_cards_after_commit(sender, instance, **kwargs):
    """post_save and post_delete of a story, a quote or a featured person: redraw the story's
    cards once the transaction commits, when the admin has saved the story's inlines too, and
    once however many of its rows the transaction saved."""
    if are_renditions_deferred():
        return
    story_id = instance.pk if sender._meta.model_name == "story" else instance.story_id
    on_commit_once(_refresh_logged, story_id)


def _refresh_logged(story_id):
    try:
        quote_cards_refresh(story_id=story_id)
    except OSError:
        # A page makes a missing card when it is first asked for; a save must not fail.
        logger.exception("Cannot make the quote cards of story %s", story_id)
