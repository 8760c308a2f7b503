from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from cities.models import City


class FacebookArchiveForm(forms.Form):
    """The upload of a Facebook Page export, checked (dry run) before anything is imported."""

    archive = forms.FileField(
        label=_("Facebook Page export (ZIP)"),
        help_text=_(
            "In Facebook: Settings, Download your information, format JSON. Upload the ZIP "
            "file as it is."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".zip,application/zip"}),
    )
    city_hint = forms.ModelChoiceField(
        label=_("City of posts that name none"),
        queryset=City.objects.all(),
        required=False,
        help_text=_("Leave empty to leave such stories without a city."),
    )

    def clean_archive(self):
        archive = self.cleaned_data["archive"]
        limit = settings.WECITIZENS_MAX_FACEBOOK_ARCHIVE_BYTES
        if archive.size > limit:
            raise forms.ValidationError(
                _("This file is too large (%(size)s MB). The limit is %(limit)s MB."),
                params={"size": round(archive.size / 1024**2, 1), "limit": limit // 1024**2},
                code="archive_too_large",
            )
        return archive


class FacebookImportConfirmForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput, max_length=32)
    city_hint = forms.ModelChoiceField(
        queryset=City.objects.all(), required=False, widget=forms.HiddenInput
    )
