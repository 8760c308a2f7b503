from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from taggit.managers import TaggableManager

from cities.models import City
from core.content import ContentRole, SearchFields
from core.html import sanitize_html
from core.i18n import TranslationStatusMixin
from core.images import IMAGE_VALIDATORS
from core.models import RenditionsQuerySet, TimestampedModel
from projects.models import Person, ResearchProject
from tags.models import TaggedItem, TagLinksMixin


class StoryKind(models.TextChoices):
    INTERVIEW = "interview", _("Interview")
    ARTICLE = "article", _("Article")
    NEWS = "news", _("News")
    ESSAY = "essay", _("Essay")
    EVENT = "event", _("Event")


class StoryStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


# The fields of includes/card/story.html: lists of story cards load no other column. Building
# the SELECT of every translated column of a story and its city cost more than running it.
STORY_CARD_FIELDS = (
    "slug",
    "title_th",
    "title_en",
    "kind",
    "excerpt_th",
    "excerpt_en",
    "hero_image",
    "published_at",
    "city__name_th",
    "city__name_en",
)


# Newest first: the newest dated stories, then those without a date; the newest id first
# among equals. The order of every list of stories (Meta.ordering, `newest_first()`).
NEWEST_FIRST = (models.F("published_at").desc(nulls_last=True), "-pk")


# Where StoryQuerySet.with_public_people() puts each story's public StoryPerson rows.
PUBLIC_FEATURES = "public_features"


class StoryQuerySet(RenditionsQuerySet):
    def published(self):
        """Stories a reader may see (`Story.is_public`): published, not scheduled for later,
        and not in an unpublished city.

        Stories imported from the old page have no known date: they are public with none.
        """
        return self.published_ignoring_city().exclude(city__is_published=False)

    def published_ignoring_city(self):
        """`published()` without its city condition, for what a join with the cities would
        make read every story (the story list's years)."""
        return self.filter(
            Q(published_at__isnull=True) | Q(published_at__lte=timezone.now()),
            status=StoryStatus.PUBLISHED,
        )

    def scheduled(self, *, after):
        """Published stories that go public later than `after`, at their `published_at`
        (`Story.is_scheduled` at that moment)."""
        return self.filter(self.scheduled_condition(after=after))

    @staticmethod
    def scheduled_condition(*, after):
        return Q(status=StoryStatus.PUBLISHED, published_at__gt=after)

    def published_this_month(self, *, now):
        """Stories that went public in the current month (Bangkok time), up to `now`."""
        return self.filter(self.published_this_month_condition(now=now))

    @staticmethod
    def published_this_month_condition(*, now):
        month_start = timezone.localtime(now).replace(
            day=1, hour=0, minute=0, second=0, microsecond=0
        )
        return Q(status=StoryStatus.PUBLISHED, published_at__gte=month_start, published_at__lte=now)

    def featuring_people_not_cleared(self):
        """Stories featuring someone who may not appear publicly yet (StoryPersonQuerySet.public):
        what staff must settle before the story can go public."""
        return self.filter(self.people_not_cleared_condition())

    @staticmethod
    def people_not_cleared_condition():
        return models.Exists(
            StoryPerson.objects.filter(story=models.OuterRef("pk")).exclude(
                StoryPersonQuerySet.public_condition()
            )
        )

    def newest_first(self):
        return self.order_by(*NEWEST_FIRST)

    def featuring(self, person):
        """The stories `person` may be shown with (see StoryPersonQuerySet.public)."""
        return self.filter(
            pk__in=StoryPerson.objects.public().filter(person=person).values("story")
        )

    def with_public_people(self):
        """Each story's `public_people`, read for all the stories in one query."""
        return self.prefetch_related(
            models.Prefetch(
                "featured_people",
                StoryPerson.objects.public().select_related("person"),
                to_attr=PUBLIC_FEATURES,
            )
        )

    def titled_in(self, language):
        """Stories whose title is written in `language` (no fallback to the other one)."""
        return self.exclude(**{f"title_{language}": ""}).exclude(
            **{f"title_{language}__isnull": True}
        )

    def for_cards(self):
        """What a story card shows, with its city's name joined and its picture's renditions
        looked up once the rows are read (one cache round trip per list).

        Only these columns are read: each column left out is also SQL the ORM need not build
        and a value it need not convert, for every story of every list.
        """
        return self.select_related("city").only(*STORY_CARD_FIELDS).with_renditions("hero_image")


class Story(TagLinksMixin, TranslationStatusMixin, TimestampedModel):
    """An interview, article or news item about a city, its research or the programme itself.

    The body is rich text stored as sanitized HTML. A story without a city is about the
    programme as a whole.
    """

    title = models.CharField(_("title"), max_length=400)
    slug = models.SlugField(
        _("slug"), max_length=120, unique=True, help_text=_("ASCII, used in URLs. Keep it.")
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=StoryKind.choices, default=StoryKind.INTERVIEW
    )
    excerpt = models.TextField(_("excerpt"), blank=True)
    body = models.TextField(_("body"), blank=True, help_text=_("Rich text (HTML)."))
    hero_image = models.ImageField(
        _("hero image"), upload_to="stories/", blank=True, validators=IMAGE_VALIDATORS
    )
    hero_image_alt = models.CharField(
        _("hero image alt text"),
        max_length=300,
        blank=True,
        help_text=_("Describe the picture for people who cannot see it. Required with an image."),
    )
    hero_image_caption = models.CharField(_("hero image caption"), max_length=400, blank=True)
    hero_image_credit = models.CharField(_("hero image credit"), max_length=200, blank=True)
    city = models.ForeignKey(
        City,
        on_delete=models.PROTECT,
        related_name="stories",
        null=True,
        blank=True,
        verbose_name=_("city"),
        help_text=_("Leave empty for a story about the programme as a whole."),
    )
    projects = models.ManyToManyField(
        ResearchProject,
        related_name="stories",
        blank=True,
        verbose_name=_("related research projects"),
    )
    people = models.ManyToManyField(
        Person,
        through="StoryPerson",
        related_name="stories",
        blank=True,
        verbose_name=_("people featured"),
    )
    tags = TaggableManager(
        through=TaggedItem,
        blank=True,
        verbose_name=_("tags"),
        help_text=_("A comma-separated list of tags."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="stories",
        null=True,
        blank=True,
        verbose_name=_("author"),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=StoryStatus.choices,
        default=StoryStatus.DRAFT,
        db_index=True,
    )
    published_at = models.DateTimeField(
        _("published at"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("A future time schedules the story: it stays hidden until then."),
    )
    source_url = models.URLField(
        _("original post"), max_length=500, blank=True, help_text=_("Where it first appeared.")
    )
    is_excerpt_of_source = models.BooleanField(
        _("opening of the original post"),
        default=False,
        help_text=_(
            "Tick when the text is only the beginning of the original post: the page then says "
            "so and links to the post."
        ),
    )
    is_featured = models.BooleanField(_("featured"), default=False)
    original_post_date = models.DateField(
        _("originally posted"),
        null=True,
        blank=True,
        help_text=_("When it was first posted elsewhere, e.g. on the programme's Facebook Page."),
    )
    # NULL for stories not imported: adding a NOT NULL column makes SQLite rebuild the table.
    import_key = models.CharField(  # noqa: DJ001
        _("import key"),
        max_length=120,
        null=True,
        blank=True,
        editable=False,
        help_text=_("Which post of an imported archive this story came from."),
    )

    objects = StoryQuerySet.as_manager()

    translation_check_fields = ("title", "excerpt", "body")

    content_role = ContentRole(
        search_kind="story",
        search_fields=SearchFields(
            title=("title",),
            excerpt=("excerpt",),
            body=("body",),
            html=("body",),
            select_related=("city",),
        ),
        taggable=True,
        scheduled=True,
        share_image="hero_image",
        redirects_old_slugs=True,
    )

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        ordering = list(NEWEST_FIRST)
        indexes = [
            models.Index(fields=["status", "published_at"], name="story_status_date"),
            # The newest published stories (lists, home, feeds) read in index order
            # instead of sorting every published story: NEWEST_FIRST.
            models.Index(
                models.F("published_at").desc(nulls_last=True),
                models.F("id").desc(),
                name="story_newest_first",
                condition=Q(status="published"),
            ),
            # The newest change of a published story (the sitemap's lastmod of list pages).
            models.Index(fields=["updated_at"], name="story_updated_at"),
            # The home page's featured stories: a few rows, found without reading the others.
            models.Index(
                fields=["published_at"], name="story_featured", condition=Q(is_featured=True)
            ),
        ]
        constraints = [
            # Conditional, so that SQLite adds it as an index instead of rebuilding the table
            # (which it cannot do with story_newest_first); NULLs never clash anyway.
            models.UniqueConstraint(
                fields=["import_key"],
                condition=Q(import_key__isnull=False),
                name="story_import_key_once",
            )
        ]
        permissions = [("publish_story", _("Can review, publish, schedule and archive stories"))]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("stories:story_detail", kwargs={"slug": self.slug})

    @property
    def is_scheduled(self):
        return (
            self.status == StoryStatus.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    @property
    def status_label(self):
        """The status word shown to people: a published story still to come is "Scheduled"."""
        if self.is_scheduled:
            return _("Scheduled")
        return self.get_status_display()

    @property
    def public_people(self):
        """The people shown with this story: confirmed by staff, and consenting to it."""
        features = getattr(self, PUBLIC_FEATURES, None)
        if features is None:
            features = self.featured_people.public().select_related("person")
        return [feature.person for feature in features]

    @property
    def is_editable_by_author(self):
        return self.status in (StoryStatus.DRAFT, StoryStatus.CHANGES_REQUESTED)

    @property
    def latest_note(self):
        """The most recent note staff left on a transition, or None."""
        return self.transitions.exclude(note="").order_by("-created_at", "-pk").first()

    @property
    def note_for_author(self):
        """The newest note staff left since the story was last published, or None: once
        published, earlier notes belong to the history only. Reads prefetched transitions."""
        for step in self.transitions.all():
            if step.to_status == StoryStatus.PUBLISHED:
                return None
            if step.note:
                return step
        return None

    @property
    def is_public(self):
        """What `StoryQuerySet.published()` selects, for a story in hand."""
        return self.is_public_when_due and not self.is_scheduled

    @property
    def is_public_when_due(self):
        """Public now, or once its scheduled time comes: published, in no unpublished city."""
        return self.status == StoryStatus.PUBLISHED and (
            self.city_id is None or self.city.is_published
        )

    def clean(self):
        super().clean()
        if self.hero_image and not (self.hero_image_alt_th or self.hero_image_alt_en):
            raise ValidationError(
                {"hero_image_alt_th": _("Describe the hero image for readers who cannot see it.")}
            )

    def save(self, *args, **kwargs):
        for language in ("th", "en"):
            field = f"body_{language}"
            setattr(self, field, sanitize_html(getattr(self, field)))
        super().save(*args, **kwargs)


class Consent(models.TextChoices):
    """Whether a featured person agreed to be published (Thailand's PDPA)."""

    UNKNOWN = "unknown", _("Not yet asked")
    GIVEN = "given", _("Given")
    REFUSED = "refused", _("Refused")


class StoryPersonQuerySet(models.QuerySet):
    def public(self):
        """Who may appear publicly with a story, on every surface (pages, cards, JSON-LD,
        feeds, search, sitemap, API, CSV): a person staff have confirmed
        (`Person.is_published`) whose consent to this story is given. The one place of
        this rule; `stories.workflow` refuses to publish a story featuring anyone else.
        """
        return self.filter(self.public_condition())

    def not_public(self):
        """Featured people who may not appear publicly with their story (yet)."""
        return self.exclude(self.public_condition())

    @staticmethod
    def public_condition():
        return Q(person__is_published=True, consent=Consent.GIVEN)


class StoryPerson(models.Model):
    """A person featured in a story, usually as an interviewee.

    `consent` records whether they agreed to appear; staff see it before publishing.
    """

    story = models.ForeignKey(
        Story, on_delete=models.CASCADE, related_name="featured_people", verbose_name=_("story")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="story_features", verbose_name=_("person")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    consent = models.CharField(
        _("consent to publish"),
        max_length=20,
        choices=Consent.choices,
        default=Consent.UNKNOWN,
        help_text=_("Did this person agree to appear in the published story?"),
    )
    consent_note = models.CharField(
        _("consent record"),
        max_length=300,
        blank=True,
        help_text=_("How and when consent was given, e.g. signed form, 3 March 2024."),
    )

    objects = StoryPersonQuerySet.as_manager()

    content_role = ContentRole()

    class Meta:
        verbose_name = _("person featured")
        verbose_name_plural = _("people featured")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["story", "person"], name="story_person_once")
        ]

    def __str__(self):
        return str(self.person)


class StoryImage(models.Model):
    """A picture inside a story's text, uploaded from the editor.

    It goes through the same checks and re-encoding as the hero image (core.images), and the
    body refers to it by its media URL, the only image source the sanitiser keeps (core.html).
    `alt` is in the language of the text it was placed in.
    """

    story = models.ForeignKey(
        Story, on_delete=models.CASCADE, related_name="body_images", verbose_name=_("story")
    )
    image = models.ImageField(_("image"), upload_to="stories/body/", validators=IMAGE_VALIDATORS)
    alt = models.CharField(
        _("alt text"),
        max_length=300,
        help_text=_("Describe the picture for people who cannot see it."),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="story_images",
        null=True,
        blank=True,
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("picture in a story")
        verbose_name_plural = _("pictures in stories")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.alt


class StoryQuote(models.Model):
    """A pull quote of a story: a sentence worth sharing on its own, and who said it.

    The programme's posts lead with one. Each quote is shown on the story's page and has its
    own page and share cards (stories.quote_cards). The speaker is a person featured in the
    story, named publicly only while they may appear with it (StoryPersonQuerySet.public), or
    a name written out.
    """

    story = models.ForeignKey(
        Story, on_delete=models.CASCADE, related_name="quotes", verbose_name=_("story")
    )
    text = models.TextField(
        _("quotation"), help_text=_("The words as spoken, without quote marks.")
    )
    speaker = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="story_quotes",
        null=True,
        blank=True,
        verbose_name=_("speaker featured in the story"),
        help_text=_(
            "Named only while this person may appear with the story (confirmed and consenting)."
        ),
    )
    speaker_name = models.CharField(
        _("speaker, written out"),
        max_length=200,
        blank=True,
        help_text=_("Who said it, when it is not a person featured in the story."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    content_role = ContentRole()

    class Meta:
        verbose_name = _("pull quote")
        verbose_name_plural = _("pull quotes")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.text[:80]

    def get_absolute_url(self):
        """Its page: /stories/<story>/quotes/<its place among the story's quotes, from 1>/."""
        number = getattr(self, "number", None)
        if number is None:
            number = list(self.story.quotes.values_list("pk", flat=True)).index(self.pk) + 1
        return reverse("stories:story_quote", kwargs={"slug": self.story.slug, "number": number})

    def speaker_shown(self, public_people):
        """The speaker's name as readers see it, given the story's `public_people`: "" for a
        featured person who may not appear with it."""
        if self.speaker_id is not None:
            for person in public_people:
                if person.pk == self.speaker_id:
                    return person.full_name
            return ""
        return self.speaker_name


class StoryTransition(models.Model):
    """One step of a story through the editorial workflow: who moved it, when, from what to what.

    Written only by stories.workflow; the note is what staff tell the author.
    """

    story = models.ForeignKey(
        Story, on_delete=models.CASCADE, related_name="transitions", verbose_name=_("story")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="story_transitions",
        null=True,
        blank=True,
        verbose_name=_("by"),
    )
    from_status = models.CharField(_("from"), max_length=20, choices=StoryStatus.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=StoryStatus.choices)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class ReviewLinkState(models.TextChoices):
    ACTIVE = "active", pgettext_lazy("review link state", "active")
    ANSWERED = "answered", pgettext_lazy("review link state", "answered")
    REVOKED = "revoked", pgettext_lazy("review link state", "revoked")
    EXPIRED = "expired", pgettext_lazy("review link state", "expired")
    CLOSED = "closed", pgettext_lazy("review link state", "closed: the story is published")


class ReviewLink(models.Model):
    """A signed, expiring link that shows one unpublished story to someone without an account.

    Sent to an interviewee so the person quoted can check the story. It stops working when it
    expires, when it is revoked, and as soon as the story is published.
    """

    story = models.ForeignKey(
        Story, on_delete=models.CASCADE, related_name="review_links", verbose_name=_("story")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("review link")
        verbose_name_plural = _("review links")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.story} ({self.expires_at:%Y-%m-%d})"

    @property
    def state(self):
        """Where the link stands, as its story's page shows it. Reads a select_related
        `answer` when there is one."""
        try:
            self.answer  # noqa: B018
        except ReviewAnswer.DoesNotExist:
            pass
        else:
            return ReviewLinkState.ANSWERED
        if self.revoked_at is not None:
            return ReviewLinkState.REVOKED
        if self.expires_at <= timezone.now():
            return ReviewLinkState.EXPIRED
        if not self.is_active:
            return ReviewLinkState.CLOSED
        return ReviewLinkState.ACTIVE

    @property
    def is_active(self):
        return (
            self.revoked_at is None
            and self.expires_at > timezone.now()
            and self.story.status != StoryStatus.PUBLISHED
            and self.story.status != StoryStatus.ARCHIVED
        )


class ReviewDecision(models.TextChoices):
    APPROVE = "approve", _("I approve")
    CORRECT = "correct", _("Please correct")


class ReviewAnswer(models.Model):
    """What the person holding a review link answered: one answer per link, kept for good.

    Written only by stories.workflow.review_answer_give; the author and staff are told by email.
    """

    link = models.OneToOneField(
        ReviewLink, on_delete=models.CASCADE, related_name="answer", verbose_name=_("review link")
    )
    story = models.ForeignKey(
        Story, on_delete=models.CASCADE, related_name="review_answers", verbose_name=_("story")
    )
    decision = models.CharField(_("answer"), max_length=20, choices=ReviewDecision.choices)
    name = models.CharField(_("name"), max_length=200)
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("answered"), default=timezone.now)

    class Meta:
        verbose_name = _("review answer")
        verbose_name_plural = _("review answers")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.name}: {self.get_decision_display()}"


class SeedRecord(models.Model):
    """What `load_content` last wrote to the fields of one object of the seed.

    A later load brings a field up to date with the seed only while it still holds what was
    loaded: a field staff changed in the admin since is kept. Values are kept as short hashes;
    the record tells whether a field changed, not what it held.
    """

    model = models.CharField(_("model"), max_length=100)
    key = models.CharField(_("seed key"), max_length=300, help_text=_("How the seed finds it."))
    fields = models.JSONField(_("loaded fields"), default=dict)
    loaded_at = models.DateTimeField(_("loaded at"), auto_now=True)

    class Meta:
        verbose_name = _("seed record")
        verbose_name_plural = _("seed records")
        constraints = [
            models.UniqueConstraint(fields=["model", "key"], name="seed_record_once_per_object")
        ]

    def __str__(self):
        return f"{self.model} {self.key}"
