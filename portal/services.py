"""Accounts for the portal: inviting someone by email to set their password."""

from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from stories.notifications import site_url
from wecitizens.models import user_language


def user_invite(*, user):
    """Email `user` a link to set their password (Django's password-reset token), in their
    language. The link works once and expires after PASSWORD_RESET_TIMEOUT."""
    if not user.email:
        return False
    with translation.override(user_language(user)):
        path = reverse(
            "portal:password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
        context = {
            "user": user,
            "url": site_url(path),
            "login_url": site_url(reverse("portal:login")),
        }
        subject = " ".join(render_to_string("portal/email/invite_subject.txt", context).split())
        body = render_to_string("portal/email/invite_body.txt", context)
    send_mail(subject, body, None, [user.email])
    return True
