"""Form fields that read dates the way Thai staff type them.

Thai staff write the Buddhist Era year (25/10/2567). Django would store that as the year
2567 CE. These fields read any four-digit year above 2400 as BE and convert it before
parsing, so 29/02/2567 (a leap day in 2024 CE) is accepted too.
"""

from django import forms
from django.db import models

from core.dates import MAX_YEAR, MIN_YEAR, common_era


class BuddhistEraDateField(forms.DateField):
    def to_python(self, value):
        return super().to_python(common_era(value))


class BuddhistEraSplitDateTimeField(forms.SplitDateTimeField):
    """The admin's date + time pair; only the date part carries a year."""

    def clean(self, value):
        if isinstance(value, list | tuple) and value:
            value = [common_era(value[0]), *value[1:]]
        return super().clean(value)


class YearField(forms.IntegerField):
    """A Common Era year between MIN_YEAR and MAX_YEAR; a Buddhist Era year is converted."""

    def __init__(self, *, min_value=MIN_YEAR, max_value=MAX_YEAR, **kwargs):
        super().__init__(min_value=min_value, max_value=max_value, **kwargs)

    def to_python(self, value):
        return super().to_python(common_era(value))


# For ModelAdmin.formfield_overrides (the admin uses split date/time inputs).
BUDDHIST_ERA_DATE_FIELDS = {
    models.DateField: {"form_class": BuddhistEraDateField},
    models.DateTimeField: {"form_class": BuddhistEraSplitDateTimeField},
}
