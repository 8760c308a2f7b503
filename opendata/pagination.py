from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.utils.urls import replace_query_param

from wecitizens.siteurl import absolute_url

MAX_PAGE = 100_000


class PagePagination(PageNumberPagination):
    """`?page=` and `?page_size=` (at most 200). A malformed value is a 400, a page past
    the end a 404: never a silent default that hides the caller's mistake."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def _positive_int(self, request, name, maximum):
        raw = request.query_params.get(name)
        if raw is None:
            return None
        if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= maximum:
            raise ValidationError({name: [f"A whole number from 1 to {maximum}."]})
        return int(raw)

    def get_page_size(self, request):
        return self._positive_int(request, "page_size", self.max_page_size) or self.page_size

    def paginate_queryset(self, queryset, request, view=None):
        number = self._positive_int(request, "page", MAX_PAGE) or 1
        self.request = request
        paginator = self.django_paginator_class(queryset, self.get_page_size(request))
        if number > max(paginator.num_pages, 1):
            raise NotFound({"page": ["There is no such page."]})
        self.page = paginator.page(number)
        return list(self.page)

    def get_next_link(self):
        if not self.page.has_next():
            return None
        url = absolute_url(self.request)
        return replace_query_param(url, self.page_query_param, self.page.next_page_number())

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": "page",
                "required": False,
                "in": "query",
                "description": "Page number, from 1.",
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE},
            },
            {
                "name": "page_size",
                "required": False,
                "in": "query",
                "description": f"Rows per page (default {self.page_size}).",
                "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size},
            },
        ]
