from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.forms import EraFieldsAdminMixin
from privacy import services
from privacy.models import DeletionRequest, DeletionStatus


@admin.register(DeletionRequest)
class DeletionRequestAdmin(EraFieldsAdminMixin, admin.ModelAdmin):
    list_display = ["username", "status", "requested_at", "decided_at", "decided_by"]
    list_filter = ["status"]
    search_fields = ["username"]
    fields = [
        "user",
        "reason",
        "stories_reassigned_to",
        "status",
        "username",
        "requested_at",
        "decided_at",
        "decided_by",
    ]
    readonly_fields = ["username", "requested_at", "decided_at", "decided_by"]
    autocomplete_fields = ["user", "stories_reassigned_to"]
    actions = ["delete_accounts"]

    def save_model(self, request, obj, form, change):
        """Staff may record a request made by letter; marking it done deletes the account."""
        if obj.user_id and not obj.username:
            obj.username = obj.user.get_username()
        if obj.status == DeletionStatus.COMPLETED and obj.user_id:
            services.account_delete(request=obj, decided_by=request.user)
        else:
            super().save_model(request, obj, form, change)

    @admin.action(description=_("Delete the accounts of the selected requests"))
    def delete_accounts(self, request, queryset):
        done = 0
        for deletion in queryset.filter(status=DeletionStatus.PENDING):
            services.account_delete(request=deletion, decided_by=request.user)
            done += 1
        self.message_user(
            request,
            ngettext("%(count)d account deleted.", "%(count)d accounts deleted.", done)
            % {"count": done},
            messages.SUCCESS,
        )
