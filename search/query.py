"""Finding search documents for a query, ranked, and showing where they matched.

PostgreSQL: the query's words (segmented like the documents) must all be in the document's
tsvector, OR the whole query must occur in its raw text (a LIKE that a trigram GIN index
serves, which finds what segmentation kept inside a compound). Ranked with `ts_rank`
(title > excerpt > body > other language), a title containing the query first.
SQLite: the whole query, or every one of its words, occurs in the raw text; ranked by
where the words occur, with the same weights.

`find()` is what the search page shows, with the work bounded for common words (เมือง
matches a third of all documents). The word branch is counted up to `MAX_COUNT` ("more than
1,000 results"). The trigram LIKE branch (whose recheck reads the long raw text of every row
it returns) runs only when the words found fewer than `MAX_SHOWN`, and counts up to that
("more than 100 results"); otherwise the count says "at least". When more than `MAX_SHOWN`
match, only a bounded candidate set is ranked: the documents whose title contains the query
(a small trigram index), filled up with the first matches found.
"""

import re
import unicodedata
from functools import reduce
from operator import and_, or_

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, F, FloatField, Lookup, Q, Value, When
from django.utils.html import escape
from django.utils.safestring import mark_safe

from core import thai
from search import spellings
from search.models import SearchDocument

MAX_QUERY_LENGTH = 200
MAX_WORDS = 12
# A LIKE needle shorter than a trigram cannot use the index; such queries use words only.
MIN_NEEDLE_LENGTH = 2
SNIPPET_LENGTH = 200
# Matches are counted up to this many; beyond it the page says "more than 1,000 results".
MAX_COUNT = 1000
# At most this many results are ranked and shown (five pages of 20).
MAX_SHOWN = 100
# What a result shows; the long word, haystack and vector columns stay in the database.
SHOWN_FIELDS = ("kind", "path", "title", "title_language", "text", "text_language")


class Query:
    """A query as typed, cleaned, with the words and phrase to look for."""

    def __init__(self, raw):
        self.raw = raw or ""
        self.too_long = len(self.raw) > MAX_QUERY_LENGTH
        self.text = "" if self.too_long else thai.normalize_query(self.raw)
        self.words = list(dict.fromkeys(thai.words(self.text)))[:MAX_WORDS]
        phrase = self.text.lower()
        self.phrase = phrase if len(phrase) >= MIN_NEEDLE_LENGTH and _has_letters(phrase) else ""
        self.spelling_keys = spellings.query_keys(self.text)

    def __bool__(self):
        return bool(self.words or self.phrase or self.spelling_keys)

    @property
    def terms(self):
        """What to highlight: the phrase and each word, longest first."""
        terms = {*self.words, self.phrase} - {""}
        return sorted(terms, key=len, reverse=True)


def _has_letters(value):
    return any(unicodedata.category(char)[0] in "LN" for char in value)


def _phrase_condition(query):
    """The whole query in a document's raw text (both languages, lower-cased), or a name of
    the document spelt the query's way in Latin letters (search.spellings): LIKEs, which
    trigram GIN indexes serve on PostgreSQL. None for a query too short for them."""
    conditions = [Q(latin_spellings__contains=f" {key} ") for key in query.spelling_keys]
    if query.phrase:
        conditions.insert(0, Q(haystack__contains=query.phrase))
    return reduce(or_, conditions) if conditions else None


# Best first: the highest `rank`, then the newest; the oldest id first among equals.
RANKED_ORDER = ("-rank", F("published_at").desc(nulls_last=True), "pk")


def _public_documents(language):
    return SearchDocument.objects.public().filter(language=language)


def search_documents(query, language):
    """Public documents in `language` matching `query`, best first."""
    documents = _public_documents(language)
    if not query:
        return documents.none()
    if connection.vendor == "postgresql":
        return _postgresql(documents, query)
    return _simple(documents, query)


class Results:
    """The ranked results of a search, for a Paginator: at most `MAX_SHOWN` of them.

    `total` is how many documents match as far as they were counted: `capped` says there are
    more than `total`, `at_least` that there may be more (the LIKE branch was not consulted).
    """

    def __init__(self, documents, total, capped=False, at_least=False):
        self.documents = documents
        self.total = total
        self.capped = capped
        self.at_least = at_least and not capped
        self.shown = min(total, MAX_SHOWN)
        self.limited = capped or total > self.shown

    def count(self):
        return self.shown

    def __len__(self):
        return self.shown

    def __getitem__(self, index):
        if isinstance(index, slice):
            start, stop, _step = index.indices(self.shown)
            return list(self.documents[start:stop])
        return self.documents[index]


def find(query, language):
    """What the search page shows for `query` in `language`: a `Results`."""
    if query and connection.vendor == "postgresql":
        return _bounded_postgresql(_public_documents(language), query)
    documents = search_documents(query, language).only(*SHOWN_FIELDS)
    total = documents[: MAX_COUNT + 1].count()
    return Results(documents, min(total, MAX_COUNT), capped=total > MAX_COUNT)


def matching_object_ids(query, language, kind, limit=None):
    """Ids of the objects of `kind` whose `language` documents match `query`: at most `limit`
    (`MAX_COUNT`), in one query whatever the data.

    For lists that filter by a search (the story list's `?q=`) and order their own way. The
    work is bounded like `find()`'s: on PostgreSQL the word branch (GIN) first, and the
    trigram LIKE branch, whose recheck reads the raw text of every row, only when the words
    found fewer than `MAX_SHOWN` (a one-time filter in the same statement); each branch stops
    at `limit` rows.
    """
    if not query:
        return []
    limit = limit or MAX_COUNT
    if connection.vendor != "postgresql":
        matching = search_documents(query, language).filter(kind=kind).order_by()
        return list(matching.values_list("object_id", flat=True)[:limit])
    documents = _public_documents(language).filter(kind=kind)
    tsquery = _tsquery(query)
    branches = []
    if tsquery is not None:
        branches.append(documents.filter(vector=tsquery))
    phrase = _phrase_condition(query)
    if phrase is not None:
        branches.append(documents.filter(phrase))
    words_sql, words_params = _ids_sql(branches[0], limit)
    if len(branches) == 1:
        sql, params = words_sql, words_params
    else:
        like_sql, like_params = _ids_sql(branches[1], limit)
        sql = (
            f"WITH words AS ({words_sql}) SELECT object_id FROM words UNION ALL "
            f"SELECT object_id FROM ({like_sql}) AS phrase "
            "WHERE (SELECT count(*) FROM words) < %s"
        )
        params = (*words_params, *like_params, MAX_SHOWN)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(dict.fromkeys(row[0] for row in cursor.fetchall()))[:limit]


def _ids_sql(documents, limit):
    return documents.order_by().values("object_id")[:limit].query.sql_with_params()


def _first_ids(documents, condition, limit):
    return list(documents.filter(condition).values_list("pk", flat=True)[:limit])


def _bounded_postgresql(documents, query):
    tsquery = _tsquery(query)
    words = Q(vector=tsquery) if tsquery is not None else None
    like = _phrase_condition(query)
    # The word branch first: cheap through its GIN index, even for a very common word.
    ids = _first_ids(documents, words, MAX_COUNT + 1) if words is not None else []
    total, capped, at_least = min(len(ids), MAX_COUNT), len(ids) > MAX_COUNT, False
    if like is not None and not capped:
        if len(ids) >= MAX_SHOWN:
            # The words fill the shown results already: what only the raw text has ranks
            # below them (but for titles, found below), so skip the costly LIKE recheck.
            at_least = True
        else:
            # Add what only the raw text contains (compounds), counting up to MAX_SHOWN.
            condition = like if words is None else words | like
            ids = _first_ids(documents, condition, MAX_SHOWN + 1)
            total, capped = min(len(ids), MAX_SHOWN), len(ids) > MAX_SHOWN
    if len(ids) <= MAX_SHOWN:
        candidates = ids
    else:
        # Too many to rank them all: rank MAX_SHOWN candidates, the documents whose title
        # contains the query first (they match, through the raw text, and rank first), filled
        # up with the first matches found.
        in_title = []
        if query.phrase:
            in_title = _first_ids(documents, TitleContains(F("title"), query.phrase), MAX_SHOWN)
        candidates = list(dict.fromkeys(in_title + ids))[:MAX_SHOWN]
    ranked = _rank(documents.filter(pk__in=candidates), query, tsquery).only(*SHOWN_FIELDS)
    return Results(ranked, total, capped, at_least)


class TitleContains(Lookup):
    """`lhs ILIKE '%value%'` (PostgreSQL), which a trigram GIN index serves.

    Django's `icontains` compares UPPER(column), which a plain trigram index cannot serve.
    """

    lookup_name = "trigram_icontains"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        pattern = f"%{connection.ops.prep_for_like_query(self.rhs)}%"
        return f"{lhs} ILIKE %s", (*lhs_params, pattern)


def _title_bonus(query):
    if not query.phrase:
        return Value(0.0)
    return Case(
        When(title__icontains=query.phrase, then=Value(1.0)),
        default=Value(0.0),
        output_field=FloatField(),
    )


def _tsquery(query):
    if not query.words:
        return None
    return reduce(
        and_, (SearchQuery(word, config="simple", search_type="plain") for word in query.words)
    )


def _rank(documents, query, tsquery):
    rank = SearchRank(F("vector"), tsquery) if tsquery is not None else Value(0.0)
    return documents.annotate(rank=rank + _title_bonus(query)).order_by(*RANKED_ORDER)


def _postgresql(documents, query):
    tsquery = _tsquery(query)
    condition = Q(pk__in=[])
    if tsquery is not None:
        condition |= Q(vector=tsquery)
    if (phrase := _phrase_condition(query)) is not None:
        condition |= phrase
    return _rank(documents.filter(condition), query, tsquery)


# SQLite ranks by where each word occurs, with PostgreSQL's default weights.
SIMPLE_WEIGHTS = {"words_title": 1.0, "words_excerpt": 0.4, "words_body": 0.2, "words_other": 0.1}


def _simple(documents, query):
    condition = Q(pk__in=[])
    if (phrase := _phrase_condition(query)) is not None:
        condition |= phrase
    if query.words:
        condition |= reduce(and_, (Q(haystack__contains=word) for word in query.words))
    rank = _title_bonus(query)
    for word in query.words:
        for field, weight in SIMPLE_WEIGHTS.items():
            rank += Case(
                When(**{f"{field}__contains": word}, then=Value(weight)),
                default=Value(0.0),
                output_field=FloatField(),
            )
    return documents.filter(condition).annotate(rank=rank).order_by(*RANKED_ORDER)


def _pattern(query):
    terms = [term for term in query.terms if _has_letters(term)]
    if not terms:
        return None
    return re.compile("|".join(re.escape(term) for term in terms), re.IGNORECASE)


def _extend_over_marks(text, end):
    """Move a match end past combining marks, so <mark> never splits a Thai cluster."""
    while end < len(text) and unicodedata.category(text[end]) == "Mn":
        end += 1
    return end


def _marked(text, pattern):
    if pattern is None:
        return escape(text)
    parts = []
    position = 0
    for match in pattern.finditer(text):
        start = match.start()
        if start < position:
            continue
        end = _extend_over_marks(text, match.end())
        parts.append(escape(text[position:start]))
        parts.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    parts.append(escape(text[position:]))
    return "".join(parts)


def highlight(text, query):
    """`text` escaped, with the query's words marked."""
    return mark_safe(_marked(text, _pattern(query)))


def snippet(text, query, length=SNIPPET_LENGTH):
    """A part of `text` around the first match, cut on word boundaries, escaped and marked."""
    pattern = _pattern(query)
    match = pattern.search(text) if pattern else None
    if match is None:
        return mark_safe(escape(thai.shorten(text, length)))
    start, end = thai.window(text, match.start(), match.end(), length)
    marked = _marked(text[start:end], pattern)
    prefix = thai.ELLIPSIS if start > 0 else ""
    suffix = thai.ELLIPSIS if end < len(text) else ""
    return mark_safe(f"{prefix}{marked.strip()}{suffix}")
