from django.contrib import admin
from taggit.models import Tag as TaggitTag

from tags.models import Tag


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    readonly_fields = ["slug"]


# Our own Tag model replaces taggit's; its admin would show an unused second "Tags".
admin.site.unregister(TaggitTag)
