from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import (
    TabbedTranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

from core.admin import (
    EnglishTranslationFilter,
    PublishActionsMixin,
    SheetImportExportMixin,
    TranslationStatusAdminMixin,
    thumbnail,
)
from core.forms import EraFieldsAdminMixin
from history.admin import HistoryAdminMixin
from projects.models import Milestone, Person, ProjectMember, ResearchProject, SubProject
from projects.resources import (
    MilestoneResource,
    PersonResource,
    ResearchProjectResource,
    SubProjectResource,
)
from tags.forms import TAG_FIELDS


@admin.register(Person)
class PersonAdmin(
    SheetImportExportMixin,
    HistoryAdminMixin,
    PublishActionsMixin,
    TranslationStatusAdminMixin,
    TabbedTranslationAdmin,
):
    resource_classes = [PersonResource]
    list_display = [
        "name",
        "photo_thumbnail",
        "honorific",
        "role",
        "affiliation",
        "city",
        "is_published",
        "has_english",
    ]
    list_filter = ["is_published", "city", "city__region", EnglishTranslationFilter]
    search_fields = ["name_th", "name_en", "affiliation_th", "affiliation_en", "slug"]
    prepopulated_fields = {"slug": ("name_en",)}
    autocomplete_fields = ["city"]
    list_select_related = ["city"]
    # Who typed the name in the portal: whom staff ask before confirming the person.
    readonly_fields = ["created_by"]

    @admin.display(description=_("photo"))
    def photo_thumbnail(self, obj):
        return thumbnail(obj.photo, obj.photo_alt)


class ProjectMemberInline(TranslationTabularInline):
    model = ProjectMember
    extra = 0
    autocomplete_fields = ["person"]


class SubProjectInline(TranslationStackedInline):
    model = SubProject
    extra = 0
    autocomplete_fields = ["lead"]


class MilestoneInline(EraFieldsAdminMixin, TranslationTabularInline):
    model = Milestone
    extra = 0


@admin.register(ResearchProject)
class ResearchProjectAdmin(
    EraFieldsAdminMixin,
    SheetImportExportMixin,
    HistoryAdminMixin,
    PublishActionsMixin,
    TranslationStatusAdminMixin,
    TabbedTranslationAdmin,
):
    formfield_overrides = TAG_FIELDS
    # A workbook's `subprojects` and `milestones` sheets are imported with its projects.
    resource_classes = [ResearchProjectResource]
    list_display = [
        "__str__",
        "city",
        "programme",
        "lead",
        "status",
        "is_published",
        "has_english",
    ]
    list_filter = [
        "is_published",
        "status",
        "programme",
        "city",
        "city__region",
        "tags",
        EnglishTranslationFilter,
    ]
    search_fields = ["title_th", "title_en", "slug", "city__name_th", "city__name_en"]
    autocomplete_fields = ["city", "lead"]
    list_select_related = ["city", "programme", "lead"]
    inlines = [ProjectMemberInline, SubProjectInline, MilestoneInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "city", "programme", "number", "status"]}),
        (_("People"), {"fields": ["lead", "institution"]}),
        (_("Years"), {"fields": ["start_year", "end_year"]}),
        (_("Text"), {"fields": ["summary", "body", "tags"]}),
        (_("Publishing"), {"fields": ["is_published"]}),
    ]


@admin.register(SubProject)
class SubProjectAdmin(SheetImportExportMixin, TabbedTranslationAdmin):
    """Sub-projects are edited on their project's page; this list is where their
    spreadsheet comes in and goes out."""

    resource_classes = [SubProjectResource]
    list_display = ["__str__", "project", "order", "lead"]
    list_filter = ["project__city"]
    search_fields = ["title_th", "title_en", "project__slug", "project__title_th"]
    autocomplete_fields = ["project", "lead"]
    list_select_related = ["project__city", "lead"]


@admin.register(Milestone)
class MilestoneAdmin(EraFieldsAdminMixin, SheetImportExportMixin, TabbedTranslationAdmin):
    """Milestones are edited on their project's page; this list is where their spreadsheet
    comes in and goes out."""

    resource_classes = [MilestoneResource]
    list_display = ["__str__", "project", "date"]
    list_filter = ["project__city"]
    search_fields = ["title_th", "title_en", "project__slug", "project__title_th"]
    autocomplete_fields = ["project"]
    list_select_related = ["project__city"]
