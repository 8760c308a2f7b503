from django.utils.translation import gettext
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.utils.urls import replace_query_param

from core.siteurl import absolute_url

MAX_PAGE = 100_000


class PagePagination(PageNumberPagination):
    """`?page=` and `?page_size=` (at most 200). A malformed value is a 400, a page past
    the end a 404: never a silent default that hides the caller's mistake."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def _positive_ints(self, request):
        """`page` and `page_size` as given (None when absent); a 400 naming every one that is
        not a whole number in its range."""
        values, errors = {}, {}
        for name, maximum in (("page", MAX_PAGE), ("page_size", self.max_page_size)):
            raw = request.query_params.get(name)
            if raw is None:
                values[name] = None
            elif raw.isascii() and raw.isdigit() and 1 <= int(raw) <= maximum:
                values[name] = int(raw)
            else:
                errors[name] = [
                    gettext("A whole number from 1 to %(maximum)s.") % {"maximum": maximum}
                ]
        if errors:
            raise ValidationError(errors)
        return values

    def get_page_size(self, request):
        return self._positive_ints(request)["page_size"] or self.page_size

    def paginate_queryset(self, queryset, request, view=None):
        values = self._positive_ints(request)
        number = values["page"] or 1
        self.request = request
        paginator = self.django_paginator_class(queryset, values["page_size"] or self.page_size)
        if number > max(paginator.num_pages, 1):
            raise NotFound(gettext("There is no such page."))
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
