from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from cities.models import City, Programme
from core.content import ContentRole, SearchFields
from core.dates import YEAR_VALIDATORS
from core.i18n import TranslatedText, TranslationStatusMixin, translated
from core.images import IMAGE_VALIDATORS
from core.models import NameOrderingQuerySet, TimestampedModel
from tags.models import TaggedItem, TagLinksMixin

# The columns of a person named with a link to their page, and of includes/card/person.html.
# Like every list of columns for only(), each language's column is named: the untranslated
# one is never read.
PERSON_LINK_FIELDS = ("slug", "honorific_th", "honorific_en", "name_th", "name_en")
PERSON_CARD_FIELDS = (*PERSON_LINK_FIELDS, "role_th", "role_en", "affiliation_th", "affiliation_en")


def related_fields(relation, fields):
    """`fields` of the model behind `relation`, for only(): ("lead", ["slug"]) -> ["lead__slug"]."""
    return [f"{relation}__{field}" for field in fields]


class PersonQuerySet(NameOrderingQuerySet):
    def published(self):
        """People a reader may see (`Person.is_public`)."""
        return self.filter(is_published=True)

    def visible_to(self, user):
        """The people `user` may see by name while writing: programme staff see everyone;
        anyone else sees the people staff have confirmed and those they named themselves,
        never a name another researcher typed that staff have not confirmed yet."""
        if user.is_staff:
            return self
        return self.filter(Q(is_published=True) | Q(created_by=user.pk))

    def for_cards(self):
        """Only the columns a person card shows."""
        return self.only(*PERSON_CARD_FIELDS)


class Person(TranslationStatusMixin, TimestampedModel):
    """Someone behind the programme: a researcher, a mayor, a city developer, an interviewee.

    The honorific (ผศ. ดร., คุณ, …) is kept apart from the name so lists can sort by name.
    """

    honorific = models.CharField(
        _("honorific"), max_length=80, blank=True, help_text=_("e.g. ผศ. ดร., คุณ, Dr.")
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), unique=True, help_text=_("ASCII, used in URLs. Keep it."))
    role = models.CharField(_("role"), max_length=300, blank=True)
    affiliation = models.CharField(_("affiliation"), max_length=300, blank=True)
    bio = models.TextField(_("biography"), blank=True)
    photo = models.ImageField(
        _("photo"), upload_to="people/", blank=True, validators=IMAGE_VALIDATORS
    )
    photo_alt = models.CharField(
        _("photo alt text"),
        max_length=300,
        blank=True,
        help_text=_("Describe the photo for people who cannot see it. Required with a photo."),
    )
    city = models.ForeignKey(
        City,
        on_delete=models.PROTECT,
        related_name="people",
        null=True,
        blank=True,
        verbose_name=_("city"),
        help_text=_("The city this person works in, if any."),
    )
    is_published = models.BooleanField(_("published"), default=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="people_created",
        null=True,
        blank=True,
        editable=False,
        verbose_name=_("named by"),
        help_text=_("The researcher who added this person in the portal."),
    )

    objects = PersonQuerySet.as_manager()

    translation_check_fields = ("name", "role", "affiliation")

    content_role = ContentRole(
        search_kind="person",
        search_fields=SearchFields(
            title=("honorific", "name"),
            excerpt=("role", "affiliation"),
            body=("bio",),
            names=("name",),
        ),
        redirects_old_slugs=True,
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["pk"]

    def __str__(self):
        return self.full_name

    def name_in(self, language=None):
        """Its honorific and name as a reader of `language` sees them (TranslatedTexts).

        The honorific is the one written in the language the name is shown in: an English
        name is never preceded by คุณ, and goes without an honorific when it has no English one.
        """
        name = translated(self, "name", language)
        honorific = getattr(self, f"honorific_{name.language}", "") or ""
        return TranslatedText(honorific, name.language, name.is_fallback), name

    @property
    def full_name(self):
        honorific, name = self.name_in()
        # Thai honorifics are written against the name (ผศ. ดร.ชัญญรินทร์); keep the staff's spacing.
        return f"{honorific.text} {name.text}".strip() if honorific else name.text

    def get_absolute_url(self):
        return reverse("projects:person_detail", kwargs={"slug": self.slug})

    def search_title(self, language):
        """Its full name in `language`, and the language of the name."""
        with translation.override(language):
            return self.full_name, translated(self, "name", language).language

    @property
    def is_public(self):
        """What `PersonQuerySet.published()` selects, for a person in hand."""
        return self.is_published

    def clean(self):
        super().clean()
        if self.photo and not (self.photo_alt_th or self.photo_alt_en):
            raise ValidationError(
                {"photo_alt_th": _("Describe the photo for readers who cannot see it.")}
            )


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    UNDER_RESEARCH = "under_research", _("Under research")
    COMPLETED = "completed", _("Completed")


# The fields of includes/card/project.html, with the city's name (also in display_title).
PROJECT_CARD_FIELDS = (
    "title_th",
    "title_en",
    "slug",
    "number",
    "start_year",
    "end_year",
    "status",
    "summary_th",
    "summary_en",
    "city__name_th",
    "city__name_en",
)


class ResearchProjectQuerySet(NameOrderingQuerySet):
    name_field = "title"

    def published(self):
        """Projects a reader may see (`ResearchProject.is_public`): published, in a published
        city."""
        return self.published_ignoring_city().filter(city__is_published=True)

    def published_ignoring_city(self):
        """`published()` without its city condition, for the projects of a city in hand (whose
        page is itself published, or previewed by staff): no join with the cities."""
        return self.filter(is_published=True)

    def for_cards(self):
        """Only the columns a project card shows, with its city's name joined."""
        return self.select_related("city").only(*PROJECT_CARD_FIELDS)

    def newest_first(self):
        return self.order_by(models.F("start_year").desc(nulls_last=True), "-pk")


class ResearchProject(TagLinksMixin, TranslationStatusMixin, TimestampedModel):
    """A funded research project (ชุดโครงการ) in one city, under one programme.

    The Learning City programme funded 20 of them in 18 cities; Chiang Mai and Rayong have
    two each, told apart by `number`. Where the published record gives no title, the title
    stays empty and pages show "Research project n, city" instead of an invented one.
    """

    title = models.CharField(_("title"), max_length=400, blank=True)
    slug = models.SlugField(_("slug"), unique=True, help_text=_("ASCII, used in URLs. Keep it."))
    city = models.ForeignKey(
        City, on_delete=models.PROTECT, related_name="projects", verbose_name=_("city")
    )
    programme = models.ForeignKey(
        Programme,
        on_delete=models.PROTECT,
        related_name="projects",
        verbose_name=_("programme"),
    )
    number = models.PositiveSmallIntegerField(
        _("number in the city"), default=1, help_text=_("1, 2, … when a city has several.")
    )
    lead = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="led_projects",
        null=True,
        blank=True,
        verbose_name=_("lead researcher"),
    )
    team = models.ManyToManyField(
        Person,
        through="ProjectMember",
        related_name="projects",
        blank=True,
        verbose_name=_("team"),
    )
    institution = models.CharField(_("institution"), max_length=300, blank=True)
    start_year = models.PositiveSmallIntegerField(
        _("first year"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    end_year = models.PositiveSmallIntegerField(
        _("last year"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("body"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=ProjectStatus.choices, blank=True)
    tags = TaggableManager(
        through=TaggedItem,
        blank=True,
        verbose_name=_("tags"),
        help_text=_("A comma-separated list of tags."),
    )
    is_published = models.BooleanField(_("published"), default=False, db_index=True)

    objects = ResearchProjectQuerySet.as_manager()

    translation_check_fields = ("title", "summary", "institution")

    content_role = ContentRole(
        search_kind="project",
        search_fields=SearchFields(
            title=("title",),
            excerpt=("summary",),
            body=("institution", "body"),
            select_related=("city",),
        ),
        taggable=True,
        redirects_old_slugs=True,
    )

    class Meta:
        verbose_name = _("research project")
        verbose_name_plural = _("research projects")
        ordering = ["city_id", "number", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["city", "programme", "number"], name="project_number_unique_in_city"
            ),
            models.CheckConstraint(
                condition=Q(end_year__isnull=True)
                | Q(start_year__isnull=True)
                | Q(end_year__gte=models.F("start_year")),
                name="project_years_in_order",
            ),
        ]

    def __str__(self):
        return self.display_title

    @property
    def display_title(self):
        title = translated(self, "title").text
        if title:
            return title
        return gettext("Research project %(number)s, %(city)s") % {
            "number": self.number,
            "city": translated(self.city, "name").text,
        }

    def get_absolute_url(self):
        return reverse("projects:project_detail", kwargs={"slug": self.slug})

    def search_title(self, language):
        """Its title in `language` (its number and city when untitled), and the title's
        language."""
        with translation.override(language):
            return self.display_title, translated(self, "title", language).language

    @property
    def is_public(self):
        """What `ResearchProjectQuerySet.published()` selects, for a project in hand."""
        return self.is_published and self.city.is_published


class ProjectMember(models.Model):
    """A person's place on a research project's team."""

    project = models.ForeignKey(
        ResearchProject,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("research project"),
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="project_memberships",
        verbose_name=_("person"),
    )
    role = models.CharField(_("role on the project"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    content_role = ContentRole()

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "person"], name="project_member_once_per_project"
            )
        ]

    def __str__(self):
        return f"{self.person} ({self.role})" if self.role else str(self.person)


class SubProject(models.Model):
    """A sub-project (โครงการย่อย) of a research project: the 20 projects had 41."""

    project = models.ForeignKey(
        ResearchProject,
        on_delete=models.CASCADE,
        related_name="subprojects",
        verbose_name=_("research project"),
    )
    title = models.CharField(_("title"), max_length=400)
    lead = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="led_subprojects",
        null=True,
        blank=True,
        verbose_name=_("lead"),
    )
    summary = models.TextField(_("summary"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    content_role = ContentRole()

    class Meta:
        verbose_name = _("sub-project")
        verbose_name_plural = _("sub-projects")
        ordering = ["order", "pk"]

    def __str__(self):
        return translated(self, "title").text


class Milestone(models.Model):
    """A dated step in a research project's timeline."""

    project = models.ForeignKey(
        ResearchProject,
        on_delete=models.CASCADE,
        related_name="milestones",
        verbose_name=_("research project"),
    )
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)

    content_role = ContentRole()

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["date", "pk"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {translated(self, 'title').text}"
