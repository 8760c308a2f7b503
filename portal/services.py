"""Accounts for the portal: inviting someone by email to set their password, and how often
anyone may ask for a password-reset email."""

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_ratelimit.core import is_ratelimited

from accounts.models import user_language
from stories.notifications import site_url


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


def password_reset_allowed(*, request, email):
    """Whether a password-reset email may go to `email` for this request.

    Counts every request (for known and unknown addresses alike) per email address, compared
    case-insensitively as Django's reset form matches it, and per client address, read as
    django-axes reads it behind the proxy. Both counts live in the default cache
    (django-ratelimit's fixed windows), shared by every worker when the cache is Redis.
    """
    address = email.strip().lower()
    over_email_limit = is_ratelimited(
        request,
        group="portal.password_reset.email",
        key=lambda group, request: address,
        rate=settings.PASSWORD_RESET_RATE_PER_EMAIL,
        increment=True,
    )
    over_client_limit = is_ratelimited(
        request,
        group="portal.password_reset.client",
        key=lambda group, request: get_client_ip_address(request) or "",
        rate=settings.PASSWORD_RESET_RATE_PER_CLIENT,
        increment=True,
    )
    return not (over_email_limit or over_client_limit)
