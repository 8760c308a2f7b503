"""Form fields that take and show dates in the era of the screen's language.

On a Thai screen a typed year is a Buddhist Era year (25/10/2569 is 25 October 2026) and the
value is shown as one; on an English screen both are Common Era. A year in the other era is
refused with a message naming the year to type (core.dates.typed_year). The database keeps
Common Era dates and years.

The admin's calendar and clock shortcuts write Common Era dates, so these fields use plain
text inputs.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone

from core.dates import (
    MAX_YEAR,
    MIN_YEAR,
    common_era,
    common_era_typed,
    format_date,
    input_text,
    is_year_field,
    screen_language,
    shown_year,
    typed_year,
)


class EraDateInput(forms.DateInput):
    def format_value(self, value):
        if hasattr(value, "strftime"):
            return input_text(value, "DATE_INPUT_FORMATS", screen_language())
        return super().format_value(value)


class EraDateTimeInput(forms.DateTimeInput):
    def format_value(self, value):
        if hasattr(value, "strftime"):
            return input_text(value, "DATETIME_INPUT_FORMATS", screen_language())
        return super().format_value(value)


class EraSplitDateTimeWidget(forms.SplitDateTimeWidget):
    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.widgets = [EraDateInput(attrs=attrs), self.widgets[1]]


class EraYearInput(forms.NumberInput):
    def format_value(self, value):
        if isinstance(value, int):
            return str(shown_year(value, screen_language()))
        return super().format_value(value)


class EraDateField(forms.DateField):
    widget = EraDateInput

    def to_python(self, value):
        return super().to_python(common_era_typed(value, screen_language()))


class EraDateTimeField(forms.DateTimeField):
    widget = EraDateTimeInput

    def to_python(self, value):
        return super().to_python(common_era_typed(value, screen_language()))


class EraSplitDateTimeField(forms.SplitDateTimeField):
    """A date and a time in two inputs; only the date carries a year."""

    widget = EraSplitDateTimeWidget

    def clean(self, value):
        if isinstance(value, list | tuple) and value:
            value = [common_era_typed(value[0], screen_language()), *value[1:]]
        return super().clean(value)


class EraYearField(forms.IntegerField):
    """A year typed in the screen's era, cleaned to Common Era (MIN_YEAR to MAX_YEAR)."""

    widget = EraYearInput

    def to_python(self, value):
        year = super().to_python(value)
        return None if year is None else typed_year(year, screen_language())


class YearField(forms.IntegerField):
    """A Common Era year from a link or filter; a Buddhist Era year is converted."""

    def __init__(self, *, min_value=MIN_YEAR, max_value=MAX_YEAR, **kwargs):
        super().__init__(min_value=min_value, max_value=max_value, **kwargs)

    def to_python(self, value):
        return super().to_python(common_era(value))


def era_form_field(db_field, **kwargs):
    """The era-aware form field for a date, date-time or year model field, else None."""
    if isinstance(db_field, models.DateTimeField):
        form_class = EraSplitDateTimeField
    elif isinstance(db_field, models.DateField):
        form_class = EraDateField
    elif is_year_field(db_field):
        form_class = EraYearField
    else:
        return None
    kwargs.pop("widget", None)
    return db_field.formfield(form_class=form_class, **kwargs)


class EraFieldsAdminMixin:
    """For ModelAdmins and inlines: dates, date-times and years typed and shown in the era of
    the admin's language, in forms and in the change list."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if not db_field.choices:
            field = era_form_field(db_field, **kwargs)
            if field is not None:
                return field
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_list_display(self, request):
        return [era_column(self.model, name) for name in super().get_list_display(request)]


def era_column(model, name):
    """A change-list column or read-only admin field showing a date, date-time or year field
    in the screen's era; any other name is returned as it is."""
    if not isinstance(name, str):
        return name
    try:
        db_field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return name
    if isinstance(db_field, models.DateTimeField):
        format_name = "DATETIME_FORMAT"
    elif isinstance(db_field, models.DateField):
        format_name = "DATE_FORMAT"
    elif is_year_field(db_field):
        format_name = None
    else:
        return name

    @admin.display(description=db_field.verbose_name, ordering=name)
    def column(obj):
        value = getattr(obj, name)
        if value is None:
            return None
        if format_name is None:
            return shown_year(value, screen_language())
        if format_name == "DATETIME_FORMAT":
            value = timezone.localtime(value)
        return format_date(value, format_name, screen_language())

    column.__name__ = name
    return column
