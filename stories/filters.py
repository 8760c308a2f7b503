"""The story list's filters: city, region, kind, tag, person, year and a search, from the URL.

A value that matches nothing public (an unknown slug, a region that does not exist, a year out
of range) is ignored rather than answered with an error, so an old shared link still works.
"""

import django_filters
from django.utils.translation import gettext_lazy as _

from cities.models import City, Region
from core.forms import YearField
from core.i18n import active_content_language
from projects.models import Person
from search.models import ResultKind
from search.query import Query, matching_object_ids
from stories.models import StoryKind
from tags.models import Tag


class YearFilter(django_filters.NumberFilter):
    field_class = YearField


class StoryFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_search", max_length=200, label=_("Search"))
    city = django_filters.ModelChoiceFilter(
        queryset=City.objects.published(), to_field_name="slug", label=_("City")
    )
    region = django_filters.ChoiceFilter(
        field_name="city__region", choices=Region.choices, label=_("Region")
    )
    kind = django_filters.ChoiceFilter(choices=StoryKind.choices, label=_("Kind"))
    tag = django_filters.ModelChoiceFilter(
        field_name="tags", queryset=Tag.objects.public(), to_field_name="slug", label=_("Tag")
    )
    person = django_filters.ModelChoiceFilter(
        method="filter_person",
        queryset=Person.objects.published(),
        to_field_name="slug",
        label=_("Person"),
    )
    year = YearFilter(
        field_name="published_at",
        lookup_expr="year",
        label=_("Year"),
    )

    def filter_search(self, queryset, name, value):
        """Stories matching the search, bounded like the search page: a very common word
        narrows the list to the first `search.query.MAX_COUNT` stories found, not to all."""
        query = Query(value)
        if not query:
            return queryset
        ids = matching_object_ids(query, active_content_language(), ResultKind.STORY)
        return queryset.filter(pk__in=ids)

    def filter_person(self, queryset, name, person):
        return queryset.featuring(person)

    @property
    def active(self):
        """The valid filters given, by name: {"city": <City>, "kind": "news", …}."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {
            name: value
            for name, value in self.form.cleaned_data.items()
            if value not in (None, "") and name not in self.form.errors
        }
