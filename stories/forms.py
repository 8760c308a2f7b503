import datetime

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from cities.models import City
from core.dates import input_text, screen_language
from core.forms import EraDateTimeField


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


class StoryActionForm(forms.Form):
    """What a workflow button on a story's page sends: a note for the author, a date to
    publish at (typed in the screen's era: 2569 on a Thai screen is 2026)."""

    note = forms.CharField(
        label=_("Note to the author"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 40}),
    )
    publish_at = EraDateTimeField(label=_("Publish at"), required=False)

    def __init__(self, *args, action=None, **kwargs):
        super().__init__(*args, **kwargs)
        language = screen_language()
        example = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0)
        example = input_text(
            example + datetime.timedelta(days=1), "DATETIME_INPUT_FORMATS", language
        )
        # The locale's first format has seconds; a date and a minute are all anyone types.
        example = example.removesuffix(":00")
        help_text = format_lazy(_("For example {example}"), example=example)
        self.fields["publish_at"].help_text = help_text
        # Required in the browser; on the server the workflow says what is missing.
        if action == "request_changes":
            self.fields["note"].widget.attrs["required"] = True
        if action == "schedule":
            self.fields["publish_at"].widget.attrs["required"] = True

    def clean_note(self):
        # Browsers send a textarea's line breaks as CRLF.
        return self.cleaned_data["note"].replace("\r\n", "\n")
