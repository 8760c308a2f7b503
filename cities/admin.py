from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from cities.models import City, CityLink, Programme, ProgrammeMembership
from cities.resources import CityResource
from core.admin import (
    HTTPS_URL_FIELDS,
    EnglishTranslationFilter,
    PublishActionsMixin,
    SheetImportExportMixin,
    TranslationStatusAdminMixin,
    thumbnail,
)
from core.forms import EraFieldsAdminMixin
from history.admin import HistoryAdminMixin


class ProgrammeMembershipInline(admin.TabularInline):
    model = ProgrammeMembership
    extra = 0
    autocomplete_fields = ["programme"]


class CityLinkInline(TranslationTabularInline):
    model = CityLink
    extra = 0
    formfield_overrides = HTTPS_URL_FIELDS


@admin.register(Programme)
class ProgrammeAdmin(EraFieldsAdminMixin, TabbedTranslationAdmin):
    list_display = ["name", "short_name", "start_year", "end_year", "city_count"]
    search_fields = ["name_th", "name_en", "short_name_th", "short_name_en", "slug"]
    prepopulated_fields = {"slug": ("short_name_en",)}
    formfield_overrides = HTTPS_URL_FIELDS

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(city_total=Count("memberships"))

    @admin.display(description=_("cities"), ordering="city_total")
    def city_count(self, obj):
        return obj.city_total


@admin.register(City)
class CityAdmin(
    SheetImportExportMixin,
    HistoryAdminMixin,
    PublishActionsMixin,
    TranslationStatusAdminMixin,
    TabbedTranslationAdmin,
):
    resource_classes = [CityResource]
    list_display = [
        "name",
        "hero_thumbnail",
        "province",
        "region",
        "research_area",
        "is_published",
        "has_english",
        "updated_at",
    ]
    list_filter = ["is_published", "region", "memberships__programme", EnglishTranslationFilter]
    search_fields = ["name_th", "name_en", "province_th", "province_en", "slug"]
    prepopulated_fields = {"slug": ("name_en",)}
    inlines = [ProgrammeMembershipInline, CityLinkInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "province", "region", "research_area"]}),
        (_("Text"), {"fields": ["summary", "body"]}),
        (_("Image"), {"fields": ["hero_image", "hero_image_alt"]}),
        (_("Map"), {"fields": ["latitude", "longitude"]}),
        (_("Publishing"), {"fields": ["is_published"]}),
    ]

    @admin.display(description=_("image"))
    def hero_thumbnail(self, obj):
        return thumbnail(obj.hero_image, obj.hero_image_alt)
