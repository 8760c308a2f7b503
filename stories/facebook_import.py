"""Turning the posts of a Facebook Page export into draft stories for staff to review.

`facebook_import()` is the one service the `import_facebook` command and the admin page call.
Each post becomes a draft story (never published here): its text as paragraphs with links
made clickable, a title from its opening quote or first sentence, an excerpt, its date, its
`#hashtags` as tags, the city its text names, the people on the site it names (featured with
consent not yet asked, so never shown publicly), and its photos, through the same validation
and re-encoding as an upload (`core.images`): the first good one as the hero image, the others
as figures after the text. The hero image's renditions and share image (`core.renditions`)
wait for the story's next save (staff editing or publishing it) or first view: making them
would cost several times the rest of the import.

Each post is created in its own transaction: a bad post is reported and skipped, and leaves
nothing behind. A post is known by its `import_key`, so importing the same or a newer export
again creates only the new posts and never touches a story staff have edited.
"""

import hashlib
import posixpath
import re
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DatabaseError, transaction
from django.utils import translation
from django.utils.html import escape, format_html, urlize
from django.utils.translation import gettext as _
from PIL import Image

from cities.models import City
from core.images import IMAGE_VALIDATORS, reencode_image
from core.renditions import renditions_deferred
from core.thai import normalize_text, plain_text, shorten
from projects.models import Person
from stories.facebook_archive import FacebookArchive, PostError
from stories.models import Consent, Story, StoryKind, StoryPerson, StoryStatus

TITLE_CHARS = 120
EXCERPT_CHARS = 300
TAG_CHARS = 100
# Rows of the dry-run report kept for showing; the counts cover every post.
MAX_REPORT_ROWS = 500
MAX_REPORT_ERRORS = 500
# A post's photos beyond this many are counted as not kept (a Page post rarely has more).
MAX_PHOTOS_PER_POST = 20
OPENING_QUOTE = re.compile(r"^[\"“]\s*([^\"“”\n]{2,2000}?)\s*[\"”]")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n")
HASHTAG = re.compile(r"(?<![\w&])#([^\s#.,!?;:()\[\]{}<>\"'“”‘’]+)")
# Words that come before a place's own name in the seed's research areas (ย่านกะดีจีน,
# อำเภอขลุง, เทศบาลเมืองแก่งคอย…): the name alone is what a post says.
PLACE_PREFIXES = (
    "ย่าน",
    "เมืองเก่า",
    "อำเภอ",
    "เทศบาลนคร",
    "เทศบาลเมือง",
    "เทศบาลตำบล",
    "เทศบาล",
    "ชุมชน",
    "จังหวัด",
    "รอบ",
    "เมือง",
)
HONORIFICS = ("คุณ", "อาจารย์", "อ.", "ดร.", "ผศ.", "รศ.", "ศ.", "นาย", "นางสาว", "นาง")
BANGKOK = ZoneInfo("Asia/Bangkok")


@dataclass
class PlannedStory:
    """What one post would become."""

    key: str
    post_date: object
    title: str
    excerpt: str
    body: str
    source_url: str
    tags: list
    city: object
    people: list
    photo_count: int = 0
    where: str = ""


@dataclass
class ImportReport:
    posts_read: int = 0
    stories_created: int = 0
    stories_to_create: int = 0
    duplicates_skipped: int = 0
    photos_kept: int = 0
    photos_not_kept: int = 0
    posts_without_city: int = 0
    errors: list = field(default_factory=list)
    error_count: int = 0
    rows: list = field(default_factory=list)
    dry_run: bool = False

    def add_error(self, message):
        self.error_count += 1
        if len(self.errors) < MAX_REPORT_ERRORS:
            self.errors.append(str(message))

    def add_row(self, plan, state):
        if len(self.rows) < MAX_REPORT_ROWS:
            self.rows.append(
                {
                    "date": plan.post_date,
                    "title": plan.title,
                    "city": plan.city,
                    "people": plan.people,
                    "tags": plan.tags,
                    "photos": plan.photo_count,
                    "state": state,
                }
            )

    def summary(self):
        return _(
            "Posts read: %(posts)s. Stories created: %(created)s. Duplicates skipped: "
            "%(duplicates)s. Photos kept: %(photos)s (not kept: %(not_kept)s). Posts with no "
            "city: %(no_city)s. Errors: %(errors)s."
        ) % {
            "posts": self.posts_read,
            "created": self.stories_created,
            "duplicates": self.duplicates_skipped,
            "photos": self.photos_kept,
            "not_kept": self.photos_not_kept,
            "no_city": self.posts_without_city,
            "errors": self.error_count,
        }


def import_key(post):
    """The post's identity across exports: its time and text (a Page export has no post id)."""
    digest = hashlib.sha256(f"{post.timestamp}\n{post.text}".encode()).hexdigest()[:24]
    return f"facebook:{post.timestamp}:{digest}"


def title_from(text):
    """The opening quote, or else the first sentence, cut at a Thai word boundary."""
    text = text.strip()
    quoted = OPENING_QUOTE.match(text)
    if quoted:
        quote = quoted.group(1)
        if len(quote) + 2 > TITLE_CHARS:
            # A Thai sentence ends at a space: a long quote's first one is its headline.
            quote = quote.split(" ", 1)[0]
        if len(quote) + 2 <= TITLE_CHARS:
            return f"“{quote}”"
        return shorten(f"“{quote}", TITLE_CHARS)
    first = SENTENCE_END.split(text, maxsplit=1)[0]
    return shorten(first, TITLE_CHARS)


def body_from(text, links):
    """Paragraphs of escaped text, its line breaks kept and its links made clickable."""
    paragraphs = []
    for paragraph in re.split(r"\n\s*\n", text.strip()):
        lines = [
            urlize(line.strip(), nofollow=True, autoescape=True) for line in paragraph.split("\n")
        ]
        lines = [line for line in lines if line]
        if lines:
            paragraphs.append("<p>" + "<br>".join(lines) + "</p>")
    for link in links:
        if link not in text and link.startswith(("https://", "http://")):
            paragraphs.append(f'<p><a href="{escape(link)}" rel="nofollow">{escape(link)}</a></p>')
    return "\n".join(paragraphs)


def hashtags_of(text):
    seen = {}
    for match in HASHTAG.finditer(text):
        tag = match.group(1).strip("_-")[:TAG_CHARS]
        if tag and tag.lower() not in seen:
            seen[tag.lower()] = tag
    return list(seen.values())


def _place_names(area):
    """The names in a research area with their prefixes taken off (ย่านกะดีจีน → กะดีจีน)."""
    names = []
    for part in (area or "").split():
        stripped = True
        while stripped:
            stripped = False
            for prefix in PLACE_PREFIXES:
                if part.startswith(prefix) and len(part) > len(prefix) + 2:
                    part, stripped = part[len(prefix) :], True
        names.append(part)
    return names


class CityFinder:
    """The city a post's text names most (Thai and English names, provinces, research areas)."""

    def __init__(self, cities):
        self.thai, self.english = [], []
        for city in cities:
            names = {city.name_th, city.province_th, (city.name_th or "").rstrip("ฯ")}
            names.update(_place_names(city.research_area_th))
            for name in names:
                if name and len(name) >= 3:
                    self.thai.append((normalize_text(name), city))
            for name in {city.name_en, city.province_en}:
                if name and len(name) >= 3:
                    pattern = re.compile(rf"\b{re.escape(name)}\b", re.IGNORECASE)
                    self.english.append((pattern, city))

    def find(self, text):
        found = {}
        for name, city in self.thai:
            position = text.find(name)
            if position >= 0:
                count, first = found.get(city, (0, position))
                found[city] = (count + text.count(name), min(first, position))
        for pattern, city in self.english:
            matches = list(pattern.finditer(text))
            if matches:
                count, first = found.get(city, (0, matches[0].start()))
                found[city] = (count + len(matches), min(first, matches[0].start()))
        if not found:
            return None
        return min(found, key=lambda city: (-found[city][0], found[city][1]))


class PersonFinder:
    """The people on the site a post names, with or without their honorific."""

    def __init__(self, people):
        self.patterns = []
        for person in people:
            variants = []
            name_th = " ".join((person.name_th or "").split())
            if len(name_th) >= 4:
                variants.append(r"\s*".join(map(re.escape, name_th.split())))
                first = name_th.split()[0]
                honorifics = set(HONORIFICS)
                if person.honorific_th:
                    honorifics.add(person.honorific_th)
                if len(first) >= 3 and len(name_th.split()) > 1:
                    titled = "|".join(
                        r"\s*".join(map(re.escape, h.split())) for h in sorted(honorifics)
                    )
                    variants.append(rf"(?:{titled})\s*{re.escape(first)}")
            name_en = " ".join((person.name_en or "").split())
            if len(name_en) >= 4:
                variants.append(r"\b" + r"\s+".join(map(re.escape, name_en.split())) + r"\b")
            if variants:
                self.patterns.append((re.compile("|".join(variants), re.IGNORECASE), person))

    def find(self, text):
        return [person for pattern, person in self.patterns if pattern.search(text)]


class FacebookImporter:
    """One run of the import: the cities and people to recognise, read once, and its report."""

    def __init__(self, *, dry_run=False, city_hint=None, author=None):
        self.dry_run = dry_run
        self.city_hint = city_hint
        self.author = author
        self.cities = CityFinder(City.objects.all())
        self.people = PersonFinder(Person.objects.all())
        self.report = ImportReport(dry_run=dry_run)
        self.keys_seen = set()

    def run(self, archive, progress=None):
        for item in archive.posts():
            self.report.posts_read += 1
            if isinstance(item, PostError):
                self.report.add_error(item)
            else:
                self.import_post(archive, item)
            if progress is not None:
                progress(archive, self.report)
        if progress is not None:
            progress(archive, self.report, done=True)
        return self.report

    def import_post(self, archive, post):
        key = import_key(post)
        if key in self.keys_seen or Story.objects.filter(import_key=key).exists():
            self.report.duplicates_skipped += 1
            return
        self.keys_seen.add(key)
        try:
            plan = self.plan(archive, post, key)
            if self.dry_run:
                self.report.add_row(plan, "new")
                self.report.stories_to_create += 1
            else:
                self.create(plan, archive, post)
                self.report.add_row(plan, "created")
                self.report.stories_created += 1
        except (PostError, ValidationError, DatabaseError, ValueError, OSError) as error:
            if isinstance(error, ValidationError):
                error = "; ".join(error.messages)
            message = str(error)
            self.report.add_error(message if post.where in message else f"{post.where}: {message}")
            return
        self.report.photos_kept += plan.photo_count
        if plan.city is None:
            self.report.posts_without_city += 1

    def plan(self, archive, post, key):
        text = normalize_text(post.text)
        posted = datetime.fromtimestamp(post.timestamp, tz=UTC).astimezone(BANGKOK)
        searchable = "\n".join([text, *(normalize_text(p.description) for p in post.photos)])
        title = title_from(text) or self.fallback_title(post, posted)
        plan = PlannedStory(
            key=key,
            post_date=posted.date(),
            title=title,
            excerpt=shorten(plain_text(text), EXCERPT_CHARS),
            body=body_from(text, post.links),
            source_url=post.url if post.url.startswith("https://") else "",
            tags=hashtags_of(text),
            city=self.cities.find(searchable) or self.city_hint,
            people=self.people.find(searchable),
            where=post.where,
        )
        if self.dry_run:
            plan.photo_count = sum(1 for _photo in self.photos_of(archive, post))
        return plan

    def photos_of(self, archive, post):
        """(upload, alt text) for each photo of `post` that passes the upload checks, read one
        at a time; the others are reported."""
        for photo in post.photos[:MAX_PHOTOS_PER_POST]:
            try:
                upload = self.checked_photo(archive, photo)
            except (PostError, ValidationError) as error:
                reason = "; ".join(error.messages) if isinstance(error, ValidationError) else error
                self.report.add_error(f"{post.where}: {photo.uri}: {reason}")
                self.report.photos_not_kept += 1
                continue
            yield upload, shorten(normalize_text(photo.description), 300)
        self.report.photos_not_kept += max(0, len(post.photos) - MAX_PHOTOS_PER_POST)

    def fallback_title(self, post, posted):
        with translation.override(settings.LANGUAGE_CODE):
            return _("Facebook post of %(date)s") % {"date": posted.date().isoformat()}

    @staticmethod
    def checked_photo(archive, photo):
        """The photo as an upload that passed the upload validation (its clean copy made)."""
        data = archive.read_photo(photo.uri)
        upload = ContentFile(data, name=posixpath.basename(photo.uri) or "photo.jpg")
        for validate in IMAGE_VALIDATORS:
            validate(upload)
        return upload

    def create(self, plan, archive, post):
        """Save the story of `plan`: its first good photo as the hero image, the others as
        figures after the text, each stored as the clean copy an upload would be."""
        story = Story(
            title_th=plan.title,
            slug=f"facebook-{plan.post_date:%Y%m%d}-{plan.key.rsplit(':', 1)[1][:10]}",
            excerpt_th=plan.excerpt,
            body_th=plan.body,
            source_url=plan.source_url,
            original_post_date=plan.post_date,
            import_key=plan.key,
            kind=StoryKind.ARTICLE,
            status=StoryStatus.DRAFT,
            city=plan.city,
            author=self.author,
        )
        photos = self.photos_of(archive, post)
        hero = next(photos, None)
        if hero is not None:
            story.hero_image, story.hero_image_alt_th = hero
        stored = []
        try:
            figures = []
            for upload, alt in photos:
                clean = reencode_image(upload)
                stored.append(default_storage.save(f"stories/{clean.name}", clean))
                figures.append(_figure(stored[-1], clean, alt))
            story.body_th = "\n".join([plan.body, *figures])
            story.clean_fields(exclude=["hero_image", "slug", "import_key"])
            with transaction.atomic():
                story.save()
                if plan.tags:
                    story.tags.add(*plan.tags)
                StoryPerson.objects.bulk_create(
                    StoryPerson(story=story, person=person, order=order, consent=Consent.UNKNOWN)
                    for order, person in enumerate(plan.people)
                )
        except BaseException:
            if story.hero_image and story.hero_image._committed:
                stored.append(story.hero_image.name)
            for name in stored:
                default_storage.delete(name)
            raise
        plan.photo_count = len(stored) + (1 if hero is not None else 0)
        return story


def _figure(name, clean, alt):
    clean.seek(0)
    with Image.open(clean) as image:
        width, height = image.size
    return format_html(
        '<figure><img src="{}" alt="{}" width="{}" height="{}"></figure>',
        default_storage.url(name),
        alt,
        width,
        height,
    )


def facebook_import(*, path, dry_run=False, city_hint=None, author=None, progress=None):
    """Import (or with `dry_run`, only check) the Facebook export at `path`.

    Returns an ImportReport. Raises ArchiveError when the archive as a whole is unusable.
    """
    importer = FacebookImporter(dry_run=dry_run, city_hint=city_hint, author=author)
    with (
        FacebookArchive(path, max_photo_bytes=settings.WECITIZENS_MAX_IMAGE_BYTES) as archive,
        renditions_deferred(),
    ):
        return importer.run(archive, progress=progress)


# Archives uploaded in the admin wait here, under a random name, until staff confirm.
STAGED_TOKEN = re.compile(r"^[0-9a-f]{32}$")
STAGED_ARCHIVE_SECONDS = 24 * 3600


def _staging_folder():
    folder = Path(settings.WECITIZENS_FACEBOOK_IMPORT_DIR)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def facebook_archive_stage(*, upload):
    """Keep an uploaded archive in the private staging folder; returns its token.

    Archives staff never confirmed are deleted a day later, when someone uploads another.
    """
    folder = _staging_folder()
    for stale in folder.glob("*.zip"):
        if time.time() - stale.stat().st_mtime > STAGED_ARCHIVE_SECONDS:
            stale.unlink(missing_ok=True)
    token = uuid.uuid4().hex
    with open(folder / f"{token}.zip", "xb") as target:
        for chunk in upload.chunks():
            target.write(chunk)
    return token


def staged_archive_path(token):
    """The staged archive of `token`, or None (a forged or expired token)."""
    if not isinstance(token, str) or not STAGED_TOKEN.match(token):
        return None
    path = _staging_folder() / f"{token}.zip"
    return path if path.is_file() else None


def facebook_archive_discard(*, token):
    path = staged_archive_path(token)
    if path is not None:
        path.unlink(missing_ok=True)
