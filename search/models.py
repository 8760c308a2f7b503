from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ResultKind(models.TextChoices):
    STORY = "story", _("Story")
    CITY = "city", _("City")
    PROJECT = "project", _("Research project")
    PERSON = "person", _("Person")


class SearchDocumentQuerySet(models.QuerySet):
    def public(self):
        """Documents of objects a reader may see now (scheduled stories stay hidden)."""
        return self.filter(
            Q(published_at__isnull=True) | Q(published_at__lte=timezone.now()), is_public=True
        )


class SearchDocument(models.Model):
    """What the search page looks through: one row per public-facing object and page language.

    The row for a language holds the object's text as a reader of that language sees it (the
    other language where a field is not translated), segmented into words for PostgreSQL's
    full-text search, plus all its text in both languages, lower-cased, for substring matching.
    Rows are written by `search.indexing` when content is saved; `manage.py rebuild_search_index`
    rewrites them all after bulk changes that bypass `save()`.
    """

    kind = models.CharField(_("kind"), max_length=20, choices=ResultKind.choices)
    object_id = models.PositiveBigIntegerField(_("object id"))
    language = models.CharField(_("language"), max_length=5)
    path = models.CharField(_("address"), max_length=500)
    title = models.CharField(_("title"), max_length=500)
    title_language = models.CharField(_("title language"), max_length=5)
    text = models.TextField(_("text"), blank=True, help_text=_("Plain text shown in snippets."))
    text_language = models.CharField(_("text language"), max_length=5, blank=True)
    # Segmented words by weight: title (A), excerpt (B), body (C), the other language (D).
    words_title = models.TextField(blank=True)
    words_excerpt = models.TextField(blank=True)
    words_body = models.TextField(blank=True)
    words_other = models.TextField(blank=True)
    # Lower-cased raw text of both languages, for a trigram-indexed LIKE: finds words that
    # segmentation kept inside a compound (เรียนรู้ in การเรียนรู้).
    haystack = models.TextField(blank=True)
    # Keys of the names in both languages as Latin letters spell them (search.spellings):
    # Kadeejeen and Kad Jeen find กะดีจีน.
    latin_spellings = models.TextField(blank=True)
    # Computed by PostgreSQL from the words_* columns; NULL on SQLite.
    vector = SearchVectorField(null=True, blank=True)
    is_public = models.BooleanField(_("public"), default=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    objects = SearchDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "language"], name="search_document_once"
            )
        ]
        # One index per page language: a search reads the rows of one language only.
        indexes = [
            index
            for code, _name in settings.LANGUAGES
            for index in (
                GinIndex(
                    fields=["vector"], name=f"search_doc_vector_{code}", condition=Q(language=code)
                ),
                GinIndex(
                    fields=["haystack"],
                    name=f"search_doc_trgm_{code}",
                    opclasses=["gin_trgm_ops"],
                    condition=Q(language=code),
                ),
                GinIndex(
                    fields=["latin_spellings"],
                    name=f"search_doc_latin_trgm_{code}",
                    opclasses=["gin_trgm_ops"],
                    condition=Q(language=code),
                ),
                # Titles containing the query, found without reading the long columns: the
                # candidates ranked first when a common word matches too many documents.
                GinIndex(
                    fields=["title"],
                    name=f"search_doc_title_trgm_{code}",
                    opclasses=["gin_trgm_ops"],
                    condition=Q(language=code),
                ),
            )
        ]

    def __str__(self):
        return self.title
