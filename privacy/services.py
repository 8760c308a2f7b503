"""A person's data: their deletion request, the deletion, the export (PDPA)."""

import logging

from django.contrib.auth import get_user_model
from django.core.mail import mail_managers
from django.db import transaction
from django.utils import timezone

from core.content import content_changed
from privacy.models import DeletionRequest, DeletionStatus

logger = logging.getLogger(__name__)


def deletion_request_create(*, user, reason=""):
    """Record a person's request to delete their account, and tell the site's managers.

    The request is saved first: a mail server that is down never loses it.
    """
    deletion = DeletionRequest.objects.filter(user=user, status=DeletionStatus.PENDING).first()
    if deletion is None:
        deletion = DeletionRequest.objects.create(
            user=user, username=user.get_username(), reason=reason[:5000]
        )
    try:
        mail_managers(
            "Account deletion request",
            f"{user.get_username()} asked for their account to be deleted. "
            "Confirm it in the admin under Deletion requests.",
        )
    except Exception:
        logger.exception("Could not e-mail the managers about deletion request %s", deletion.pk)
    return deletion


@transaction.atomic
def account_delete(*, request: DeletionRequest, decided_by):
    """Delete the account named in a deletion request; its stories stay on the site.

    Stories the person wrote move to `request.stories_reassigned_to`, or keep no author.
    Their change history keeps the versions but no longer names them.
    """
    from stories.models import Story

    user = request.user
    if user is not None:
        written = list(Story.objects.filter(author=user).values_list("pk", flat=True))
        Story.objects.filter(pk__in=written).update(author=request.stories_reassigned_to)
        content_changed(Story.objects.filter(pk__in=written))  # update() sends no signal
        get_user_model().objects.filter(pk=user.pk).delete()
    request.user = None
    request.status = DeletionStatus.COMPLETED
    request.decided_at = timezone.now()
    request.decided_by = decided_by
    request.save()
    return request


def user_data_export(*, user):
    """Everything the site holds about a person, as a JSON-ready dict (PDPA right of access)."""
    from axes.models import AccessAttempt, AccessLog
    from reversion.models import Revision

    from stories.models import Story

    def timestamp(value):
        return value.isoformat() if value else None

    stories = Story.objects.filter(author=user).order_by("pk")
    return {
        "account": {
            "username": user.get_username(),
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "date_joined": timestamp(user.date_joined),
            "last_login": timestamp(user.last_login),
            "is_staff": user.is_staff,
            "groups": sorted(user.groups.values_list("name", flat=True)),
        },
        "stories_written": [
            {
                "slug": story.slug,
                "title_th": story.title_th,
                "title_en": story.title_en,
                "status": story.status,
                "created_at": timestamp(story.created_at),
                "updated_at": timestamp(story.updated_at),
            }
            for story in stories
        ],
        "changes_made": [
            {"date": timestamp(revision.date_created), "comment": revision.get_comment()}
            for revision in Revision.objects.filter(user=user).order_by("date_created")
        ],
        "logins": [
            {"at": timestamp(log.attempt_time), "ip_address": log.ip_address}
            for log in AccessLog.objects.filter(username=user.get_username()).order_by("pk")
        ],
        "failed_logins": [
            {"at": timestamp(attempt.attempt_time), "ip_address": attempt.ip_address}
            for attempt in AccessAttempt.objects.filter(username=user.get_username())
        ],
        "deletion_requests": [
            {"requested_at": timestamp(d.requested_at), "status": d.status}
            for d in user.deletion_requests.all()
        ],
    }
