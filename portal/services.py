"""Accounts for the portal: inviting someone by email to set their password, giving an account
its role, and how often anyone may ask for a password-reset email."""

from datetime import timedelta

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_ratelimit.core import is_ratelimited

from accounts.models import user_language
from core.dates import date_in_words
from stories.notifications import site_url
from stories.roles import ROLE_GROUPS, Role, user_role


def user_invite(*, user, language=None, renew=False):
    """Email `user` a link to set their password, written for their role, in `language` (by
    default their own). Returns whether an email went out (not without an address).

    The link is Django's password-reset token: it works once and for PASSWORD_RESET_TIMEOUT.
    It is a hash of the password field, among others, so `renew=True` (a resend from the
    admin) first draws a new unusable password: every link sent earlier stops working.
    Setting the password, or signing in, ends a link too.
    """
    if not user.email:
        return False
    if renew:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    language = language or user_language(user)
    with translation.override(language):
        path = reverse(
            "portal:password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
        role = user_role(user)
        is_staff = role == Role.PROGRAMME_STAFF or user.is_staff
        valid_for = timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT)
        context = {
            "user": user,
            "role": role,
            "url": site_url(path),
            "login_url": site_url(reverse("admin:login" if is_staff else "portal:login")),
            "reset_url": site_url(reverse("portal:password_reset")),
            "valid_days": max(1, round(valid_for / timedelta(days=1))),
            "valid_until": date_in_words(timezone.localtime(timezone.now() + valid_for), language),
        }
        subject = " ".join(render_to_string("portal/email/invite_subject.txt", context).split())
        body = render_to_string("portal/email/invite_body.txt", context)
    send_mail(subject, body, None, [user.email])
    return True


def invitation_pending(user):
    """Whether `user` was invited and has not chosen a password yet: an invitation (again)
    makes sense for them."""
    return user.is_active and bool(user.email) and not user.has_usable_password()


def user_role_set(*, user, role):
    """Give `user` `role` in one step: the role's group and no other role group; programme
    staff get the admin (is_staff) with it, and lose it with it. A superuser keeps the admin.
    An empty `role` takes both role groups away."""
    groups = {group.name: group for group in Group.objects.filter(name__in=ROLE_GROUPS.values())}
    user.groups.remove(*groups.values())
    if role:
        user.groups.add(groups[ROLE_GROUPS[Role(role)]])
    is_staff = role == Role.PROGRAMME_STAFF or user.is_superuser
    if user.is_staff != is_staff:
        user.is_staff = is_staff
        user.save(update_fields=["is_staff"])


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
