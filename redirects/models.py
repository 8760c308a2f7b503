from django.db import models
from django.utils.translation import gettext_lazy as _

from redirects.paths import normalize_path


class SlugRedirect(models.Model):
    """An old public address that now lives elsewhere, answered with a permanent redirect.

    Paths are stored without the language prefix (`/stories/old-slug/`), so one row serves the
    Thai address and its English twin under `/en/`. Rows are written automatically when staff
    change a slug, and staff may add their own (for example after merging two stories).
    """

    old_path = models.CharField(
        _("old address"),
        max_length=300,
        unique=True,
        help_text=_("The path without the language prefix, e.g. /stories/old-slug/"),
    )
    new_path = models.CharField(
        _("new address"),
        max_length=300,
        help_text=_("The path without the language prefix, e.g. /stories/new-slug/"),
    )
    is_automatic = models.BooleanField(
        _("made automatically"), default=False, help_text=_("Written when a slug changed.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("redirect")
        verbose_name_plural = _("redirects")
        ordering = ["old_path"]

    def __str__(self):
        return f"{self.old_path} → {self.new_path}"

    def clean(self):
        self.old_path = normalize_path(self.old_path)
        self.new_path = normalize_path(self.new_path)
