from datetime import date

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from import_export.forms import ImportForm

from core import spreadsheets
from core.content import content_changed

# Django 5.2's forms.URLField warns (RemovedInDjango60Warning) unless told which scheme to
# add to an address typed without one; Django 6.0 will default to https, as we do now.
HTTPS_URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}

BOOLEAN_ICONS = {True: "yes", False: "no", None: "unknown"}
BOOLEAN_ICON_TEXT = {True: _("Yes"), False: _("No"), None: _("Unknown")}


def boolean_icon(value):
    """The admin's yes/no icon with its text in the reader's language. Django's own writes
    Python's True, False or None as the image's text, in English on every screen;
    core.apps puts this one in its place."""
    icon = static(f"admin/img/icon-{BOOLEAN_ICONS[value]}.svg")
    return format_html('<img src="{}" alt="{}">', icon, BOOLEAN_ICON_TEXT[value])


class ObjectNameAdminMixin:
    """For objects whose `str()` is not for people on every screen (a group's stored English
    name, a library's English sentence): the admin titles them with `object_name(obj)`, in the
    change form, the history page, the breadcrumbs and the list's checkboxes."""

    change_form_template = "admin/named_object/change_form.html"
    object_history_template = "admin/named_object/object_history.html"

    def object_name(self, obj):
        return str(obj)

    def action_checkbox(self, obj):
        label = format_html(gettext("Select this object for an action - {}"), self.object_name(obj))
        checkbox = forms.CheckboxInput({"class": "action-select", "aria-label": label})
        return checkbox.render(helpers.ACTION_CHECKBOX_NAME, str(obj.pk))

    def _object_context(self, request, object_id):
        obj = self.get_object(request, unquote(object_id)) if object_id else None
        return obj, ({} if obj is None else {"object_label": self.object_name(obj)})

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj, context = self._object_context(request, object_id)
        if obj is not None:
            context["subtitle"] = context["object_label"]
        return super().change_view(
            request, object_id, form_url, {**context, **(extra_context or {})}
        )

    def history_view(self, request, object_id, extra_context=None):
        obj, context = self._object_context(request, object_id)
        if obj is not None:
            context["title"] = gettext("Change history: %s") % context["object_label"]
        return super().history_view(request, object_id, {**context, **(extra_context or {})})


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


class SpreadsheetImportForm(ImportForm):
    """The admin's upload form, refusing a file over the size limit before it is read."""

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        limit = settings.WECITIZENS_MAX_SPREADSHEET_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is larger than %(size)s.") % {"size": filesizeformat(limit)}
            )
        return upload


class SheetImportExportMixin(ImportExportMixin):
    """XLSX and CSV import and export on a model's admin list, through its `resource_classes`
    (a `core.spreadsheets.SheetResource`).

    An upload is first read and imported as a dry run, and every row is shown: new, changed
    (with what changes) or unchanged, or its errors; confirming imports it for real. A file
    that cannot be imported is answered 400 with the reasons. Importing needs the model's
    change permission (and its add permission for new rows), exporting its view permission.
    """

    import_form_class = SpreadsheetImportForm
    import_template_name = "admin/import_export/import.html"

    def get_import_formats(self):
        return spreadsheets.FORMATS

    def get_export_formats(self):
        return spreadsheets.FORMATS

    def has_import_permission(self, request):
        return self.resource_classes[0].may_import(request.user)

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def add_data_read_fail_error_to_form(self, form, error):
        if isinstance(error, spreadsheets.SpreadsheetError):
            form.add_error("import_file", str(error))
        else:
            form.add_error(
                "import_file",
                _("The file could not be read as a spreadsheet of the chosen format."),
            )

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        if request.method == "POST" and isinstance(response, TemplateResponse):
            context = response.context_data
            result = context.get("result")
            if context["form"].errors or (
                result is not None and not spreadsheets.import_succeeded(result)
            ):
                response.status_code = 400
        return response

    def process_import(self, request, **kwargs):
        """The confirmed import; a confirmation whose file is gone or was tampered with is
        answered 400, not 500."""
        if request.method == "POST":
            try:
                index = int(request.POST.get("format", ""))
                self.get_import_formats()[index]
            except (ValueError, IndexError):
                return self._import_refused(request, _("Choose CSV or XLSX."))
        try:
            return super().process_import(request, **kwargs)
        except (OSError, spreadsheets.SpreadsheetError):
            return self._import_refused(
                request, _("The uploaded file is no longer available. Upload it again.")
            )

    def _import_refused(self, request, message, result=None):
        context = self.admin_site.each_context(request)
        context.update(
            title=_("Import"),
            form=self.create_import_form(request),
            opts=self.model._meta,
            result=result,
            import_error_display=self.import_error_display,
            fields_list=[],
        )
        messages.error(request, message)
        response = TemplateResponse(request, [self.import_template_name], context)
        response.status_code = 400
        return response

    def process_result(self, result, request):
        if not spreadsheets.import_succeeded(result):
            # The rows changed since the preview: nothing was written.
            return self._import_refused(request, _("Nothing was imported."), result)
        return super().process_result(result, request)

    def add_success_message(self, result, request):
        totals = spreadsheets.import_totals(result)
        messages.success(
            request,
            _("Import finished: %(new)d new, %(updated)d changed and %(unchanged)d unchanged rows.")
            % {
                "new": totals["new"],
                "updated": totals["update"],
                "unchanged": totals["skip"],
            },
        )

    def get_export_data(self, file_format, request, queryset, **kwargs):
        if not self.has_export_permission(request):
            raise PermissionDenied
        data = self.get_data_for_export(
            request,
            queryset,
            force_native_type=isinstance(file_format, spreadsheets.XLSX),
            **kwargs,
        )
        data.title = self.resource_classes[0].sheet_name
        return file_format.export_data(data)

    def get_export_filename(self, request, queryset, file_format):
        name = self.resource_classes[0].sheet_name
        return f"wecitizens-{name}-{date.today():%Y-%m-%d}.{file_format.get_extension()}"
