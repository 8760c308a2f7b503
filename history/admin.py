"""Version history, restore and conflict detection for the content admins.

Each content app's admin lists `HistoryAdminMixin` among its bases (cities, projects, stories).
"""

from contextlib import contextmanager
from dataclasses import dataclass

import reversion
from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.core import checks
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.timezone import template_localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from reversion.admin import VersionAdmin
from reversion.models import Version
from reversion.revisions import set_comment

from core.dates import format_date, screen_language
from history.versions import version_before_delete, version_differences

EDIT_TOKEN = "_edit_token"
RESTORING = "_restoring_version"


@dataclass
class Restoring:
    """A restore (or recovery) under way in this request, for the hooks below."""

    version: Version
    state: object = None  # what the object keeps of today's state, read before the revert
    recovering: bool = False


class HistoryAdminMixin(VersionAdmin):
    """Version history with compare and restore, deleted-object recovery, conflict detection.

    Two staff who open the same object and both save would otherwise silently lose the first
    save. The change form carries the object's `updated_at` as it was when the form was opened;
    if the object was saved since, the form is shown again with a warning and nothing is saved.
    Saving again after reading the warning overwrites on purpose.
    """

    object_history_template = "history/admin/object_history.html"
    change_form_template = "history/admin/change_form.html"
    history_latest_first = True
    # Fields a restore form shows but does not change (restore_state keeps their values).
    restore_readonly_fields = ()

    def reversion_register(self, model, **options):
        """Leave registration to the model's app (its AppConfig.ready), which says what the
        versions follow; VersionAdmin would register the model and its inlines' models here."""

    def check(self, **kwargs):
        errors = super().check(**kwargs)
        if not reversion.is_registered(self.model):
            errors.append(
                checks.Error(
                    f"{self.model._meta.label} has a history admin but is not registered "
                    "with django-reversion.",
                    hint="Register it in its app's AppConfig.ready(), with what its versions "
                    "follow.",
                    obj=type(self),
                    id="history.E001",
                )
            )
        return errors

    # Restore and recover: reversion reverts the whole version, then runs the change form on
    # the reverted object in the same transaction (kept on save, rolled back otherwise). The
    # hooks below run between the two, so a model admin can keep part of today's state.

    def restore_state(self, obj):
        """What restoring a version must keep of `obj` as it is now; None keeps nothing."""
        return None

    def restore_state_keep(self, request, object_id, state):
        """Put `state` back on the object just reverted."""

    def recover_state_set(self, request, object_id):
        """Set the state of an object just recovered after deletion."""

    # What the history says of a saved restore or recovery.
    restored_comment = _("Restored the version saved on %(datetime)s.")
    recovered_comment = _("Recovered after deletion from the version saved on %(datetime)s.")

    def restore_comment(self, restoring):
        saved = format_date(
            template_localtime(restoring.version.revision.date_created),
            "DATETIME_FORMAT",
            screen_language(),
        )
        text = self.recovered_comment if restoring.recovering else self.restored_comment
        return str(text) % {"datetime": saved}

    def revision_view(self, request, object_id, version_id, extra_context=None):
        version = get_object_or_404(Version, pk=version_id, object_id=unquote(object_id))
        obj = self.get_object(request, unquote(object_id))
        setattr(
            request,
            RESTORING,
            Restoring(
                version=version,
                state=None if obj is None else self.restore_state(obj),
                recovering=obj is None,
            ),
        )
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        version = get_object_or_404(Version, pk=version_id)
        setattr(request, RESTORING, Restoring(version=version, recovering=True))
        return super().recover_view(request, version_id, extra_context)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        restoring = getattr(request, RESTORING, None)
        if restoring is not None and object_id is not None:
            if restoring.recovering:
                self.recover_state_set(request, unquote(object_id))
            elif restoring.state is not None:
                self.restore_state_keep(request, unquote(object_id), restoring.state)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if getattr(request, RESTORING, None) is not None:
            fields += [name for name in self.restore_readonly_fields if name not in fields]
        return fields

    @contextmanager
    def create_revision(self, request):
        with super().create_revision(request):
            yield
            # Reached only when the restore was saved (reversion raises to roll back
            # otherwise): the history says what happened, replacing reversion's comment.
            restoring = getattr(request, RESTORING, None)
            if restoring is not None and request.method == "POST":
                set_comment(self.restore_comment(restoring))

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)
        if obj is None:
            return form_class

        model = type(obj)

        class ConflictCheckingForm(form_class):
            def clean(self):
                cleaned_data = super().clean()
                token = self.data.get(EDIT_TOKEN)
                # The admin saves in one transaction: locking the row here keeps a third
                # save from slipping in between this check and this save (PostgreSQL).
                rows = model.objects.select_for_update().filter(pk=obj.pk)
                saved = rows.values_list("updated_at", flat=True).first()
                if token and saved and token != saved.isoformat():
                    raise ValidationError(
                        gettext(
                            "Someone else saved this %(object)s after you opened it. Nothing "
                            "was saved: check their changes in the history, then save again "
                            "to replace them with yours."
                        )
                        % {"object": model._meta.verbose_name},
                        code="edit_conflict",
                    )
                return cleaned_data

        ConflictCheckingForm.__name__ = form_class.__name__
        return ConflictCheckingForm

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            # The form remembers when the object was last saved (see ConflictCheckingForm).
            saved = type(obj).objects.filter(pk=obj.pk).values_list("updated_at", flat=True)
            saved = saved.first()
            context["edit_token"] = saved.isoformat() if saved else ""
        return super().render_change_form(request, context, add, change, form_url, obj)

    def delete_model(self, request, obj):
        # A deleted object is recovered from its last version: make sure it has one.
        version_before_delete(objects=[obj], user=request.user)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        version_before_delete(objects=list(queryset), user=request.user)
        super().delete_queryset(request, queryset)

    def history_view(self, request, object_id, extra_context=None):
        obj = get_object_or_404(self.model, pk=unquote(object_id))
        info = self.admin_site.name, self.opts.app_label, self.opts.model_name
        versions = Version.objects.get_for_object(obj).select_related("revision__user")
        action_list = [
            {
                "revision": version.revision,
                "version_id": version.pk,
                "url": reverse("{}:{}_{}_revision".format(*info), args=(quote(obj.pk), version.pk)),
            }
            for version in versions.order_by("-pk")
        ]
        context = {"action_list": action_list, **(extra_context or {})}
        return super().history_view(request, object_id, context)

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/history/compare/",
                self.admin_site.admin_view(self.compare_view),
                name="{}_{}_compare".format(*info),
            ),
            *super().get_urls(),
        ]

    def compare_view(self, request, object_id):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        obj = get_object_or_404(self.model, pk=unquote(object_id))
        versions = Version.objects.get_for_object(obj)
        try:
            older = versions.get(pk=request.GET.get("older", ""))
            newer = versions.get(pk=request.GET.get("newer", ""))
        except (Version.DoesNotExist, ValueError):
            messages.warning(request, gettext("Choose two versions to compare."))
            return self.history_view(request, object_id)
        if older.revision.date_created > newer.revision.date_created:
            older, newer = newer, older
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "object": obj,
            "title": gettext("Compare versions of %(object)s") % {"object": obj},
            "older": older,
            "newer": newer,
            "differences": version_differences(older, newer),
        }
        return TemplateResponse(request, "history/admin/compare.html", context)
