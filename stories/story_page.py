"""The editorial workflow on a story's own page, in the admin and in the researcher portal:
buttons for the transitions the reader may make now, the story's review links with their
state and its history. The rules stay in stories.workflow; this only asks it and shows."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.dates import format_date, screen_language
from stories import workflow
from stories.forms import StoryActionForm
from stories.models import ReviewLinkState

ACTION_BUTTONS = {
    "submit": _("Submit for review"),
    "request_changes": _("Request changes"),
    "publish": _("Publish now"),
    "schedule": _("Schedule"),
    "unpublish": _("Unpublish"),
    "archive": _("Archive"),
}
ACTION_DONE = {
    "submit": _("The story was sent to programme staff for review."),
    "request_changes": _("The story was sent back to its author with your note."),
    "publish": _("The story is published."),
    "schedule": _("The story will be published on %(datetime)s."),
    "unpublish": _("The story was taken off the site; it is a draft again."),
    "archive": _("The story is archived."),
}


@dataclass
class ActionButton:
    name: str
    label: str
    url: str
    form: StoryActionForm


@dataclass
class LinkRow:
    link: object
    state: str
    state_label: str
    url: str
    revoke_url: str


def action_form(action, data=None):
    # Ids per action: a page holds several of these forms.
    return StoryActionForm(data, action=action, auto_id=f"id_{action}_%s")


def action_buttons(*, story, user, url_for, only=None, form=None, failed_action=None):
    """A button per transition `user` may make on `story` now; `url_for(action)` is where it
    posts. `form` (bound, with errors) goes back to the button named `failed_action`."""
    buttons = []
    for action in workflow.story_actions_open(story=story, user=user):
        if only is not None and action not in only:
            continue
        shown = form if action == failed_action else action_form(action)
        buttons.append(ActionButton(action, ACTION_BUTTONS[action], url_for(action), shown))
    return buttons


def link_rows(*, story, request, revoke_url_for):
    """Every review link of the story, newest first, with its state; an active one with its
    address to copy and a way to revoke it."""
    rows = []
    for link in story.review_links.select_related("answer", "story"):
        state = link.state
        active = state == ReviewLinkState.ACTIVE
        rows.append(
            LinkRow(
                link=link,
                state=state,
                state_label=ReviewLinkState(state).label,
                url=workflow.review_link_url(link, request) if active else "",
                revoke_url=revoke_url_for(link) if active else "",
            )
        )
    return rows


def transition_from_request(*, request, story, action):
    """Make `action` on `story` with what the button posted.

    Returns None when the story moved (with a success message) or when the workflow refused it
    for the story's state (with the reason as an error message); when the input itself was
    wrong, the form carrying the errors, for a 400 page.
    PermissionDenied from the workflow goes up (403).
    """
    form = action_form(action, request.POST)
    if not form.is_valid():
        return form
    data = form.cleaned_data
    try:
        workflow.story_transition(
            story=story, action=action, by=request.user, note=data["note"], at=data["publish_at"]
        )
    except workflow.REFUSALS as refusal:
        messages.error(request, " ".join(refusal.messages))
        return None
    except ValidationError as error:
        if not hasattr(error, "error_dict"):
            form.add_error(None, error.messages)
            return form
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
        return form
    done = ACTION_DONE[action]
    if action == "schedule":
        at = timezone.localtime(story.published_at)
        done = done % {"datetime": format_date(at, "DATETIME_FORMAT", screen_language())}
    messages.success(request, done)
    return None


def review_link_create_response(*, request, story, back_url):
    """Make a review link and go back to the story's page.

    The page's script asks for JSON (Accept: application/json) so that one click makes the
    link and copies it: it gets the link's address, copies it, then goes back itself.
    """
    wants_json = request.headers.get("Accept") == "application/json"
    try:
        link = workflow.review_link_create(story=story, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        if wants_json:
            return JsonResponse({"next": back_url}, status=409)
        return redirect(back_url)
    messages.success(request, _("Review link created. Copy it and send it to the person."))
    if wants_json:
        url = workflow.review_link_url(link, request)
        return JsonResponse({"url": url, "id": link.pk, "next": back_url}, status=201)
    return redirect(back_url)


def review_link_revoke_from_request(*, request, link):
    workflow.review_link_revoke(link=link)
    messages.success(request, _("The review link no longer works."))
