from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from taggit.forms import TagField
from taggit.managers import TaggableManager

from tags.models import Tag


class TagNamesField(TagField):
    """Comma-separated tags, each short enough to be stored: PostgreSQL refuses a longer name
    outright, which would otherwise surface as a server error instead of a form error."""

    def clean(self, value):
        names = super().clean(value)
        limit = Tag._meta.get_field("name").max_length
        for name in names:
            if len(name) > limit:
                raise ValidationError(
                    _("A tag can be at most %(limit)d characters long: “%(start)s…” is longer."),
                    code="tag_too_long",
                    params={"limit": limit, "start": name[:30]},
                )
        return names


# For a ModelAdmin's formfield_overrides.
TAG_FIELDS = {TaggableManager: {"form_class": TagNamesField}}
