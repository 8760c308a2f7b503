"""Emails about the editorial workflow, each written in its recipient's language.

They are sent after the change is committed, and a mail server that is down never undoes or
blocks the change itself: the failure is logged for the operators and the work is kept.
"""

import logging
import smtplib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from accounts.models import user_language

logger = logging.getLogger(__name__)


def site_url(path):
    return (settings.WECITIZENS_SITE_URL or "http://localhost:8000").rstrip("/") + path


def _send(*, to, template, context):
    """Render `stories/email/<template>_subject.txt` and `_body.txt` in `to`'s language."""
    if not to.email:
        return
    with translation.override(user_language(to)):
        context = {**context, "recipient": to}
        subject = " ".join(
            render_to_string(f"stories/email/{template}_subject.txt", context).split()
        )
        body = render_to_string(f"stories/email/{template}_body.txt", context)
        try:
            send_mail(subject, body, None, [to.email])
        except (OSError, smtplib.SMTPException):
            logger.exception("Could not send the %s email to user %s", template, to.pk)


def publishing_staff():
    """Active users allowed to publish: they review what researchers submit."""
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    return users.filter(
        Q(is_superuser=True)
        | Q(groups__permissions__codename="publish_story")
        | Q(user_permissions__codename="publish_story")
    ).distinct()


def story_submitted(*, story, by):
    for user in publishing_staff():
        if by is not None and user.pk == by.pk:
            continue
        with translation.override(user_language(user)):
            url = site_url(reverse("admin:stories_story_change", args=[story.pk]))
        _send(to=user, template="submitted", context={"story": story, "url": url, "by": by})


def changes_requested(*, story, note):
    if story.author is None:
        return
    with translation.override(user_language(story.author)):
        url = site_url(reverse("portal:story_edit", args=[story.pk]))
    _send(
        to=story.author,
        template="changes_requested",
        context={"story": story, "note": note, "url": url},
    )


def story_published(*, story):
    if story.author is None:
        return
    with translation.override(user_language(story.author)):
        url = site_url(story.get_absolute_url())
    _send(to=story.author, template="published", context={"story": story, "url": url})


def review_answered(*, answer):
    """The person holding a review link answered: the story's author and staff are told."""
    story = answer.story
    context = {"story": story, "answer": answer}
    if story.author is not None:
        with translation.override(user_language(story.author)):
            url = site_url(reverse("portal:story_detail", args=[story.pk]))
        _send(to=story.author, template="review_answered", context={**context, "url": url})
    for user in publishing_staff():
        if user.pk == story.author_id:
            continue
        with translation.override(user_language(user)):
            url = site_url(reverse("admin:stories_story_change", args=[story.pk]))
        _send(to=user, template="review_answered", context={**context, "url": url})
