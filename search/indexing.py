"""Writing search documents of the content models that declare what readers search.

A model is searchable when its `content_role` (core.content.ContentRole) has a `search_kind`
and `search_fields`: which translated fields are a result's title, excerpt and body. Nothing
here names a model or a kind. A scheduled model's objects are indexed as public once published
(`is_public_when_due`) and hidden by their `published_at` until it comes.

`index_object(obj)` rewrites the object's rows (one per language); `rebuild()` rewrites all.
On PostgreSQL the tsvector is computed by the database from the segmented words, in the same
statement for one row or for all of them, so bulk paths and `save()` produce the same vectors.
"""

from functools import cache
from itertools import groupby

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.utils import translation

from core import thai
from core.content import content_models, content_role
from core.i18n import content_languages, translated
from search import spellings
from search.models import ResultKind, SearchDocument

VECTOR = (
    SearchVector("words_title", config="simple", weight="A")
    + SearchVector("words_excerpt", config="simple", weight="B")
    + SearchVector("words_body", config="simple", weight="C")
    + SearchVector("words_other", config="simple", weight="D")
)


@cache
def registry():
    """{kind: model} of the searchable content models, in the order of ResultKind."""
    models = {kind_of(model): model for model in content_models()}
    return {kind: models[kind] for kind in ResultKind if kind in models}


def kind_of(model):
    role = content_role(model)
    if role is None or not role.search_kind:
        return None
    return ResultKind(role.search_kind)


def _search_fields(obj):
    return content_role(type(obj)).search_fields


def _translated_text(obj, name, language, exact):
    if exact:
        return getattr(obj, f"{name}_{language}", "") or ""
    return translated(obj, name, language).text


def _field_text(obj, paths, language, exact=False):
    """The text of some fields in one language (falling back per field unless `exact`)."""
    html = _search_fields(obj).html
    texts = []
    # Fields read through a relation are read object by object: a programme's name, then its
    # short name, then the next programme's.
    for relation, group in groupby(paths, key=lambda path: path.rpartition("__")[0]):
        group = list(group)
        for owner in getattr(obj, relation).all() if relation else [obj]:
            for path in group:
                value = _translated_text(owner, path.rpartition("__")[2], language, exact)
                texts.append(thai.plain_text(value) if path in html else value)
    return " ".join(text for text in texts if text)


def _title(obj, language):
    """A result's title in `language`, and the language it is written in."""
    if hasattr(obj, "search_title"):
        return obj.search_title(language)
    value = translated(obj, _search_fields(obj).title[0], language)
    return value.text, value.language


def build_documents(kind, obj, segment=thai.segment):
    """Unsaved SearchDocument rows of `obj`, one per language.

    `segment` is `thai.segment` or a faster equivalent giving the same words (the demo data
    generator remembers the segmentation of the phrases its text is made of).
    """
    role = content_role(type(obj))
    fields = role.search_fields
    languages = content_languages()
    raw = {
        language: " ".join(
            _field_text(obj, paths, language, exact=True)
            for paths in (fields.title, fields.excerpt, fields.body)
        )
        for language in languages
    }
    haystack = " ".join(" ".join(raw.values()).split()).lower()
    latin_spellings = spellings.document_keys(
        _field_text(obj, fields.names or fields.title, language, exact=True)
        for language in languages
    )
    documents = []
    for language in languages:
        title, title_language = _title(obj, language)
        excerpt = _field_text(obj, fields.excerpt, language)
        body = _field_text(obj, fields.body, language)
        others = [raw[other] for other in languages if other != language]
        text_language = language if raw[language].strip() else (title_language or language)
        with translation.override(language):
            path = obj.get_absolute_url()
        documents.append(
            SearchDocument(
                kind=kind,
                object_id=obj.pk,
                language=language,
                path=path,
                title=title[:500],
                title_language=title_language,
                text=" ".join(f"{excerpt} {body}".split()),
                text_language=text_language,
                words_title=segment(title),
                words_excerpt=segment(excerpt),
                words_body=segment(body),
                words_other=segment(" ".join(others)),
                haystack=haystack,
                latin_spellings=latin_spellings,
                is_public=bool(obj.is_public_when_due if role.scheduled else obj.is_public),
                published_at=obj.published_at if role.scheduled else None,
            )
        )
    return documents


def update_vectors(queryset):
    """Recompute the tsvector of these rows from their words (PostgreSQL only)."""
    if connection.vendor == "postgresql":
        queryset.update(vector=VECTOR)


@transaction.atomic
def index_object(obj):
    kind = kind_of(type(obj))
    if kind is None:
        return
    SearchDocument.objects.filter(kind=kind, object_id=obj.pk).delete()
    documents = SearchDocument.objects.bulk_create(build_documents(kind, obj))
    update_vectors(SearchDocument.objects.filter(pk__in=[doc.pk for doc in documents]))


def remove_object(obj):
    kind = kind_of(type(obj))
    if kind is not None:
        SearchDocument.objects.filter(kind=kind, object_id=obj.pk).delete()


def index_queryset(kind, queryset, batch_size=500, segment=thai.segment):
    """(Re)index many objects of one kind; returns how many."""
    count = 0
    batch = []
    for obj in queryset.iterator(chunk_size=batch_size):
        batch.append(obj)
        if len(batch) >= batch_size:
            count += _index_batch(kind, batch, segment)
            batch = []
    if batch:
        count += _index_batch(kind, batch, segment)
    return count


@transaction.atomic
def _index_batch(kind, objects, segment=thai.segment):
    SearchDocument.objects.filter(kind=kind, object_id__in=[obj.pk for obj in objects]).delete()
    documents = [doc for obj in objects for doc in build_documents(kind, obj, segment)]
    created = SearchDocument.objects.bulk_create(documents)
    update_vectors(SearchDocument.objects.filter(pk__in=[doc.pk for doc in created]))
    return len(objects)


def for_indexing(queryset):
    """The queryset, reading along what its objects' documents need, not a query per object."""
    fields = content_role(queryset.model).search_fields
    if fields.select_related:
        queryset = queryset.select_related(*fields.select_related)
    if relations := fields.relations():
        queryset = queryset.prefetch_related(*relations)
    return queryset


@transaction.atomic
def rebuild():
    """Rewrite every search document; returns {kind: count}."""
    SearchDocument.objects.all().delete()
    counts = {}
    for kind, model in registry().items():
        queryset = for_indexing(model.objects.order_by("pk"))
        counts[kind] = index_queryset(kind, queryset)
    return counts


def reindex(queryset):
    """Reindex the objects of a queryset, e.g. after a bulk `update()` that bypassed `save()`."""
    kind = kind_of(queryset.model)
    if kind is not None:
        index_queryset(kind, for_indexing(queryset.order_by("pk")))
