from django.conf import settings
from django.core.paginator import Paginator
from django.utils.cache import add_never_cache_headers
from django.utils.functional import cached_property


class PublishedObjectMixin:
    """Detail views show published objects; staff also see unpublished ones, to preview them.

    A staff preview is never cached and is flagged so the page can say it is not public.
    """

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.request.user.is_staff:
            return queryset
        return queryset.published()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_preview"] = self.request.user.is_staff and not self.object_is_public(
            self.object
        )
        return context

    def object_is_public(self, obj):
        return type(obj).objects.published().filter(pk=obj.pk).exists()

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        if request.user.is_staff:
            add_never_cache_headers(response)
        return response


def first_rows(queryset, count):
    """(the first `count` rows of `queryset`, whether it has more): one query, reading one
    row more than is shown instead of counting them all."""
    rows = list(queryset[: count + 1])
    return rows[:count], len(rows) > count


def query_param(request, name, max_length=200):
    """A query-string value, or "" when it is absent, too long or holds a NUL character.

    PostgreSQL refuses NUL characters in text, so such a value must never reach a filter.
    """
    value = request.GET.get(name, "")
    if len(value) > max_length or "\x00" in value:
        return ""
    return value


class BoundedPaginator(Paginator):
    """A paginator whose cost does not grow with the table.

    It counts at most `max_pages` pages of rows (`COUNT(*)` over a `LIMIT` subquery), so
    neither the count nor the deepest `OFFSET` ever reads more than that many rows, whether
    the table holds a hundred stories or a hundred thousand. Older stories stay reachable
    through the filters, tags, cities, search, feeds and the sitemap.
    """

    @cached_property
    def count(self):
        limit = self.per_page * settings.WECITIZENS_MAX_LIST_PAGES
        # Which rows fall under the limit does not change how many there are, so the count
        # need not sort (sorting 100,000 stories by date costs ~70 ms; counting them, ~2 ms),
        # nor read the rows' annotations (the city list's counts).
        return self.object_list.order_by().values("pk")[:limit].count()


class BoundedPaginationMixin:
    """`?page=abc` shows the first page and `?page=99999` the last, instead of an error."""

    paginator_class = BoundedPaginator

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()
