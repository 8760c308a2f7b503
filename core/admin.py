from django.contrib import admin, messages
from django.db import models
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.content import content_changed

# Django 5.2's forms.URLField warns (RemovedInDjango60Warning) unless told which scheme to
# add to an address typed without one; Django 6.0 will default to https, as we do now.
HTTPS_URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


class EnglishTranslationFilter(admin.SimpleListFilter):
    """Lets staff find what is written in Thai but still waits for English."""

    title = _("English translation")
    parameter_name = "english"

    def lookups(self, request, model_admin):
        return [("missing", _("Missing")), ("complete", _("Complete"))]

    def queryset(self, request, queryset):
        missing = queryset.model.missing_english_q()
        if self.value() == "missing":
            return queryset.filter(missing)
        if self.value() == "complete":
            return queryset.exclude(missing)
        return queryset


class TranslationStatusAdminMixin:
    """A list column and filter showing which objects still lack English."""

    @admin.display(description=_("English"), boolean=True)
    def has_english(self, obj):
        return not obj.fields_missing_english()


class PublishActionsMixin:
    """Bulk publish/unpublish for models with an `is_published` flag."""

    actions = ["publish_selected", "unpublish_selected"]

    @admin.action(description=_("Publish selected items"), permissions=["change"])
    def publish_selected(self, request, queryset):
        updated = queryset.update(is_published=True)
        content_changed(queryset)  # update() bypasses save() and its signals
        self.message_user(
            request,
            ngettext("%(count)d item published.", "%(count)d items published.", updated)
            % {"count": updated},
            messages.SUCCESS,
        )

    @admin.action(description=_("Unpublish selected items"), permissions=["change"])
    def unpublish_selected(self, request, queryset):
        updated = queryset.update(is_published=False)
        content_changed(queryset)  # update() bypasses save() and its signals
        self.message_user(
            request,
            ngettext("%(count)d item unpublished.", "%(count)d items unpublished.", updated)
            % {"count": updated},
            messages.SUCCESS,
        )


def thumbnail(image, alt=""):
    if not image:
        return "—"
    return format_html(
        '<img src="{}" alt="{}" width="80" height="60" style="object-fit:cover">', image.url, alt
    )
