from django.db import models
from django.db.models.functions import Coalesce, Lower, NullIf
from django.db.models.query import ModelIterable
from django.utils.translation import gettext_lazy as _

from core.collation import thai_ordered
from core.i18n import active_content_language
from core.renditions import prefetch_renditions


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

    def name_ordering(self, relation=""):
        """The ORDER BY expressions of `order_by_name`, e.g. for a window function; with
        `relation` ("city__"), those of the related object, to order another model by it."""
        thai = f"{relation}{self.name_field}_th"
        pk = models.F(f"{relation}pk").asc()
        if active_content_language() == "th":
            return [thai_ordered(thai), pk]
        english = NullIf(f"{relation}{self.name_field}_en", models.Value(""))
        return [Lower(Coalesce(english, thai)).asc(), pk]


class RenditionsQuerySet(models.QuerySet):
    """A queryset that, once it has read its rows, reads what their pictures need
    (`prefetch_renditions`) in one cache round trip, as `prefetch_related` does for relations.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._rendition_fields = ()

    def with_renditions(self, *field_names):
        """The rows' renditions of the image fields `field_names` are looked up with them."""
        clone = self._chain()
        clone._rendition_fields = (*self._rendition_fields, *field_names)
        return clone

    def _clone(self):
        clone = super()._clone()
        clone._rendition_fields = self._rendition_fields
        return clone

    def _fetch_all(self):
        fetched = self._result_cache is not None
        super()._fetch_all()
        if fetched or not issubclass(self._iterable_class, ModelIterable):
            return
        for field_name in self._rendition_fields:
            prefetch_renditions(self._result_cache, field_name)
