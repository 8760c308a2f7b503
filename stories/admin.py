from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin

from stories import services
from stories.models import Story, StoryPerson
from wecitizens.admin import (
    HTTPS_URL_FIELDS,
    EnglishTranslationFilter,
    TranslationStatusAdminMixin,
    thumbnail,
)
from wecitizens.forms import BUDDHIST_ERA_DATE_FIELDS


class StoryPersonInline(admin.TabularInline):
    model = StoryPerson
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(Story)
class StoryAdmin(TranslationStatusAdminMixin, TabbedTranslationAdmin):
    list_display = [
        "title",
        "hero_thumbnail",
        "kind",
        "city",
        "status",
        "published_at",
        "is_featured",
        "has_english",
    ]
    list_filter = [
        "status",
        "kind",
        "is_featured",
        "city",
        "city__region",
        "tags",
        EnglishTranslationFilter,
    ]
    search_fields = ["title_th", "title_en", "excerpt_th", "excerpt_en", "slug"]
    prepopulated_fields = {"slug": ("title_en",)}
    autocomplete_fields = ["city", "projects", "author"]
    list_select_related = ["city"]
    date_hierarchy = "published_at"
    inlines = [StoryPersonInline]
    formfield_overrides = {**HTTPS_URL_FIELDS, **BUDDHIST_ERA_DATE_FIELDS}  # issue 4
    actions = ["publish_selected", "unpublish_selected"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "excerpt", "body"]}),
        (
            _("Image"),
            {"fields": ["hero_image", "hero_image_alt", "hero_image_caption", "hero_image_credit"]},
        ),
        (_("Links"), {"fields": ["city", "projects", "tags", "source_url"]}),
        (_("Publishing"), {"fields": ["status", "published_at", "is_featured", "author"]}),
    ]

    @admin.display(description=_("image"))
    def hero_thumbnail(self, obj):
        return thumbnail(obj.hero_image, obj.hero_image_alt)

    @admin.action(description=_("Publish selected stories"), permissions=["change"])
    def publish_selected(self, request, queryset):
        count = services.stories_publish(stories=queryset)
        self.message_user(
            request,
            ngettext("%(count)d story published.", "%(count)d stories published.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Unpublish selected stories"), permissions=["change"])
    def unpublish_selected(self, request, queryset):
        count = services.stories_unpublish(stories=queryset)
        self.message_user(
            request,
            ngettext("%(count)d story unpublished.", "%(count)d stories unpublished.", count)
            % {"count": count},
            messages.SUCCESS,
        )
