import functools
import operator

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from taggit.models import GenericTaggedItemBase, NaturalKeyManager, TagBase

from core.content import ContentRole, content_models
from tags.slugs import tag_slugify


class TagQuerySet(models.QuerySet):
    def public(self):
        """Tags a reader can see something tagged with: a published object of a taggable
        content model, a story or a research project (a tag's page lists both). Any other tag
        is answered as unknown.

        Per tag, the database stops at its first public story or project (an index probe
        each), rather than joining every tagged item to find the distinct tags.
        """
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
            for model in content_models(taggable=True)
        ]
        return self.filter(functools.reduce(operator.or_, tagged))


class Tag(TagBase):
    """A keyword staff or researchers attach to stories and research projects.

    Tags are untranslated keywords (a Thai tag stays Thai), and so are their addresses:
    `tag_slugify` keeps Thai vowels and tone marks, which Django's slugify drops, so ข่าว
    (news), ข้าว (rice) and ขาว (white) live at three addresses. The slug field's admin is
    read-only: Django's unicode slug validator would refuse those marks.
    """

    # taggit's manager finds a tag by its natural key (its name), as backups are restored.
    objects = NaturalKeyManager.from_queryset(TagQuerySet)()

    content_role = ContentRole()

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]

    def slugify(self, tag, i=None):
        slug = tag_slugify(tag) or "tag"
        if i is not None:
            slug += f"-{i}"
        return slug

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("stories:tag_detail", kwargs={"slug": self.slug})

    @property
    def is_public(self):
        """What `TagQuerySet.public()` selects, for a tag in hand (a query)."""
        return Tag.objects.public().filter(pk=self.pk).exists()


class TaggedItem(GenericTaggedItemBase):
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="tagged_items")
    # The same type as the tagged models' ids. taggit's integer column made
    # PostgreSQL cast it in every join with stories, so no index could find a story's tags.
    object_id = models.BigIntegerField(_("object ID"), db_index=True)

    content_role = ContentRole()

    class Meta:
        verbose_name = _("tagged item")
        verbose_name_plural = _("tagged items")
        indexes = [models.Index(fields=["content_type", "object_id"])]


class TagLinksMixin:
    """`tag_links`: the TaggedItem rows of a tagged object, for its history to follow.

    taggit's manager yields Tag objects, not the links, and a tagged model has no reverse
    relation to TaggedItem; reversion follows this attribute instead.
    """

    @property
    def tag_links(self):
        if self.pk is None:
            return TaggedItem.objects.none()
        return TaggedItem.objects.filter(
            content_type=ContentType.objects.get_for_model(self), object_id=self.pk
        )
