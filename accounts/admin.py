"""django-axes' sign-in records in the reader's language: each record named in words, its
times in the screen's era, and the "<unknown>" axes stores for a missing header translated."""

from axes import admin as axes_admin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext

from core.admin import ObjectNameAdminMixin
from core.dates import format_date, screen_language
from core.forms import EraFieldsAdminMixin, era_column

# What django-axes records when a request lacks the header (axes.helpers).
UNKNOWN = "<unknown>"
REQUEST_DETAILS = ("user_agent", "path_info", "http_accept")
_request_columns = {}


def request_detail_column(model, name):
    """A column or read-only field showing a request detail, "<unknown>" in words."""
    key = model, name
    if key not in _request_columns:

        @admin.display(description=model._meta.get_field(name).verbose_name, ordering=name)
        def column(obj):
            value = getattr(obj, name)
            return gettext("unknown") if value == UNKNOWN else value

        column.__name__ = name
        _request_columns[key] = column
    return _request_columns[key]


class RequestDetailFilter(admin.AllValuesFieldListFilter):
    def choices(self, changelist):
        for choice in super().choices(changelist):
            if choice["display"] == UNKNOWN:
                choice = {**choice, "display": gettext("unknown")}
            yield choice


class SignInRecordAdminMixin(ObjectNameAdminMixin, EraFieldsAdminMixin):
    def get_list_filter(self, request):
        return [
            (name, RequestDetailFilter) if name in REQUEST_DETAILS else name
            for name in super().get_list_filter(request)
        ]

    def display_column(self, name):
        if name in REQUEST_DETAILS:
            return request_detail_column(self.model, name)
        return era_column(self.model, name)

    def person(self, obj):
        return obj.username or gettext("unknown")

    def attempt_time_shown(self, obj):
        return format_date(
            timezone.localtime(obj.attempt_time), "DATETIME_FORMAT", screen_language()
        )


class SignInLogAdmin(SignInRecordAdminMixin, axes_admin.AccessLogAdmin):
    def object_name(self, log):
        return gettext("Sign-in by %(username)s, %(time)s") % {
            "username": self.person(log),
            "time": self.attempt_time_shown(log),
        }


class FailedSignInLogAdmin(SignInRecordAdminMixin, axes_admin.AccessFailureLogAdmin):
    def object_name(self, log):
        return gettext("Failed sign-in by %(username)s, %(time)s") % {
            "username": self.person(log),
            "time": self.attempt_time_shown(log),
        }


class FailedSignInsAdmin(SignInRecordAdminMixin, axes_admin.AccessAttemptAdmin):
    def object_name(self, attempt):
        return gettext("Failed sign-ins by %(username)s") % {"username": self.person(attempt)}


for model, model_admin in (
    (AccessLog, SignInLogAdmin),
    (AccessFailureLog, FailedSignInLogAdmin),
    (AccessAttempt, FailedSignInsAdmin),
):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
        admin.site.register(model, model_admin)
