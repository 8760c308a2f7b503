import hashlib

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce, Lower, NullIf
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from taggit.models import GenericTaggedItemBase, NaturalKeyManager, TagBase

from wecitizens.collation import thai_ordered
from wecitizens.i18n import active_content_language


class TimestampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class NameOrderingQuerySet(models.QuerySet):
    """Orders by a translated name the way a reader of the page's language expects.

    Thai pages sort the Thai column in Thai alphabetical order; English pages sort the
    English name, or the Thai one where no English has been written yet.
    """

    name_field = "name"

    def order_by_name(self):
        return self.order_by(*self.name_ordering())

    def name_ordering(self):
        """The ORDER BY expressions of `order_by_name`, e.g. for a window function."""
        thai = f"{self.name_field}_th"
        if active_content_language() == "th":
            return [thai_ordered(thai), models.F("pk").asc()]
        english = NullIf(f"{self.name_field}_en", models.Value(""))
        return [Lower(Coalesce(english, thai)).asc(), models.F("pk").asc()]


class TagQuerySet(models.QuerySet):
    def public(self):
        """Tags a reader can see something tagged with: a published story or a published
        research project (a tag's page lists both). Any other tag is answered as unknown.

        Per tag, the database stops at its first public story or project (an index probe
        each), rather than joining every tagged item to find the distinct tags.
        """
        from django.apps import apps

        # The content type by its natural key, not its id: building this queryset reads
        # nothing, so a module may build it when it is imported (the story list's filters).
        tagged = [
            models.Exists(
                TaggedItem.objects.filter(
                    tag=models.OuterRef("pk"),
                    content_type__app_label=model._meta.app_label,
                    content_type__model=model._meta.model_name,
                ).filter(
                    models.Exists(model.objects.published().filter(pk=models.OuterRef("object_id")))
                )
            )
            for model in (
                apps.get_model("stories", "Story"),
                apps.get_model("projects", "ResearchProject"),
            )
        ]
        return self.filter(tagged[0] | tagged[1])


class Tag(TagBase):
    """A keyword staff or researchers attach to stories and research projects.

    Tags are untranslated keywords (a Thai tag stays Thai). Their slugs must be ASCII and
    distinct: Django's slugify drops Thai vowels and tone marks, which would make ข่าว (news),
    ข้าว (rice) and ขาว (white) one tag. A name without Latin letters gets a short digest of
    its exact text instead.
    """

    # taggit's manager finds a tag by its natural key (its name), as backups are restored.
    objects = NaturalKeyManager.from_queryset(TagQuerySet)()

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]

    def slugify(self, tag, i=None):
        slug = slugify(tag)
        if not slug or not tag.isascii():
            digest = hashlib.sha256(tag.encode()).hexdigest()[:8]
            slug = f"{slug}-{digest}" if slug else f"tag-{digest}"
        if i is not None:
            slug += f"-{i}"
        return slug

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("stories:tag_detail", kwargs={"slug": self.slug})


class TaggedItem(GenericTaggedItemBase):
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="tagged_items")
    # The same type as the tagged models' ids. taggit's integer column made
    # PostgreSQL cast it in every join with stories, so no index could find a story's tags.
    object_id = models.BigIntegerField(_("object ID"), db_index=True)

    class Meta:
        verbose_name = _("tagged item")
        verbose_name_plural = _("tagged items")
        indexes = [models.Index(fields=["content_type", "object_id"])]


def _language_choices():
    return settings.LANGUAGES


class UserProfile(models.Model):
    """What we keep about a person who logs in, beyond Django's user: the language they read.

    Emails to them (invitations, review notes) are written in this language.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="profile",
        verbose_name=_("user"),
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=_language_choices,
        default="th",
        help_text=_("Emails to this person are written in this language."),
    )

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self):
        return str(self.user)


def user_language(user):
    """The language to write to `user` in: their profile's, or the site's default."""
    profile = UserProfile.objects.filter(user=user).first() if user and user.pk else None
    return profile.language if profile else settings.LANGUAGE_CODE
