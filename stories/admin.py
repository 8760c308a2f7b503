from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline

from core.admin import (
    HTTPS_URL_FIELDS,
    EnglishTranslationFilter,
    TranslationStatusAdminMixin,
    thumbnail,
)
from core.forms import EraDateTimeField, EraFieldsAdminMixin, era_column
from core.widgets import RichTextarea
from history.admin import HistoryAdminMixin
from stories import story_page, workflow
from stories.facebook_archive import ArchiveError
from stories.facebook_import import (
    facebook_archive_discard,
    facebook_archive_stage,
    facebook_import,
    staged_archive_path,
)
from stories.forms import FacebookArchiveForm, FacebookImportConfirmForm
from stories.models import (
    ReviewAnswer,
    ReviewLink,
    Story,
    StoryPerson,
    StoryQuote,
    StoryStatus,
)
from stories.story_page import ACTION_BUTTONS
from tags.forms import TAG_FIELDS


class StoryPersonInline(admin.TabularInline):
    model = StoryPerson
    extra = 0
    autocomplete_fields = ["person"]


class StoryQuoteInline(TranslationStackedInline):
    """Pull quotes, each shared with its own card (stories.quote_cards)."""

    model = StoryQuote
    extra = 0
    autocomplete_fields = ["speaker"]
    fields = ["text", "speaker", "speaker_name", "order"]


class WorkflowRecordInline(admin.TabularInline):
    """Records the workflow writes (stories.workflow); staff read them on the story's form."""

    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ReviewAnswerInline(WorkflowRecordInline):
    """What interviewees answered through review links; written only by stories.workflow."""

    model = ReviewAnswer
    fields = ["created_at_shown", "name", "decision", "comment"]
    created_at_shown = staticmethod(era_column(ReviewAnswer, "created_at"))


class WorkflowActionForm(ActionForm):
    """The action bar, with the note and date some workflow actions need."""

    note = forms.CharField(
        label=_("Note to the author"),
        required=False,
        widget=forms.TextInput(attrs={"size": 40}),
    )
    # Read by schedule_selected, which reports a mistyped date; as a date field here, any
    # error would make Django's action bar say only "No action selected."
    publish_at = forms.CharField(
        label=_("Publish at"),
        required=False,
        help_text=_("For scheduling, e.g. 2026-12-31 09:00"),
    )


class AwaitingReviewFilter(admin.SimpleListFilter):
    title = _("review")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("awaiting", _("Awaiting review"))]

    def queryset(self, request, queryset):
        if self.value() == "awaiting":
            return queryset.filter(status=StoryStatus.SUBMITTED)
        return queryset


class PublicationFilter(admin.SimpleListFilter):
    """The published stories still to come, and those that went public this month."""

    title = _("publication")
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        return [("scheduled", _("Scheduled")), ("this_month", _("Published this month"))]

    def queryset(self, request, queryset):
        if self.value() == "scheduled":
            return queryset.scheduled(after=timezone.now())
        if self.value() == "this_month":
            return queryset.published_this_month(now=timezone.now())
        return queryset


class PeopleNotClearedFilter(admin.SimpleListFilter):
    """Stories featuring someone not yet confirmed or consenting (StoryPersonQuerySet.public)."""

    title = _("people featured")
    parameter_name = "people"

    def lookups(self, request, model_admin):
        return [("not_cleared", _("Not yet cleared to appear"))]

    def queryset(self, request, queryset):
        if self.value() == "not_cleared":
            return queryset.featuring_people_not_cleared()
        return queryset


class StoryHistoryAdminMixin(HistoryAdminMixin):
    """A story's history restores its content; the workflow alone changes what is public.

    A restored version keeps the story's status, dates, featuring, author and the consent
    recorded for the people featured today (stories.workflow.WORKFLOW_FIELDS); a recovered
    deleted story comes back as a draft, for staff to publish through the workflow.
    """

    restore_readonly_fields = workflow.WORKFLOW_FIELDS

    def restore_state(self, obj):
        return workflow.story_workflow_state(story=obj)

    def restore_state_keep(self, request, object_id, state):
        workflow.story_workflow_state_keep(story_id=object_id, state=state)

    def recover_state_set(self, request, object_id):
        workflow.story_recover(story_id=object_id, by=request.user)

    restored_comment = _(
        "Restored the content of the version saved on %(datetime)s; the status, dates, "
        "place on the home page, author and featured people were kept."
    )
    recovered_comment = _(
        "Recovered after deletion from the version saved on %(datetime)s, as a draft."
    )


class ConsentAdminMixin:
    """Staff see, before publishing, whether everyone featured in a story may appear: confirmed
    and consenting (stories.models.StoryPersonQuerySet.public, the one rule)."""

    # Beside the status, where the decision to publish is read, not in the last column a
    # laptop's screen cuts off.
    consent_column_after = "status_word"

    def get_list_display(self, request):
        columns = list(super().get_list_display(request))
        names = [getattr(column, "__name__", column) for column in columns]
        at = (
            names.index(self.consent_column_after) + 1
            if self.consent_column_after in names
            else len(columns)
        )
        return [*columns[:at], "people_consent", *columns[at:]]

    def get_queryset(self, request):
        not_cleared = StoryPerson.objects.filter(story=OuterRef("pk")).not_public()
        return super().get_queryset(request).annotate(has_people_not_cleared=Exists(not_cleared))

    @admin.display(description=_("consent"), boolean=True)
    def people_consent(self, obj):
        return not obj.has_people_not_cleared

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            story = self.get_object(request, unquote(object_id))
            if story is not None:
                try:
                    workflow.check_people_cleared(story)
                except workflow.FeaturedPeopleNotCleared as refusal:
                    messages.warning(request, " ".join(refusal.messages))
        return super().change_view(request, object_id, form_url, extra_context)


# The session's list of the archives its staff uploaded and may confirm.
STAGED_IMPORTS = "staged_facebook_imports"


@admin.register(Story)
class StoryAdmin(
    EraFieldsAdminMixin,
    ConsentAdminMixin,
    StoryHistoryAdminMixin,
    TranslationStatusAdminMixin,
    TabbedTranslationAdmin,
):
    list_display = [
        "title",
        "hero_thumbnail",
        "kind",
        "city",
        "author",
        "status_word",
        "published_at",
        "is_featured",
        "has_english",
    ]
    list_filter = [
        AwaitingReviewFilter,
        "status",
        PublicationFilter,
        PeopleNotClearedFilter,
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
    list_select_related = ["city", "author"]
    date_hierarchy = "published_at"
    # The history and the review links are on the story's workflow panel, above the form.
    inlines = [StoryPersonInline, StoryQuoteInline, ReviewAnswerInline]
    formfield_overrides = {**HTTPS_URL_FIELDS, **TAG_FIELDS}
    readonly_fields = ["status"]
    action_form = WorkflowActionForm
    actions = [
        "publish_selected",
        "schedule_selected",
        "request_changes_selected",
        "unpublish_selected",
        "archive_selected",
        "create_review_link",
    ]
    change_list_template = "admin/stories/story/change_list.html"
    change_form_template = "admin/stories/story/change_form.html"
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "excerpt", "body"]}),
        (
            _("Image"),
            {"fields": ["hero_image", "hero_image_alt", "hero_image_caption", "hero_image_credit"]},
        ),
        (
            _("Links"),
            {
                "fields": [
                    "city",
                    "projects",
                    "tags",
                    "source_url",
                    "original_post_date",
                    "is_excerpt_of_source",
                ]
            },
        ),
        (_("Publishing"), {"fields": ["status", "published_at", "is_featured", "author"]}),
    ]

    def get_urls(self):
        return [
            path(
                "import-facebook/",
                self.admin_site.admin_view(self.import_facebook_view),
                name="stories_story_import_facebook",
            ),
            path(
                "<path:object_id>/workflow/<str:action>/",
                self.admin_site.admin_view(require_POST(self.workflow_view)),
                name="stories_story_workflow",
            ),
            path(
                "<path:object_id>/review-links/",
                self.admin_site.admin_view(require_POST(self.review_link_create_view)),
                name="stories_story_review_link_create",
            ),
            path(
                "<path:object_id>/review-links/<int:link_pk>/revoke/",
                self.admin_site.admin_view(require_POST(self.review_link_revoke_view)),
                name="stories_story_review_link_revoke",
            ),
            *super().get_urls(),
        ]

    def get_actions(self, request):
        """The workflow actions first; Django's "delete selected" last, out of the way."""
        actions = super().get_actions(request)
        delete = actions.pop("delete_selected", None)
        if delete is not None:
            actions["delete_selected"] = delete
        return actions

    # --- The workflow on the story's own page -----------------------------------------

    def _workflow_story(self, request, object_id):
        story = self.get_object(request, unquote(object_id))
        if story is None:
            raise Http404(_("There is no such story."))
        if not self.has_change_permission(request, story):
            raise PermissionDenied
        return story

    def _change_url(self, story):
        return reverse("admin:stories_story_change", args=[story.pk])

    def workflow_panel_context(self, request, story, form=None, failed_action=None):
        return {
            "workflow_actions": story_page.action_buttons(
                story=story,
                user=request.user,
                url_for=lambda action: reverse(
                    "admin:stories_story_workflow", args=[story.pk, action]
                ),
                form=form,
                failed_action=failed_action,
            ),
            "review_links_open": workflow.review_links_open(story)
            and workflow.can_manage_review_links(request.user, story),
            "review_link_create_url": reverse(
                "admin:stories_story_review_link_create", args=[story.pk]
            ),
            "review_link_rows": story_page.link_rows(
                story=story,
                request=request,
                revoke_url_for=lambda link: reverse(
                    "admin:stories_story_review_link_revoke", args=[story.pk, link.pk]
                ),
            ),
            "transitions": story.transitions.select_related("user"),
        }

    def change_view(self, request, object_id, form_url="", extra_context=None):
        story = self.get_object(request, unquote(object_id)) if object_id else None
        if story is not None:
            extra_context = {
                **(extra_context or {}),
                **self.workflow_panel_context(request, story),
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def workflow_view(self, request, object_id, action):
        """One workflow button of the story's page: the transition, then back to the page."""
        if action not in workflow.TRANSITIONS:
            raise Http404(_("There is no such workflow action."))
        story = self._workflow_story(request, object_id)
        form = story_page.transition_from_request(request=request, story=story, action=action)
        if form is None:
            return redirect(self._change_url(story))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": story,
            "title": ACTION_BUTTONS[action],
            "change_url": self._change_url(story),
            **self.workflow_panel_context(request, story, form=form, failed_action=action),
        }
        return TemplateResponse(
            request, "admin/stories/story/workflow_action.html", context, status=400
        )

    def review_link_create_view(self, request, object_id):
        story = self._workflow_story(request, object_id)
        if not workflow.can_manage_review_links(request.user, story):
            raise PermissionDenied
        return story_page.review_link_create_response(
            request=request, story=story, back_url=self._change_url(story) + "#review-links"
        )

    def review_link_revoke_view(self, request, object_id, link_pk):
        story = self._workflow_story(request, object_id)
        if not workflow.can_manage_review_links(request.user, story):
            raise PermissionDenied
        link = get_object_or_404(ReviewLink, pk=link_pk, story=story)
        story_page.review_link_revoke_from_request(request=request, link=link)
        return redirect(self._change_url(story) + "#review-links")

    def import_facebook_view(self, request):
        """Upload a Facebook Page export, read the dry run's report, confirm the import."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Import stories from Facebook"),
        }
        if request.method == "POST" and "token" in request.POST:
            return self._import_facebook_confirmed(request, context)
        form = FacebookArchiveForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            city = form.cleaned_data["city_hint"]
            token = facebook_archive_stage(upload=form.cleaned_data["archive"])
            try:
                report = facebook_import(
                    path=staged_archive_path(token), dry_run=True, city_hint=city
                )
            except ArchiveError as error:
                facebook_archive_discard(token=token)
                form.add_error("archive", str(error))
            else:
                staged = request.session.get(STAGED_IMPORTS, [])
                request.session[STAGED_IMPORTS] = [*staged[-4:], token]
                confirm = FacebookImportConfirmForm(initial={"token": token, "city_hint": city})
                return TemplateResponse(
                    request,
                    "admin/stories/story/import_facebook_report.html",
                    {**context, "report": report, "confirm_form": confirm},
                )
        return TemplateResponse(
            request,
            "admin/stories/story/import_facebook.html",
            {**context, "form": form},
            status=400 if form.errors else 200,
        )

    def _import_facebook_confirmed(self, request, context):
        form = FacebookImportConfirmForm(request.POST)
        staged = request.session.get(STAGED_IMPORTS, [])
        token = request.POST.get("token")
        archive = staged_archive_path(token) if token in staged else None
        report = None
        if form.is_valid() and archive is not None:
            try:
                report = facebook_import(
                    path=archive, city_hint=form.cleaned_data["city_hint"], author=request.user
                )
            except ArchiveError as error:
                messages.error(request, str(error))
            finally:
                facebook_archive_discard(token=token)
                request.session[STAGED_IMPORTS] = [t for t in staged if t != token]
        else:
            messages.error(
                request,
                _("This upload is no longer waiting to be imported. Upload it again."),
            )
        if report is None:
            return TemplateResponse(
                request,
                "admin/stories/story/import_facebook.html",
                {**context, "form": FacebookArchiveForm()},
                status=400,
            )
        messages.success(request, report.summary())
        return TemplateResponse(
            request,
            "admin/stories/story/import_facebook_report.html",
            {**context, "report": report},
        )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in ("body_th", "body_en"):
            kwargs["widget"] = RichTextarea()
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description=_("status"), ordering="status")
    def status_word(self, obj):
        return obj.status_label

    @admin.display(description=_("image"))
    def hero_thumbnail(self, obj):
        return thumbnail(obj.hero_image, obj.hero_image_alt)

    def has_publish_permission(self, request):
        return workflow.can_publish(request.user)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        # The publication date decides when readers see a story: moving it is publishing.
        if not self.has_publish_permission(request) and "published_at" not in fields:
            fields.append("published_at")
        return fields

    def _report(self, request, text, count):
        self.message_user(request, text % {"count": count}, messages.SUCCESS)

    def _run(self, request, bulk, **kwargs):
        """Run a bulk transition; say why each refused story was left as it was."""
        refused = []
        try:
            count = bulk(**kwargs, by=request.user, refused=refused)
        except (ValidationError, PermissionDenied) as error:
            text = " ".join(getattr(error, "messages", [str(error)]))
            self.message_user(request, text, messages.ERROR)
            return None
        for story, error in refused:
            self.message_user(request, f"{story}: {' '.join(error.messages)}", messages.WARNING)
        return count

    @admin.action(description=_("Publish selected stories now"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        count = self._run(request, workflow.stories_publish, stories=queryset)
        if count is not None:
            self._report(
                request,
                ngettext("%(count)d story published.", "%(count)d stories published.", count),
                count,
            )

    @admin.action(
        description=_("Schedule selected stories (give the date below)"), permissions=["publish"]
    )
    def schedule_selected(self, request, queryset):
        try:
            at = EraDateTimeField(required=False).clean(request.POST.get("publish_at"))
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return
        count = self._run(request, workflow.stories_schedule, stories=queryset, at=at)
        if count is not None:
            self._report(
                request,
                ngettext("%(count)d story scheduled.", "%(count)d stories scheduled.", count),
                count,
            )

    @admin.action(description=_("Request changes (write the note below)"), permissions=["publish"])
    def request_changes_selected(self, request, queryset):
        note = request.POST.get("note", "")
        count = self._run(request, workflow.stories_request_changes, stories=queryset, note=note)
        if count is not None:
            self._report(
                request,
                ngettext(
                    "%(count)d story sent back to its author.",
                    "%(count)d stories sent back to their authors.",
                    count,
                ),
                count,
            )

    @admin.action(description=_("Unpublish selected stories"), permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        count = self._run(request, workflow.stories_unpublish, stories=queryset)
        if count is not None:
            self._report(
                request,
                ngettext("%(count)d story unpublished.", "%(count)d stories unpublished.", count),
                count,
            )

    @admin.action(description=_("Archive selected stories"), permissions=["publish"])
    def archive_selected(self, request, queryset):
        count = self._run(request, workflow.stories_archive, stories=queryset)
        if count is not None:
            self._report(
                request,
                ngettext("%(count)d story archived.", "%(count)d stories archived.", count),
                count,
            )

    @admin.action(description=_("Create a review link for an interviewee"), permissions=["publish"])
    def create_review_link(self, request, queryset):
        for story in queryset:
            try:
                link = workflow.review_link_create(story=story, by=request.user)
            except ValidationError as error:
                self.message_user(request, f"{story}: {' '.join(error.messages)}", messages.ERROR)
                continue
            url = workflow.review_link_url(link, request)
            self.message_user(request, f"{story}: {url}", messages.SUCCESS)
