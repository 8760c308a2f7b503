"""The open data API: read-only lists of published content, as JSON pages or whole CSV files.

Each list filters like the public pages (city, region, programme, kind, tag). A filter value
that is malformed is answered with 400; one that names nothing gives an empty list.
"""

import csv
import unicodedata

from django.core.validators import RegexValidator
from django.db.models import Count, Prefetch, Q
from django.http import HttpResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.generics import ListAPIView

from cities.models import City, Programme, Region
from core.spreadsheets import formula_safe
from opendata import serializers as api
from projects.models import Person, ResearchProject, SubProject
from stories.models import Story, StoryKind
from tags.slugs import TAG_SLUG_PATTERN, validate_tag_slug

CSV_MAX_ROWS = 20_000

# The error bodies, as DRF writes them. A malformed query parameter: each parameter at fault,
# with its messages (Thai by default, like the site).
PARAMETER_ERRORS = OpenApiResponse(
    {
        "type": "object",
        "additionalProperties": {"type": "array", "items": {"type": "string"}, "minItems": 1},
        "minProperties": 1,
        "example": {"region": ['"atlantis" is not a valid choice.']},
    },
    description="Malformed query parameters, each with its messages.",
)
# Anything else that goes wrong (a page past the end, a method or an Accept header the API
# does not serve): one message.
ERROR = inline_serializer("Error", {"detail": serializers.CharField()})
NOT_FOUND = OpenApiResponse(ERROR, description="A page past the end.")
NOT_ACCEPTABLE = OpenApiResponse(
    ERROR, description="The Accept header allows no type this list is served in."
)
# Answered by the web server in front of the API, before the API reads the request.
URI_TOO_LONG = OpenApiResponse(
    description="A request line longer than the web server reads (about 4 KB), "
    "with the server's own body."
)


class SlugFilter(serializers.SlugField):
    """A slug exactly as given. DRF would trim whitespace (control characters and no-break
    spaces among it) and its pattern's `$` allows a line end after the slug: both would let
    through a value the schema's pattern refuses."""

    def __init__(self, **kwargs):
        super().__init__(trim_whitespace=False, **kwargs)
        # Written with \Z, which the schema states as `$`: the same pattern for both.
        self.validators[-1] = RegexValidator(
            r"^[-a-zA-Z0-9_]+\Z", message=self.error_messages["invalid"]
        )


def slug_filter(help_text):
    return SlugFilter(required=False, allow_blank=True, max_length=120, help_text=help_text)


TAG_FILTER_MAX_LENGTH = 120


# As drf-spectacular would state it (the pattern in ASCII, as it writes a RegexValidator's), but
# `anyOf`: the pattern matches the empty string too, and an empty value matching both choices
# of a `oneOf` would read as invalid.
@extend_schema_field(
    {
        "anyOf": [
            {
                "type": "string",
                "maxLength": TAG_FILTER_MAX_LENGTH,
                "pattern": TAG_SLUG_PATTERN.encode("ascii", "backslashreplace").decode(),
            },
            {"type": "string", "maxLength": 0},
        ]
    }
)
class TagSlugFilter(serializers.CharField):
    """A tag's slug keeps Thai vowels and tone marks (tags.slugs), which SlugField refuses.
    Marks typed in another order are read in NFC, the order the slugs are stored in."""

    def to_internal_value(self, data):
        return unicodedata.normalize("NFC", super().to_internal_value(data))


def tag_slug_filter():
    return TagSlugFilter(
        required=False,
        allow_blank=True,
        trim_whitespace=False,
        max_length=TAG_FILTER_MAX_LENGTH,
        validators=[
            RegexValidator(
                TAG_SLUG_PATTERN,
                _("A tag’s address has only letters, vowel and tone marks, digits, - and _."),
            ),
            validate_tag_slug,
        ],
        help_text="A tag's slug.",
    )


class CityFilters(serializers.Serializer):
    region = serializers.ChoiceField(choices=Region.choices, required=False, allow_blank=True)
    programme = slug_filter("A programme's slug.")


class ProjectFilters(CityFilters):
    city = slug_filter("A city's slug.")
    tag = tag_slug_filter()


class SubProjectFilters(CityFilters):
    city = slug_filter("A city's slug.")
    project = slug_filter("A research project's slug.")


class PersonFilters(serializers.Serializer):
    city = slug_filter("A city's slug.")


class StoryFilters(CityFilters):
    city = slug_filter("A city's slug.")
    kind = serializers.ChoiceField(choices=StoryKind.choices, required=False, allow_blank=True)
    tag = tag_slug_filter()


class OpenDataListView(ListAPIView):
    """A list of one kind of published object; `as_csv` serves all of it as one CSV file."""

    filters_class = serializers.Serializer
    # Query-string filter name → queryset lookup.
    lookups = {}
    csv_name = ""
    as_csv = False

    def parameter_names(self):
        names = list(self.filters_class().fields)
        if self.paginator is not None:
            names += [self.paginator.page_query_param, self.paginator.page_size_query_param]
        return names

    def check_each_parameter_given_once(self):
        """The schema declares one value per parameter: `?page=1&page=2` is a 400 rather than
        a silent pick of one of them."""
        repeated = {
            name: [gettext("Give this parameter once.")]
            for name in self.parameter_names()
            if len(self.request.query_params.getlist(name)) > 1
        }
        if repeated:
            raise ValidationError(repeated)

    def filter_values(self):
        """The valid filters given, validated by a DRF serializer rather than a django-filter
        FilterSet: a FilterSet validates with a Django form, whose messages differ from those
        the API has always answered ("Select a valid choice. atlantis is not one of the
        available choices." for '"atlantis" is not a valid choice.', and in Thai likewise), and
        whose OpenAPI parameters would lose their slug pattern and maximum length."""
        self.check_each_parameter_given_once()
        filters = self.filters_class(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        return {name: value for name, value in filters.validated_data.items() if value}

    def get_queryset(self):
        queryset = self.base_queryset()
        for name, value in self.filter_values().items():
            queryset = queryset.filter(**{self.lookups[name]: value})
        return queryset

    def list(self, request, *args, **kwargs):
        if not self.as_csv:
            return super().list(request, *args, **kwargs)
        serializer = self.get_serializer(self.get_queryset()[:CSV_MAX_ROWS], many=True)
        return csv_response(serializer.data, self.csv_name, csv_columns(serializer.child))


# Every cell is safe from formula injection, as the admin's spreadsheet exports are.
cell = formula_safe


def flatten(row):
    """One CSV row: {"th", "en"} pairs become name_th, name_en; lists are joined with ";"."""
    flat = {}
    for key, value in row.items():
        if isinstance(value, dict) and set(value) == {"th", "en"}:
            flat[f"{key}_th"], flat[f"{key}_en"] = cell(value["th"]), cell(value["en"])
        elif isinstance(value, list):
            flat[key] = cell(
                "; ".join(
                    str(item["programme"]) if isinstance(item, dict) else str(item)
                    for item in value
                )
            )
        else:
            flat[key] = cell(value)
    return flat


def csv_columns(serializer):
    """The CSV header of `serializer`'s rows, as `flatten` names them: known without a row, so
    an empty list still has its header."""
    columns = []
    for name, field in serializer.fields.items():
        if isinstance(field, (api.TranslatedField, api.PageUrlField)):
            columns += [f"{name}_th", f"{name}_en"]
        else:
            columns.append(name)
    return columns


def csv_response(rows, name, columns):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="wecitizens-{name}.csv"'
    # A byte-order mark, so spreadsheet programs read the Thai as UTF-8.
    response.write("\ufeff")
    writer = csv.DictWriter(response, fieldnames=columns)
    writer.writeheader()
    writer.writerows(flatten(row) for row in rows)
    return response


def documented(summary, filters, serializer_class):
    return extend_schema(
        summary=summary,
        description=f"{summary}. Also as one CSV file: the same address with `.csv` "
        "instead of the final `/`.",
        parameters=[filters] if filters.__name__ != "Serializer" else [],
        responses={
            200: serializer_class(many=True),
            400: PARAMETER_ERRORS,
            404: NOT_FOUND,
            406: NOT_ACCEPTABLE,
            414: URI_TOO_LONG,
        },
    )


class CsvFileMixin:
    """The whole list as one CSV file, unpaged.

    The file is written without a DRF renderer, so the Accept header decides nothing: a client
    asking for text/csv gets it, and an error is answered in JSON whatever it asked for.
    """

    as_csv = True
    pagination_class = None

    def perform_content_negotiation(self, request, force=False):
        return super().perform_content_negotiation(request, force=True)


def csv_file_view(name, view, summary, filters):
    """The CSV twin of the list `view`, documented in the schema."""
    csv_view = type(f"{view.__name__}Csv", (CsvFileMixin, view), {})
    # On the method: an operation id on a whole view class is a drf-spectacular warning.
    get = extend_schema(
        operation_id=f"{name}_csv",
        summary=f"{summary} (CSV)",
        description=f"{summary}, all of them (at most {CSV_MAX_ROWS:,}) as one CSV file: UTF-8 "
        "with a byte-order mark, a header row (also when empty), `_th` and `_en` columns for "
        "text in both languages, lists joined with `; `.",
        parameters=[filters] if filters.__name__ != "Serializer" else [],
        responses={
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="The CSV file."),
            400: PARAMETER_ERRORS,
            414: URI_TOO_LONG,
        },
    )
    return extend_schema_view(get=get)(csv_view)


class ProgrammeList(OpenDataListView):
    serializer_class = api.ProgrammeSerializer
    csv_name = "programmes"

    def base_queryset(self):
        return Programme.objects.annotate(
            city_count=Count(
                "memberships", filter=Q(memberships__city__is_published=True), distinct=True
            )
        ).order_by("order", "start_year", "pk")


class CityList(OpenDataListView):
    serializer_class = api.CitySerializer
    filters_class = CityFilters
    lookups = {"region": "region", "programme": "memberships__programme__slug"}
    csv_name = "cities"

    def base_queryset(self):
        return City.objects.published().prefetch_related("memberships__programme").order_by("pk")


class ProjectList(OpenDataListView):
    serializer_class = api.ProjectSerializer
    filters_class = ProjectFilters
    lookups = {
        "region": "city__region",
        "programme": "programme__slug",
        "city": "city__slug",
        "tag": "tags__slug",
    }
    csv_name = "projects"

    def base_queryset(self):
        return (
            ResearchProject.objects.published()
            .select_related("city", "programme", "lead")
            .prefetch_related("tags")
            .order_by("pk")
        )


class SubProjectList(OpenDataListView):
    serializer_class = api.SubProjectSerializer
    filters_class = SubProjectFilters
    lookups = {
        "region": "project__city__region",
        "programme": "project__programme__slug",
        "city": "project__city__slug",
        "project": "project__slug",
    }
    csv_name = "subprojects"

    def base_queryset(self):
        return (
            SubProject.objects.filter(project__in=ResearchProject.objects.published())
            .select_related("project__city", "lead")
            .order_by("pk")
        )


class PersonList(OpenDataListView):
    serializer_class = api.PersonSerializer
    filters_class = PersonFilters
    lookups = {"city": "city__slug"}
    csv_name = "people"

    def base_queryset(self):
        return Person.objects.published().select_related("city").order_by("pk")


class StoryList(OpenDataListView):
    serializer_class = api.StorySerializer
    filters_class = StoryFilters
    lookups = {
        "region": "city__region",
        "programme": "city__memberships__programme__slug",
        "city": "city__slug",
        "kind": "kind",
        "tag": "tags__slug",
    }
    csv_name = "stories"

    def base_queryset(self):
        return (
            Story.objects.published()
            .select_related("city")
            .prefetch_related(
                "tags",
                Prefetch(
                    "projects",
                    queryset=ResearchProject.objects.published().order_by("pk"),
                    to_attr="public_projects",
                ),
            )
            .with_public_people()
            .newest_first()
        )


LIST_VIEWS = {
    "programmes": (ProgrammeList, "Published programmes", serializers.Serializer),
    "cities": (CityList, "Published cities", CityFilters),
    "projects": (ProjectList, "Published research projects", ProjectFilters),
    "subprojects": (
        SubProjectList,
        "Sub-projects of published research projects",
        SubProjectFilters,
    ),
    "people": (PersonList, "Published people", PersonFilters),
    "stories": (StoryList, "Published stories, newest first", StoryFilters),
}

for _name, (_view, _summary, _filters) in LIST_VIEWS.items():
    documented(_summary, _filters, _view.serializer_class)(_view)

CSV_VIEWS = {
    name: csv_file_view(name, view, summary, filters)
    for name, (view, summary, filters) in LIST_VIEWS.items()
}
