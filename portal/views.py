"""The researcher portal. Researchers see and change only their own stories; staff may
preview any story. Every status change goes through stories.workflow."""

import logging
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from portal import autosave
from portal.account_forms import PasswordResetOrInvitationForm
from portal.forms import ReviewAnswerForm, StoryDraftForm, StoryImageForm
from portal.services import password_reset_allowed
from projects.models import Person, ResearchProject
from stories import story_page, workflow
from stories.models import ReviewAnswer, ReviewLink, Story
from stories.roles import is_researcher
from stories.views import story_page_context

logger = logging.getLogger(__name__)


def portal_user(view):
    """Logged in, and either a researcher or staff; anyone else gets 403."""

    @wraps(view)
    @login_required
    @never_cache
    def wrapper(request, *args, **kwargs):
        if not (is_researcher(request.user) or request.user.is_staff):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def own_story(request, pk):
    """The user's own story; anyone else's is a 404, so its existence is not revealed."""
    return get_object_or_404(Story.objects.select_related("city"), pk=pk, author=request.user)


@portal_user
def dashboard(request):
    stories = (
        Story.objects.filter(author=request.user)
        .select_related("city")
        .prefetch_related("transitions")
        .order_by("-updated_at", "-pk")
    )
    rows = [(story, story.note_for_author) for story in stories]
    return render(request, "portal/dashboard.html", {"rows": rows})


@portal_user
def story_create(request):
    return _edit(request, Story(author=request.user))


@portal_user
def story_edit(request, pk):
    story = own_story(request, pk)
    if not story.is_editable_by_author:
        messages.info(request, _("This story is with programme staff and cannot be changed now."))
        return redirect("portal:story_detail", pk=story.pk)
    return _edit(request, story)


def _edit(request, story):
    form = StoryDraftForm(
        request.POST or None, request.FILES or None, instance=story, user=request.user
    )
    autosave_key = autosave.autosave_key(user=request.user, story=story)
    if request.method == "POST":
        if form.is_valid():
            story = form.save()
            # The server has the text now: the browser's copy (under the key of a new story
            # too) is done with, whether it is submitted next or not.
            autosave.autosave_clear_later(
                request=request,
                keys={autosave_key, autosave.autosave_key(user=request.user, story=story)},
            )
            if "submit" in request.POST:
                try:
                    workflow.story_submit(story=story, by=request.user)
                except ValidationError as error:
                    messages.error(request, " ".join(error.messages))
                    return redirect("portal:story_edit", pk=story.pk)
                messages.success(request, _("Your story was sent to programme staff for review."))
                return redirect("portal:story_detail", pk=story.pk)
            messages.success(request, _("Draft saved."))
            return redirect("portal:story_edit", pk=story.pk)
        messages.error(request, _("The draft was not saved: please correct the marked fields."))
    return render(
        request,
        "portal/story_form.html",
        {
            "form": form,
            "story": story if story.pk else None,
            "autosave_key": autosave_key,
            "autosave_version": autosave.autosave_version(story=story),
        },
        status=400 if form.errors else 200,
    )


@portal_user
@require_POST
def story_image_upload(request, pk):
    """A picture for the text of one's own story, from the editor: the answer is JSON, with the
    stored picture's URL to put in the text, or the reason it was refused."""
    story = own_story(request, pk)
    if not story.is_editable_by_author:
        return JsonResponse(
            {"error": _("This story is with programme staff and cannot be changed now.")},
            status=403,
        )
    form = StoryImageForm(request.POST, request.FILES)
    if not form.is_valid():
        messages_ = [message for errors in form.errors.values() for message in errors]
        return JsonResponse({"error": " ".join(messages_)}, status=400)
    image = form.save(commit=False)
    image.story = story
    image.uploaded_by = request.user
    image.save()
    return JsonResponse({"url": image.image.url, "alt": image.alt}, status=201)


@portal_user
@require_http_methods(["GET", "HEAD", "POST"])
def story_delete(request, pk):
    """Delete one's own draft: GET asks to confirm, POST deletes (stories.workflow keeps a
    version staff can recover). A story already with staff, or published, cannot be."""
    story = own_story(request, pk)
    if not story.is_editable_by_author:
        messages.error(
            request,
            _("Only a draft, or a story sent back for changes, can be deleted by its author."),
        )
        return render(request, "portal/story_delete.html", {"story": story}, status=409)
    if request.method == "POST":
        title = story.title
        workflow.story_delete_draft(story=story, by=request.user)
        messages.success(request, _("The draft “%(title)s” was deleted.") % {"title": title})
        return redirect("portal:dashboard")
    return render(request, "portal/story_delete.html", {"story": story})


AUTOCOMPLETE_PAGE_SIZE = 20


def _autocomplete(request, objects, search_fields):
    """One page of `objects` in Select2's JSON format, narrowed to the `city` and `term` asked
    for. Select2 (static/js/portal-story-form.js) asks for the next page as the list scrolls."""
    city = request.GET.get("city", "")
    if city.isdigit():
        objects = objects.filter(city_id=int(city))
    term = request.GET.get("term", "").strip()[:100]
    if term:
        matches = Q()
        for field in search_fields:
            matches |= Q(**{f"{field}__icontains": term})
        objects = objects.filter(matches)
    page = request.GET.get("page", "1")
    page = int(page) if page.isdigit() and 0 < int(page) < 1000 else 1
    start = (page - 1) * AUTOCOMPLETE_PAGE_SIZE
    rows = list(objects.order_by_name()[start : start + AUTOCOMPLETE_PAGE_SIZE + 1])
    return JsonResponse(
        {
            "results": [{"id": obj.pk, "text": str(obj)} for obj in rows[:AUTOCOMPLETE_PAGE_SIZE]],
            "pagination": {"more": len(rows) > AUTOCOMPLETE_PAGE_SIZE},
        }
    )


@portal_user
def autocomplete_people(request):
    """People the user may see (PersonQuerySet.visible_to), for the story form's picker."""
    people = Person.objects.visible_to(request.user)
    return _autocomplete(request, people, ("name_th", "name_en", "honorific_th", "honorific_en"))


@portal_user
def autocomplete_projects(request):
    return _autocomplete(request, ResearchProject.objects.all(), ("title_th", "title_en"))


@portal_user
def story_detail(request, pk):
    """The researcher's story: what they may do with it now, the note staff left, its review
    links (with a copy button) and answers, and its history."""
    story = own_story(request, pk)
    return render(
        request,
        "portal/story_detail.html",
        {
            "story": story,
            "note_for_author": story.note_for_author,
            "workflow_actions": story_page.action_buttons(
                story=story,
                user=request.user,
                url_for=lambda action: reverse("portal:story_submit", args=[story.pk]),
                only={"submit"},
            ),
            "transitions": story.transitions.select_related("user"),
            "review_answers": story.review_answers.all(),
            "review_links_open": workflow.review_links_open(story),
            "review_link_create_url": reverse("portal:review_link_create", args=[story.pk]),
            "review_link_rows": story_page.link_rows(
                story=story,
                request=request,
                revoke_url_for=lambda link: reverse(
                    "portal:review_link_revoke", args=[story.pk, link.pk]
                ),
            ),
        },
    )


@portal_user
@require_POST
def story_submit(request, pk):
    story = own_story(request, pk)
    try:
        workflow.story_submit(story=story, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your story was sent to programme staff for review."))
    return redirect("portal:story_detail", pk=story.pk)


@portal_user
def story_preview(request, pk):
    """The story as the public site will show it; for its author and for staff only."""
    stories = Story.objects.select_related("city")
    if not request.user.is_staff:
        stories = stories.filter(author=request.user)
    story = get_object_or_404(stories, pk=pk)
    # The author sees the people they may see while writing, not only those already public.
    people = Person.objects.visible_to(request.user).filter(story_features__story=story)
    people = people.order_by("story_features__order", "story_features__pk")
    context = story_page_context(story, projects=story.projects.all(), featured_people=people)
    return render(request, "portal/preview.html", context)


@portal_user
@require_POST
def review_link_create(request, pk):
    story = own_story(request, pk)
    return story_page.review_link_create_response(
        request=request,
        story=story,
        back_url=reverse("portal:story_detail", args=[story.pk]) + "#review-links",
    )


@portal_user
@require_POST
def review_link_revoke(request, pk, link_pk):
    story = own_story(request, pk)
    link = get_object_or_404(ReviewLink, pk=link_pk, story=story)
    workflow.review_link_revoke(link=link)
    messages.success(request, _("The review link no longer works."))
    return redirect("portal:story_detail", pk=story.pk)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def review(request, token):
    """One unpublished story, read-only, for someone holding a live review link, who may
    answer it once: approve it or ask for corrections. After that the page shows the answer."""
    link = workflow.review_link_from_token(token)
    if link is None:
        raise Http404(_("This review link has expired or was withdrawn."))
    answer = ReviewAnswer.objects.filter(link=link).first()
    form = None if answer else ReviewAnswerForm()
    refusal = ""
    status = 200
    if request.method == "POST":
        if answer is not None:
            refusal, status = workflow.review_already_answered().messages[0], 409
        else:
            form = ReviewAnswerForm(request.POST)
            if form.is_valid():
                try:
                    workflow.review_answer_give(link=link, **form.cleaned_data)
                except workflow.ReviewAlreadyAnswered as error:
                    answer = ReviewAnswer.objects.filter(link=link).first()
                    form, refusal, status = None, error.messages[0], 409
                except ValidationError as error:
                    for field, errors in error.message_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                    status = 400
                else:
                    return redirect(request.path)
            else:
                status = 400
    # Anyone holding the link may read it: only people who may appear publicly are named.
    story = link.story
    context = story_page_context(
        story, projects=story.projects.all(), featured_people=story.public_people
    )
    context.update({"answer_form": form, "review_answer": answer, "refusal": refusal})
    response = render(request, "portal/review.html", context, status=status)
    response["X-Robots-Tag"] = "noindex, nofollow"
    # The address holds the token: no other site may learn it from a Referer. Not "no-referrer":
    # under it browsers send the answer form with "Origin: null", which CSRF refuses (403).
    response["Referrer-Policy"] = "same-origin"
    return response


class LogoutView(auth_views.LogoutView):
    """Logging out also drops every autosaved copy from this browser (on the next page)."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        autosave.autosave_clear_later(request=request)
        return response


class LoginView(auth_views.LoginView):
    template_name = "portal/login.html"
    redirect_authenticated_user = True


class RedirectThen(HttpResponseRedirect):
    """A redirect that runs `then` once it has been sent: WSGI servers close a response
    after writing it to the client. A failure there is logged; the answer has gone."""

    def __init__(self, url, then):
        super().__init__(url)
        self.then = then

    def close(self):
        try:
            self.then()
        except Exception:
            logger.exception("Work after the response failed")
        finally:
            super().close()


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetOrInvitationForm
    template_name = "portal/password_reset_form.html"
    email_template_name = "portal/email/password_reset_body.txt"
    subject_template_name = "portal/email/password_reset_subject.txt"
    success_url = reverse_lazy("portal:password_reset_done")

    def form_valid(self, form):
        # Every request gets the same answer, at the same speed: the email (if the address is
        # known and within its limits) goes out only after the answer, so neither the
        # address's existence nor a reached limit can be read from it.
        if not password_reset_allowed(request=self.request, email=form.cleaned_data["email"]):
            return HttpResponseRedirect(self.get_success_url())
        language = translation.get_language()

        def send():
            with translation.override(language):
                super(PasswordResetView, self).form_valid(form)

        return RedirectThen(self.get_success_url(), then=send)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Choosing a password from an invitation or a reset link signs the person in and takes
    them where they work: programme staff to the admin, researchers to their stories."""

    template_name = "portal/password_reset_confirm.html"
    success_url = reverse_lazy("portal:password_reset_complete")
    post_reset_login = True
    # django-axes' backend comes first and needs the request, which login() does not pass.
    post_reset_login_backend = "django.contrib.auth.backends.ModelBackend"

    def form_valid(self, form):
        if not self.user.is_active:  # a link sent before the account was deactivated
            self.post_reset_login = False
            return super().form_valid(form)
        response = super().form_valid(form)
        messages.success(self.request, _("Your password is saved and you are signed in."))
        if response.url == reverse("admin:index") and not self.request.COOKIES.get(
            settings.LANGUAGE_COOKIE_NAME
        ):
            # The admin has no language in its address: keep the one the password was set in.
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                translation.get_language(),
                max_age=settings.LANGUAGE_COOKIE_AGE,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
                secure=settings.LANGUAGE_COOKIE_SECURE,
            )
        return response

    def get_success_url(self):
        if not self.post_reset_login:
            return super().get_success_url()
        if self.user.is_staff:
            return reverse("admin:index")
        if is_researcher(self.user):
            return reverse("portal:dashboard")
        return super().get_success_url()
