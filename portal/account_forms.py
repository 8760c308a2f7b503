"""The forgotten-password form, which also answers someone whose invitation lapsed."""

import unicodedata

from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.utils import translation

from portal.services import invitation_pending, user_invite


def _same_address(one, other):
    return unicodedata.normalize("NFKC", one).casefold() == (
        unicodedata.normalize("NFKC", other).casefold()
    )


class PasswordResetOrInvitationForm(PasswordResetForm):
    """Django's password-reset form, except that an active account without a password yet (an
    invitation that lapsed before it was used) gets a fresh invitation in the language asked
    in. Django's form skips such accounts, and so sent nothing. Inactive accounts still get
    nothing; the answer on screen is the same in every case (portal.views.PasswordResetView).
    """

    def get_users(self, email):
        User = get_user_model()
        email_field = User.get_email_field_name()
        users = User._default_manager.filter(**{f"{email_field}__iexact": email, "is_active": True})
        return (user for user in users if _same_address(email, getattr(user, email_field)))

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        user = context["user"]
        if invitation_pending(user):
            user_invite(user=user, language=translation.get_language())
        elif user.has_usable_password():
            super().send_mail(subject_template_name, email_template_name, context, *args, **kwargs)
