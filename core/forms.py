"""Form fields that take and show dates in the era of the screen's language.

On a Thai screen a typed year is a Buddhist Era year (25/10/2569 is 25 October 2026) and the
value is shown as one; on an English screen both are Common Era. A year in the other era is
refused with a message naming the year to type (core.dates.typed_year). The database keeps
Common Era dates and years.

In the admin the date inputs keep Django's calendar, which static/js/admin-era-calendar.js
turns to the Buddhist Era on Thai screens: it shows and inserts the year these fields read.
"""

import functools

from django import forms
from django.contrib import admin
from django.contrib.admin import widgets as admin_widgets
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone

from core.dates import (
    MAX_YEAR,
    MIN_YEAR,
    ascii_digits,
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


class AdminEraDateInput(EraDateInput, admin_widgets.AdminDateWidget):
    """The admin's date input with its calendar, in the screen's era."""

    class Media:
        js = ["js/admin-era-calendar.js"]


class AdminEraSplitDateTime(admin_widgets.AdminSplitDateTime):
    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.widgets = [AdminEraDateInput(attrs=attrs), self.widgets[1]]


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
            value = [common_era_typed(value[0], screen_language()), *map(ascii_digits, value[1:])]
        return super().clean(value)


class EraYearField(forms.IntegerField):
    """A year typed in the screen's era, cleaned to Common Era (MIN_YEAR to MAX_YEAR)."""

    widget = EraYearInput

    def to_python(self, value):
        year = super().to_python(ascii_digits(value))
        return None if year is None else typed_year(year, screen_language())


class YearField(forms.IntegerField):
    """A Common Era year from a link or filter; a Buddhist Era year is converted."""

    def __init__(self, *, min_value=MIN_YEAR, max_value=MAX_YEAR, **kwargs):
        super().__init__(min_value=min_value, max_value=max_value, **kwargs)

    def to_python(self, value):
        return super().to_python(common_era(value))


ADMIN_WIDGETS = {EraSplitDateTimeField: AdminEraSplitDateTime, EraDateField: AdminEraDateInput}


def era_form_field(db_field, *, admin_widget=False, **kwargs):
    """The era-aware form field for a date, date-time or year model field, else None; with
    `admin_widget`, dates come with the admin's calendar."""
    if isinstance(db_field, models.DateTimeField):
        form_class = EraSplitDateTimeField
    elif isinstance(db_field, models.DateField):
        form_class = EraDateField
    elif is_year_field(db_field):
        form_class = EraYearField
    else:
        return None
    kwargs.pop("widget", None)
    if admin_widget and form_class in ADMIN_WIDGETS:
        kwargs["widget"] = ADMIN_WIDGETS[form_class]
    return db_field.formfield(form_class=form_class, **kwargs)


class DisplayColumnsAdminMixin:
    """For ModelAdmins and inlines: each list column and read-only field is shown by
    `display_column(name)` (a cached callable, or the name itself to leave it to Django)."""

    def display_column(self, name):
        return name

    def get_list_display(self, request):
        return [self.display_column(name) for name in super().get_list_display(request)]

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        return [self.display_column(name) for name in readonly]

    def get_fieldsets(self, request, obj=None):
        # The fieldsets must name a read-only field by what shows it; the admin matches the two
        # by identity, hence cached callables. Viewed without the right to change, every field
        # is read-only.
        readonly = self.get_readonly_fields(request, obj)
        view_only = obj is not None and not self.has_change_permission(request, obj)

        def shown(name):
            if isinstance(name, list | tuple):
                return type(name)(map(shown, name))
            column = self.display_column(name)
            return column if column is not name and (view_only or column in readonly) else name

        return [
            (title, {**options, "fields": [shown(name) for name in options["fields"]]})
            for title, options in super().get_fieldsets(request, obj)
        ]

    def get_form(self, request, obj=None, **kwargs):
        # What a read-only field's callable shows is no form field.
        if kwargs.get("fields") is not None:
            kwargs["fields"] = [name for name in kwargs["fields"] if isinstance(name, str)]
        return super().get_form(request, obj, **kwargs)


class EraFieldsAdminMixin(DisplayColumnsAdminMixin):
    """For ModelAdmins and inlines: dates, date-times and years typed and shown in the era of
    the admin's language, in forms (read-only ones too) and in the change list."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if not db_field.choices:
            field = era_form_field(db_field, admin_widget=True, **kwargs)
            if field is not None:
                return field
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def display_column(self, name):
        return era_column(self.model, super().display_column(name))


@functools.cache
def era_column(model, name):
    """A change-list column or read-only admin field showing a date, date-time or year field
    in the screen's era; any other name is returned as it is (cached: the admin matches a
    read-only field by identity)."""
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
            # What the admin shows for an empty value (a read-only field would show "None").
            return admin.site.empty_value_display
        if format_name is None:
            return shown_year(value, screen_language())
        if format_name == "DATETIME_FORMAT":
            value = timezone.localtime(value)
        return format_date(value, format_name, screen_language())

    column.__name__ = name
    return column
