from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.content import ContentRole
from core.models import TimestampedModel


class AboutPage(TimestampedModel):
    """The text of the About page: what WeCitizens is, who runs it and how to reach them.

    There is one About page; the programmes, their years and partners it lists are the
    programmes staff keep in the admin (cities.Programme), so a fact is written only once.
    Contact fields stay empty until the programme publishes an address.
    """

    introduction = models.TextField(
        _("introduction"),
        help_text=_("What WeCitizens is. Separate paragraphs with an empty line."),
    )
    owner = models.CharField(
        _("programme owner"),
        max_length=300,
        help_text=_("The organisation that runs the programme, as readers should see it named."),
    )
    owner_url = models.URLField(_("programme owner's website"), max_length=500, blank=True)
    contribute = models.TextField(
        _("how to contribute"),
        blank=True,
        help_text=_("How readers can propose a story or take part, shown above the contact."),
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_url = models.URLField(
        _("contact page"),
        max_length=500,
        blank=True,
        help_text=_("A form or page where readers reach the team, if there is one."),
    )

    content_role = ContentRole()

    class Meta:
        verbose_name = _("About page")
        verbose_name_plural = _("About page")

    def __str__(self):
        return str(_("About WeCitizens"))

    def get_absolute_url(self):
        return reverse("about:about")

    @property
    def has_contact(self):
        return bool(self.contact_email or self.contact_url)
