from django import forms
from django.urls import reverse
from js_asset import Script


class RichTextarea(forms.Textarea):
    """A textarea that static/js/rich-text-editor.js turns into the rich-text editor
    (django-prose-editor's ProseMirror build, served from our static files, no inline script).

    Without JavaScript it stays a plain textarea accepting the same HTML; the model sanitizes
    whatever arrives (core.html).
    """

    def __init__(self, attrs=None):
        super().__init__(attrs={"data-rich-text": "", "rows": 12, **(attrs or {})})

    @property
    def media(self):
        return forms.Media(
            css={
                "all": [
                    "django_prose_editor/material-icons.css",
                    "django_prose_editor/editor.css",
                    "css/rich-text-editor.css",
                ]
            },
            # The catalogue first: the editor's labels are translated as it starts.
            js=[reverse("javascript_catalog"), Script("js/rich-text-editor.js", type="module")],
        )
