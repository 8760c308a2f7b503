from django.contrib import admin

from redirects.models import SlugRedirect


@admin.register(SlugRedirect)
class SlugRedirectAdmin(admin.ModelAdmin):
    list_display = ["old_path", "new_path", "is_automatic", "created_at"]
    list_filter = ["is_automatic"]
    search_fields = ["old_path", "new_path"]
    readonly_fields = ["is_automatic", "created_at"]
