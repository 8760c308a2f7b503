"""Writes to stories that follow editorial rules: the status machine lives here and only here.

    draft → submitted → changes requested → submitted → … → published → archived
    published → draft (unpublish)

Staff may also publish or schedule a draft they wrote themselves. Neither is allowed while the
story features someone who may not appear publicly (StoryPersonQuerySet.public): staff
confirm the person and record their consent, or remove them, first. A story is scheduled by
publishing it with a future `published_at`: `Story.objects.published()` hides it until then,
so no job has to run. Every transition is recorded in `StoryTransition`. The portal, the admin
and its bulk actions all call these functions.
"""

import datetime

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core.siteurl import absolute_url
from history.versions import version_before_delete
from stories import notifications
from stories.models import (
    Consent,
    ReviewAnswer,
    ReviewDecision,
    ReviewLink,
    Story,
    StoryPerson,
    StoryStatus,
    StoryTransition,
)

S = StoryStatus
PUBLISH_PERMISSION = "stories.publish_story"
REVIEW_LINK_SALT = "stories.review_link"
REVIEW_LINK_DAYS = 14

# action → (statuses it may start from, status it leads to)
TRANSITIONS = {
    "submit": ({S.DRAFT, S.CHANGES_REQUESTED}, S.SUBMITTED),
    "request_changes": ({S.SUBMITTED}, S.CHANGES_REQUESTED),
    "publish": ({S.DRAFT, S.SUBMITTED, S.CHANGES_REQUESTED}, S.PUBLISHED),
    "schedule": ({S.DRAFT, S.SUBMITTED, S.CHANGES_REQUESTED, S.PUBLISHED}, S.PUBLISHED),
    "unpublish": ({S.PUBLISHED}, S.DRAFT),
    "archive": ({S.DRAFT, S.CHANGES_REQUESTED, S.PUBLISHED}, S.ARCHIVED),
}
ACTION_LABELS = {
    "submit": _("submit it for review"),
    "request_changes": _("request changes"),
    "publish": _("publish it"),
    "schedule": _("schedule it"),
    "unpublish": _("unpublish it"),
    "archive": _("archive it"),
}


class IllegalTransition(ValidationError):
    """The story's status does not allow what was asked."""


class ReviewAlreadyAnswered(ValidationError):
    """A review link takes one answer; this one has it."""


class FeaturedPeopleNotCleared(ValidationError):
    """The story features someone who may not appear publicly yet."""


# What the bulk actions report per story and go on: the others may still move.
REFUSALS = (IllegalTransition, FeaturedPeopleNotCleared)


def can_publish(user):
    return user is not None and user.is_active and user.has_perm(PUBLISH_PERMISSION)


def is_author(user, story):
    return user is not None and story.author_id is not None and story.author_id == user.pk


def _check_transition(story, action):
    sources, _target = TRANSITIONS[action]
    if story.status not in sources:
        raise IllegalTransition(
            _("A story that is “%(status)s” cannot %(action)s."),
            params={"status": S(story.status).label, "action": ACTION_LABELS[action]},
            code="illegal_transition",
        )


def _check_staff(by):
    # by=None is the system itself (data loading, tests of the rules alone).
    if by is not None and not can_publish(by):
        raise PermissionDenied(_("Only programme staff may do this."))


def _not_cleared_reason(feature):
    reasons = []
    if not feature.person.is_published:
        reasons.append(_("not confirmed by staff"))
    if feature.consent != Consent.GIVEN:
        reasons.append(format_lazy(_("consent: {consent}"), consent=Consent(feature.consent).label))
    return format_lazy("{person} ({reasons})", person=feature.person, reasons=_join(reasons))


def _join(parts):
    """Lazy texts joined lazily: each is translated when the message is read."""
    return format_lazy("; ".join(["{}"] * len(parts)), *parts)


def check_people_cleared(story):
    """Refuse to let a story go public while it features someone not cleared to appear."""
    missing = story.featured_people.not_public().select_related("person")
    if missing:
        raise FeaturedPeopleNotCleared(
            _(
                "This story cannot be published or scheduled until everyone featured in it "
                "may appear: %(people)s. Confirm each person (“published” on their record) "
                "and record their consent as “Given”, or remove them from the story."
            ),
            params={"people": _join([_not_cleared_reason(feature) for feature in missing])},
            code="featured_people_not_cleared",
        )


def _move(story, *, action, by, note="", **changes):
    _check_transition(story, action)
    from_status = story.status
    story.status = TRANSITIONS[action][1]
    for field, value in changes.items():
        setattr(story, field, value)
    story.full_clean()
    story.save()
    StoryTransition.objects.create(
        story=story, user=by, from_status=from_status, to_status=story.status, note=note
    )
    return story


def _is_public_already(story):
    return story.status == S.PUBLISHED and story.is_public


def story_actions_open(*, story: Story, user) -> list[str]:
    """The transitions `user` may make on `story` now, in TRANSITIONS order: what a story's
    page offers as buttons. Read from the same table and checks the services use. Publishing
    is offered even while someone featured is not cleared: the service then says who."""
    staff = can_publish(user)
    actions = []
    for action, (sources, _target) in TRANSITIONS.items():
        if story.status not in sources:
            continue
        if action == "submit" and not (staff or is_author(user, story)):
            continue
        if action != "submit" and not staff:
            continue
        if action == "schedule" and _is_public_already(story):
            continue
        actions.append(action)
    return actions


def story_transition(*, story: Story, action: str, by, note: str = "", at=None) -> Story:
    """Make the transition named `action` (a key of TRANSITIONS) through its service."""
    if action == "submit":
        return story_submit(story=story, by=by)
    if action == "request_changes":
        return story_request_changes(story=story, by=by, note=note)
    if action == "schedule":
        return story_schedule(story=story, at=at, by=by, note=note)
    services = {"publish": story_publish, "unpublish": story_unpublish, "archive": story_archive}
    return services[action](story=story, by=by, note=note)


@transaction.atomic
def story_submit(*, story: Story, by) -> Story:
    """The author (or staff) hands a draft to staff for review; staff are told by email."""
    if by is not None and not (is_author(by, story) or can_publish(by)):
        raise PermissionDenied(_("Only the author may submit this story."))
    _move(story, action="submit", by=by)
    transaction.on_commit(lambda: notifications.story_submitted(story=story, by=by))
    return story


@transaction.atomic
def story_request_changes(*, story: Story, by, note: str) -> Story:
    """Staff send a submitted story back to its author with a note saying what to change."""
    _check_staff(by)
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Tell the author what to change.")}, code="note_required")
    _move(story, action="request_changes", by=by, note=note)
    transaction.on_commit(lambda: notifications.changes_requested(story=story, note=note))
    return story


@transaction.atomic
def story_publish(*, story: Story, by=None, note: str = "") -> Story:
    """Publish now. A story already given a date keeps it (a future one stays scheduled)."""
    _check_staff(by)
    _check_transition(story, "publish")
    check_people_cleared(story)
    published_at = story.published_at or timezone.now()
    _move(story, action="publish", by=by, note=note, published_at=published_at)
    transaction.on_commit(lambda: notifications.story_published(story=story))
    return story


@transaction.atomic
def story_schedule(*, story: Story, at: datetime.datetime, by=None, note: str = "") -> Story:
    """Publish at a future moment; the story appears by itself then."""
    _check_staff(by)
    if at is None or at <= timezone.now():
        raise ValidationError(
            {"published_at": _("Choose a moment in the future to schedule a story.")},
            code="schedule_in_past",
        )
    if _is_public_already(story):
        raise IllegalTransition(
            _("This story is already public: unpublish it before scheduling it again."),
            code="illegal_transition",
        )
    _check_transition(story, "schedule")
    check_people_cleared(story)
    was_published = story.status == S.PUBLISHED
    _move(story, action="schedule", by=by, note=note, published_at=at)
    if not was_published:
        transaction.on_commit(lambda: notifications.story_published(story=story))
    return story


@transaction.atomic
def story_unpublish(*, story: Story, by=None, note: str = "") -> Story:
    """Take a story off the site; it goes back to draft, keeping its date."""
    _check_staff(by)
    return _move(story, action="unpublish", by=by, note=note)


@transaction.atomic
def story_archive(*, story: Story, by=None, note: str = "") -> Story:
    """Retire a story: off the site and out of the workflow, but kept."""
    _check_staff(by)
    return _move(story, action="archive", by=by, note=note)


def _bulk(stories, action, *, refused=None, **kwargs):
    """Apply a transition to each story that allows it; return how many moved.

    Stories whose status forbids it are skipped; `refused`, if given, collects
    (story, error) for them so the caller can say why.
    """
    done = 0
    for story in stories.select_related("city", "author"):
        try:
            action(story=story, **kwargs)
        except REFUSALS as error:
            if refused is not None:
                refused.append((story, error))
            continue
        done += 1
    return done


def stories_publish(*, stories, by=None, refused=None):
    return _bulk(stories, story_publish, by=by, refused=refused)


def stories_unpublish(*, stories, by=None, refused=None):
    return _bulk(stories, story_unpublish, by=by, refused=refused)


def stories_archive(*, stories, by=None, refused=None):
    return _bulk(stories, story_archive, by=by, refused=refused)


def stories_request_changes(*, stories, by, note, refused=None):
    return _bulk(stories, story_request_changes, by=by, note=note, refused=refused)


def stories_schedule(*, stories, by, at, refused=None):
    return _bulk(stories, story_schedule, by=by, at=at, refused=refused)


# --- Restored and recovered versions (content history, stories.admin) ---------------

# A story's state rather than its content: only the workflow above and staff's own edits set
# these. Restoring an older version never brings back an old value of them, so the content
# history cannot publish, unpublish, re-date, re-feature or hand a story to another author.
WORKFLOW_FIELDS = ("status", "published_at", "is_featured", "author")


def story_workflow_state(*, story: Story) -> dict:
    """What a restored version of this story must keep: its workflow fields and whom it
    features today, with the order and consent recorded for each of them.

    Featuring decides who appears publicly (StoryPersonQuerySet.public), so a restore must not
    bring back a person removed since that version, nor drop one featured since. Each featuring
    keeps its primary key: the restore form's inline rows name it, and the revert behind that
    form deletes the rows its version did not have."""
    return {
        "fields": {
            field: getattr(story, story._meta.get_field(field).attname) for field in WORKFLOW_FIELDS
        },
        "featuring": {
            feature.person_id: {
                "pk": feature.pk,
                "order": feature.order,
                "consent": feature.consent,
                "consent_note": feature.consent_note,
            }
            for feature in story.featured_people.all()
        },
    }


def story_workflow_state_keep(*, story_id, state: dict) -> None:
    """Put back what `story_workflow_state` read, after a version's content was restored."""
    attnames = {
        Story._meta.get_field(field).attname: value for field, value in state["fields"].items()
    }
    Story.objects.filter(pk=story_id).update(**attnames)
    featuring = state["featuring"]
    StoryPerson.objects.filter(story_id=story_id).exclude(person_id__in=featuring).delete()
    for person_id, kept in featuring.items():
        pk, values = kept["pk"], {k: v for k, v in kept.items() if k != "pk"}
        StoryPerson.objects.filter(story_id=story_id, person_id=person_id).exclude(pk=pk).delete()
        StoryPerson.objects.update_or_create(
            pk=pk, defaults={"story_id": story_id, "person_id": person_id, **values}
        )


def story_recover(*, story_id, by) -> Story:
    """A deleted story recovered from its last version comes back as a draft, whatever it was.

    Recovering is content history, not a workflow step: it must not put a story back on the
    site. Staff publish it again through the workflow. The step is recorded like any other.
    """
    story = Story.objects.get(pk=story_id)
    from_status = story.status
    Story.objects.filter(pk=story_id).update(status=S.DRAFT)
    story.status = S.DRAFT
    StoryTransition.objects.create(
        story=story,
        user=by,
        from_status=from_status,
        to_status=S.DRAFT,
        note=_("Recovered after deletion, as a draft."),
    )
    return story


# --- Review links for interviewees -------------------------------------------------------


def review_links_open(story: Story) -> bool:
    """Whether new review links may be made for this story: only before it is published."""
    return story.status not in (S.PUBLISHED, S.ARCHIVED)


def can_manage_review_links(user, story: Story) -> bool:
    """The story's author and programme staff make and revoke its review links."""
    return is_author(user, story) or can_publish(user)


def review_link_create(*, story: Story, by, days: int = REVIEW_LINK_DAYS) -> ReviewLink:
    """A link an interviewee can open without an account, until it expires or is revoked."""
    if not review_links_open(story):
        raise IllegalTransition(
            _("Review links are only for stories that are not published yet."),
            code="illegal_transition",
        )
    link = ReviewLink(
        story=story, created_by=by, expires_at=timezone.now() + datetime.timedelta(days=days)
    )
    link.full_clean()
    link.save()
    return link


def review_link_revoke(*, link: ReviewLink) -> ReviewLink:
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
    return link


def _review_link_signer():
    return signing.Signer(salt=REVIEW_LINK_SALT)


def review_link_token(link: ReviewLink) -> str:
    """The signed part of a link's address: the same every time it is shown, since the link's
    own row says until when it works (expiry, revocation, answer)."""
    return _review_link_signer().sign_object(link.pk, compress=True)


def review_link_url(link: ReviewLink, request) -> str:
    """The address to send the interviewee: on the configured site, whatever the Host header."""
    return absolute_url(request, reverse("portal:review", args=[review_link_token(link)]))


def review_link_from_token(token: str):
    """The active link a token names, or None if it is forged, expired, revoked or spent."""
    try:
        if token.count(":") == 1:
            pk = _review_link_signer().unsign_object(token)
        else:
            # Addresses given out before tokens were stable carry the time they were made.
            pk = signing.loads(
                token, salt=REVIEW_LINK_SALT, max_age=datetime.timedelta(days=REVIEW_LINK_DAYS + 1)
            )
    except signing.BadSignature:
        return None
    if not isinstance(pk, int):
        return None
    link = ReviewLink.objects.select_related("story").filter(pk=pk).first()
    return link if link and link.is_active else None


def review_answer_give(*, link: ReviewLink, decision: str, name: str, comment: str = ""):
    """The interviewee approves the story or asks for corrections, once per link; the author
    and staff are told by email. A correction needs a comment saying what to correct."""
    name = (name or "").strip()
    comment = (comment or "").strip()
    errors = {}
    if decision not in ReviewDecision.values:
        errors["decision"] = _("Choose “I approve” or “Please correct”.")
    if not name:
        errors["name"] = _("Write your name.")
    if decision == ReviewDecision.CORRECT and not comment:
        errors["comment"] = _("Say what should be corrected.")
    if errors:
        raise ValidationError(errors, code="invalid_review_answer")
    if ReviewAnswer.objects.filter(link=link).exists():
        raise review_already_answered()
    answer = ReviewAnswer(
        link=link, story=link.story, decision=decision, name=name, comment=comment
    )
    answer.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            answer.save()
    except IntegrityError:
        # Another request answered the same link a moment earlier.
        raise review_already_answered() from None
    transaction.on_commit(lambda: notifications.review_answered(answer=answer))
    return answer


def review_already_answered():
    return ReviewAlreadyAnswered(
        _("This review link has already been answered; the answer cannot be changed."),
        code="already_answered",
    )


# --- Deleting a draft ------------------------------------------------------------------------


def story_delete_draft(*, story: Story, by) -> None:
    """The author deletes a story that has not gone to staff yet (a draft, or one sent back
    for changes). A version is kept first (history.versions), so staff can recover it."""
    if not is_author(by, story):
        raise PermissionDenied
    if not story.is_editable_by_author:
        raise ValidationError(
            _("Only a draft, or a story sent back for changes, can be deleted by its author."),
            code="not_a_draft",
        )
    with transaction.atomic():
        version_before_delete(objects=[story], user=by)
        story.delete()
