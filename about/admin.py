from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from about.models import AboutPage
from core.admin import HTTPS_URL_FIELDS
from history.admin import HistoryAdminMixin


@admin.register(AboutPage)
class AboutPageAdmin(HistoryAdminMixin, TabbedTranslationAdmin):
    """The one About page: staff edit it, nobody adds a second or deletes it."""

    formfield_overrides = HTTPS_URL_FIELDS
    # It cannot be deleted, so there is nothing to recover: no "recover deleted" list.
    change_list_template = "admin/change_list.html"

    def get_urls(self):
        return [url for url in super().get_urls() if not url.name or "_recover" not in url.name]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not AboutPage.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
