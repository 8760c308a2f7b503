from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.content import ContentRole, SearchFields
from core.dates import YEAR_VALIDATORS
from core.i18n import TranslationStatusMixin
from core.images import IMAGE_VALIDATORS
from core.models import NameOrderingQuerySet, TimestampedModel


class Region(models.TextChoices):
    """Thailand's six geographic regions (the National Geographical Committee's system)."""

    NORTH = "north", _("North")
    NORTHEAST = "northeast", _("Northeast")
    CENTRAL = "central", _("Central")
    EAST = "east", _("East")
    WEST = "west", _("West")
    SOUTH = "south", _("South")


class Programme(TimestampedModel):
    """A funding programme that cities take part in.

    The Learning City programme (2563–2564 BE), its follow-on that tells the public what the
    18 cities learned (2565–2566 BE, WeCitizens' own project), and CIAP (2567–2568 BE).
    Programmes are data, so staff can add the next one without a code change.
    """

    name = models.CharField(_("name"), max_length=300)
    short_name = models.CharField(
        _("short name"), max_length=80, blank=True, help_text=_("Used in lists and filters.")
    )
    slug = models.SlugField(_("slug"), unique=True, help_text=_("ASCII, used in URLs."))
    description = models.TextField(_("description"), blank=True)
    funder = models.CharField(_("funder"), max_length=300, blank=True)
    partners = models.CharField(_("partners"), max_length=300, blank=True)
    start_year = models.PositiveSmallIntegerField(
        _("first year"),
        null=True,
        blank=True,
        validators=YEAR_VALIDATORS,
        help_text=_(
            "Typed and shown in the Buddhist Era on Thai screens, the Common Era on English ones."
        ),
    )
    end_year = models.PositiveSmallIntegerField(
        _("last year"),
        null=True,
        blank=True,
        validators=YEAR_VALIDATORS,
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    contact_email = models.EmailField(
        _("contact e-mail for proposed stories"),
        blank=True,
        help_text=_("Where readers write to propose a story about one of the programme's cities."),
    )
    contact_url = models.URLField(
        _("contact page for proposed stories"),
        max_length=500,
        blank=True,
        help_text=_("A form or page where readers propose a story, if there is one."),
    )
    contact_text = models.TextField(
        _("invitation to propose a story"),
        blank=True,
        help_text=_("Shown on its cities' pages above the contact, e.g. what a story needs."),
    )

    content_role = ContentRole()

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["order", "start_year", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__isnull=True)
                | Q(start_year__isnull=True)
                | Q(end_year__gte=models.F("start_year")),
                name="programme_years_in_order",
            )
        ]

    def __str__(self):
        return self.short_name or self.name

    def get_absolute_url(self):
        return reverse("cities:city_list") + f"?programme={self.slug}"

    @property
    def has_contact(self):
        """Whether readers have a way to propose a story through this programme."""
        return bool(self.contact_email or self.contact_url)


# The columns of a city named with a link to its page, and of a city card
# (templates/includes/card/city.html): lists of city cards load no other column.
CITY_LINK_FIELDS = ("slug", "name_th", "name_en")
CITY_CARD_FIELDS = (*CITY_LINK_FIELDS, "research_area_th", "research_area_en")


class CityQuerySet(NameOrderingQuerySet):
    def published(self):
        """Cities a reader may see (`City.is_public`)."""
        return self.filter(is_published=True)

    def for_cards(self):
        """Only the columns a city card shows."""
        return self.only(*CITY_CARD_FIELDS)


class City(TranslationStatusMixin, TimestampedModel):
    """A city (in practice a province and the area within it) where the research took place.

    Its slug is ASCII and stable: links to it are shared on Facebook and LINE.
    """

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), unique=True, help_text=_("ASCII, used in URLs. Keep it."))
    province = models.CharField(_("province"), max_length=200, blank=True)
    region = models.CharField(_("region"), max_length=20, choices=Region.choices)
    research_area = models.CharField(
        _("research area"),
        max_length=300,
        blank=True,
        help_text=_("Where in the city the research worked, e.g. ย่านกะดีจีน."),
    )
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("body"), blank=True)
    hero_image = models.ImageField(
        _("hero image"), upload_to="cities/", blank=True, validators=IMAGE_VALIDATORS
    )
    hero_image_alt = models.CharField(
        _("hero image alt text"),
        max_length=300,
        blank=True,
        help_text=_("Describe the picture for people who cannot see it. Required with an image."),
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    programmes = models.ManyToManyField(
        Programme,
        through="ProgrammeMembership",
        related_name="cities",
        verbose_name=_("programmes"),
        blank=True,
    )
    is_published = models.BooleanField(_("published"), default=False, db_index=True)

    objects = CityQuerySet.as_manager()

    translation_check_fields = ("name", "province", "research_area", "summary")

    # Its name and publication show in its stories', projects' and people's search text.
    content_role = ContentRole(
        search_kind="city",
        # A city is found by the programmes it took part in (Learning City, CIAP).
        search_fields=SearchFields(
            title=("name",),
            excerpt=("province", "research_area", "summary"),
            body=("body", "programmes__name", "programmes__short_name"),
            names=("name", "province", "research_area"),
        ),
        search_dependents=("stories", "projects", "people"),
        share_image="hero_image",
        redirects_old_slugs=True,
    )

    class Meta:
        verbose_name = _("city")
        verbose_name_plural = _("cities")
        ordering = ["pk"]

    def __str__(self):
        return self.name or self.slug

    def get_absolute_url(self):
        return reverse("cities:city_detail", kwargs={"slug": self.slug})

    @property
    def is_public(self):
        """What `CityQuerySet.published()` selects, for a city in hand."""
        return self.is_published

    def clean(self):
        super().clean()
        if self.hero_image and not (self.hero_image_alt_th or self.hero_image_alt_en):
            raise ValidationError(
                {"hero_image_alt_th": _("Describe the hero image for readers who cannot see it.")}
            )
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(_("Give both latitude and longitude, or neither."))


class ProgrammeMembership(models.Model):
    """A city's place in a programme, with its number in that programme's published list."""

    city = models.ForeignKey(
        City, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("city")
    )
    programme = models.ForeignKey(
        Programme,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("programme"),
    )
    number = models.PositiveSmallIntegerField(
        _("number in the programme's list"), null=True, blank=True
    )

    content_role = ContentRole(search_text_of="city")

    class Meta:
        verbose_name = _("programme membership")
        verbose_name_plural = _("programme memberships")
        ordering = ["programme__order", "number", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["city", "programme"], name="membership_city_once_per_programme"
            ),
            models.UniqueConstraint(
                fields=["programme", "number"], name="membership_number_unique_in_programme"
            ),
        ]

    def __str__(self):
        if self.number:
            return f"{self.programme} #{self.number}: {self.city}"
        return f"{self.programme}: {self.city}"


class CityLink(models.Model):
    """The city's page on another learning-city platform (e.g. UNESCO GNLC)."""

    city = models.ForeignKey(
        City, on_delete=models.CASCADE, related_name="links", verbose_name=_("city")
    )
    platform = models.CharField(_("platform"), max_length=200)
    url = models.URLField(_("address"), max_length=500)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    content_role = ContentRole()

    class Meta:
        verbose_name = _("link to another platform")
        verbose_name_plural = _("links to other platforms")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.platform


@dataclass
class ProgrammeGroup:
    """Cities that took part in the same programmes, counted together.

    The 18 Learning Cities of 2563–2566 BE (the programme and its follow-on) form one group and
    Roi Et, under CIAP alone, another, so the site never adds them up into one unexplained 19.
    """

    programmes: tuple
    count: int = 0

    @property
    def first(self):
        return self.programmes[0]

    @property
    def start_year(self):
        return min((p.start_year for p in self.programmes if p.start_year), default=None)

    @property
    def end_year(self):
        return max((p.end_year for p in self.programmes if p.end_year), default=None)

    def get_absolute_url(self):
        return self.first.get_absolute_url()


def programme_groups(cities, programmes):
    """{region: [ProgrammeGroup, …]} for `cities` (a queryset), and under the key None the
    groups of all of them, each list in the order of its first programme; one query.

    `programmes` are all the programmes, already read. Cities in no programme are left out.
    It reads one row per membership, a few per city: fine for the thousands of cities a
    programme could ever hold, and no more queries however many there are.
    """
    by_pk = {programme.pk: programme for programme in programmes}
    rank = {programme.pk: position for position, programme in enumerate(programmes)}
    cities_programmes = defaultdict(set)
    regions = {}
    rows = ProgrammeMembership.objects.filter(city__in=cities.order_by().values("pk"))
    for city, region, programme in rows.order_by().values_list("city", "city__region", "programme"):
        cities_programmes[city].add(programme)
        regions[city] = region
    counts = defaultdict(lambda: defaultdict(int))
    for city, members in cities_programmes.items():
        key = tuple(sorted(members, key=rank.__getitem__))
        counts[None][key] += 1
        counts[regions[city]][key] += 1
    return {
        region: [
            ProgrammeGroup(tuple(by_pk[pk] for pk in key), total)
            for key, total in sorted(groups.items(), key=lambda item: rank[item[0][0]])
        ]
        for region, groups in counts.items()
    }
