"""Writing search documents: what text of each kind of object is searchable, and how.

`index_object(obj)` rewrites the object's rows (one per language); `rebuild()` rewrites all.
On PostgreSQL the tsvector is computed by the database from the segmented words, in the same
statement for one row or for all of them, so bulk paths and `save()` produce the same vectors.
"""

from dataclasses import dataclass
from functools import cache

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.utils import translation

from core import thai
from core.content import content_models, content_role
from core.i18n import content_languages, translated
from search.models import ResultKind, SearchDocument

VECTOR = (
    SearchVector("words_title", config="simple", weight="A")
    + SearchVector("words_excerpt", config="simple", weight="B")
    + SearchVector("words_body", config="simple", weight="C")
    + SearchVector("words_other", config="simple", weight="D")
)


@dataclass
class Fields:
    """Which translated fields of an object are its title, excerpt and body."""

    title: tuple
    excerpt: tuple
    body: tuple
    html: tuple = ()
    # Text from related objects that readers expect to find the object by, per language.
    related: object = None


def _city_programmes(city, language, exact):
    """A city is found by the programmes it took part in (Learning City, CIAP)."""
    return " ".join(
        text
        for programme in city.programmes.all()
        for text in (
            _translated_text(programme, "name", language, exact),
            _translated_text(programme, "short_name", language, exact),
        )
        if text
    )


def _translated_text(obj, name, language, exact):
    if exact:
        return getattr(obj, f"{name}_{language}", "") or ""
    return translated(obj, name, language).text


# How each kind of result is indexed: its text fields, whether it is public (the model's own
# predicate; a scheduled story is indexed as public and hidden by its date until it is due),
# its date.
INDEXING = {
    ResultKind.STORY: (
        Fields(("title",), ("excerpt",), ("body",), html=("body",)),
        lambda story: story.is_public_when_due,
        lambda story: story.published_at,
    ),
    ResultKind.CITY: (
        Fields(
            ("name",),
            ("province", "research_area", "summary"),
            ("body",),
            related=_city_programmes,
        ),
        lambda city: city.is_public,
        lambda city: None,
    ),
    ResultKind.PROJECT: (
        Fields(("title",), ("summary",), ("institution", "body")),
        lambda project: project.is_public,
        lambda project: None,
    ),
    ResultKind.PERSON: (
        Fields(("honorific", "name"), ("role", "affiliation"), ("bio",)),
        lambda person: person.is_public,
        lambda person: None,
    ),
}


@cache
def registry():
    """{kind: (model, fields, is_public, published_at)} of the content models that declare a
    `search_kind` (core.content.ContentRole), in the order of INDEXING."""
    models = {kind_of(model): model for model in content_models()}
    return {kind: (models[kind], *INDEXING[kind]) for kind in INDEXING if kind in models}


def kind_of(model):
    role = content_role(model)
    if role is None or not role.search_kind:
        return None
    return ResultKind(role.search_kind)


def _field_text(obj, fields, field_names, language, exact=False):
    """The text of some fields in one language (falling back per field unless `exact`)."""
    parts = []
    for name in field_names:
        value = _translated_text(obj, name, language, exact)
        parts.append(thai.plain_text(value) if name in fields.html else value)
    if field_names is fields.body and fields.related is not None:
        parts.append(fields.related(obj, language, exact))
    return " ".join(part for part in parts if part)


def _title(kind, obj, language):
    if kind == ResultKind.PROJECT:
        with translation.override(language):
            return obj.display_title, translated(obj, "title", language).language
    if kind == ResultKind.PERSON:
        with translation.override(language):
            return obj.full_name, translated(obj, "name", language).language
    value = translated(obj, registry()[kind][1].title[0], language)
    return value.text, value.language


def build_documents(kind, obj, segment=thai.segment):
    """Unsaved SearchDocument rows of `obj`, one per language.

    `segment` is `thai.segment` or a faster equivalent giving the same words (the demo data
    generator remembers the segmentation of the phrases its text is made of).
    """
    _model, fields, is_public, published_at = registry()[kind]
    languages = content_languages()
    raw = {
        language: " ".join(
            _field_text(obj, fields, names, language, exact=True)
            for names in (fields.title, fields.excerpt, fields.body)
        )
        for language in languages
    }
    haystack = " ".join(" ".join(raw.values()).split()).lower()
    documents = []
    for language in languages:
        title, title_language = _title(kind, obj, language)
        excerpt = _field_text(obj, fields, fields.excerpt, language)
        body = _field_text(obj, fields, fields.body, language)
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
                is_public=bool(is_public(obj)),
                published_at=published_at(obj),
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


def related_querysets(kind, queryset):
    """Select what the rows of each kind need to build without a query per object."""
    if kind in (ResultKind.STORY, ResultKind.PROJECT):
        return queryset.select_related("city")
    if kind == ResultKind.CITY:
        return queryset.prefetch_related("programmes")
    return queryset


@transaction.atomic
def rebuild():
    """Rewrite every search document; returns {kind: count}."""
    SearchDocument.objects.all().delete()
    counts = {}
    for kind, (model, *_rest) in registry().items():
        queryset = related_querysets(kind, model.objects.order_by("pk"))
        counts[kind] = index_queryset(kind, queryset)
    return counts


def reindex(queryset):
    """Reindex the objects of a queryset, e.g. after a bulk `update()` that bypassed `save()`."""
    kind = kind_of(queryset.model)
    if kind is not None:
        index_queryset(kind, related_querysets(kind, queryset.order_by("pk")))
