from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DeletionStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for staff")
    COMPLETED = "completed", _("Account deleted")
    DECLINED = "declined", _("Declined")


class DeletionRequest(models.Model):
    """A person's request, under Thailand's PDPA, that the site delete their account.

    Staff confirm it in the admin. Their published stories stay on the site, credited to
    whom the staff decide (`stories_reassigned_to`, or nobody); the account and its
    personal details go.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="deletion_requests",
        null=True,
        blank=True,
        verbose_name=_("user"),
    )
    username = models.CharField(_("username"), max_length=150)
    reason = models.TextField(_("reason"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=DeletionStatus.choices,
        default=DeletionStatus.PENDING,
        db_index=True,
    )
    stories_reassigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("credit their stories to"),
        help_text=_("A staff account their stories move to; empty leaves the stories unsigned."),
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("decided by"),
    )

    class Meta:
        verbose_name = _("deletion request")
        verbose_name_plural = _("deletion requests")
        ordering = ["-requested_at"]

    def __str__(self):
        return f"{self.username} ({self.get_status_display()})"
