"""Form fields that read dates the way Thai staff type them.

Thai staff write the Buddhist Era year (25/10/2567). Django would store that as the year
2567 CE. These fields read any four-digit year above 2400 as BE and convert it before
parsing, so 29/02/2567 (a leap day in 2024 CE) is accepted too.
"""

import re

from django import forms
from django.db import models

BUDDHIST_ERA_OFFSET = 543
BUDDHIST_ERA_THRESHOLD = 2400
FOUR_DIGIT_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")


def common_era(value):
    """A typed date string with a Buddhist Era year (above 2400) turned into Common Era."""
    if not isinstance(value, str):
        return value

    def convert(match):
        year = int(match.group(1))
        return str(year - BUDDHIST_ERA_OFFSET) if year > BUDDHIST_ERA_THRESHOLD else match.group(1)

    return FOUR_DIGIT_YEAR.sub(convert, value)


class BuddhistEraDateField(forms.DateField):
    def to_python(self, value):
        return super().to_python(common_era(value))


class BuddhistEraDateTimeField(forms.DateTimeField):
    def to_python(self, value):
        return super().to_python(common_era(value))


class BuddhistEraSplitDateTimeField(forms.SplitDateTimeField):
    """The admin's date + time pair; only the date part carries a year."""

    def clean(self, value):
        if isinstance(value, list | tuple) and value:
            value = [common_era(value[0]), *value[1:]]
        return super().clean(value)


# For ModelAdmin.formfield_overrides (the admin uses split date/time inputs).
BUDDHIST_ERA_DATE_FIELDS = {
    models.DateField: {"form_class": BuddhistEraDateField},
    models.DateTimeField: {"form_class": BuddhistEraSplitDateTimeField},
}
