from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def _language_choices():
    return settings.LANGUAGES


class UserProfile(models.Model):
    """What we keep about a person who logs in, beyond Django's user: the language they read.

    Emails to them (invitations, review notes) are written in this language.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="profile",
        verbose_name=_("user"),
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=_language_choices,
        default="th",
        help_text=_("Emails to this person are written in this language."),
    )

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self):
        return str(self.user)


def user_language(user):
    """The language to write to `user` in: their profile's, or the site's default."""
    profile = UserProfile.objects.filter(user=user).first() if user and user.pk else None
    return profile.language if profile else settings.LANGUAGE_CODE
