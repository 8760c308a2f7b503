from django.db import models
from django.db.models.functions import Coalesce, Lower, NullIf
from django.utils.translation import gettext_lazy as _

from core.collation import thai_ordered
from core.i18n import active_content_language


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
