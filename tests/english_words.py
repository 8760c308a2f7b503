"""The rule every "no English on a Thai screen" test applies: which Latin-script words a person
may read on a Thai screen (proper names, technical tokens) and how to find the others, in a
page's HTML (tests/config/test_thai_screens.py) or in text a browser rendered
(tests/browser/test_thai_crawl.py)."""

import re
from html.parser import HTMLParser

# Proper names, and tokens that are the same in any language: formats, the keys of a keyboard
# ("Control", or "Command" on a Mac), an English honorific given as an example for the English
# field ("Dr."), the language switcher's "English" written in English, and file formats as
# the spreadsheet import lists them ("csv", "xlsx"), and sign-in systems (SSO, LDAP).
ALLOWED_WORDS = {
    "WeCitizens", "PMUA", "URL", "email", "CSV", "XLSX", "JSON", "HTML", "JPEG", "PNG", "WebP",
    "ZIP", "csv", "xlsx", "SSO", "LDAP",
    "RSS", "Atom", "API", "Facebook", "LINE", "IP", "English", "Control", "Command", "Mac", "Dr",
}  # fmt: skip
LATIN_WORD = re.compile(r"[A-Za-z]+")
# An address or path ("/stories/new-slug/") is a technical token, whatever words it holds.
PATH = re.compile(r"(?:https?://\S+|/[\w./-]+/)")
HIDDEN_TAGS = {"script", "style", "template", "textarea"}
TEXT_ATTRIBUTES = ("title", "placeholder", "aria-label", "alt")
BUTTON_INPUTS = {"submit", "button", "reset"}


class _VisibleText(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hidden_depth = 0
        self.texts = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in HIDDEN_TAGS:
            self.hidden_depth += 1
        for name in TEXT_ATTRIBUTES:
            if attrs.get(name):
                self.texts.append(attrs[name])
        if tag == "input" and attrs.get("type") in BUTTON_INPUTS and attrs.get("value"):
            self.texts.append(attrs["value"])

    def handle_startendtag(self, tag, attrs):
        if tag not in HIDDEN_TAGS:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag in HIDDEN_TAGS and self.hidden_depth:
            self.hidden_depth -= 1

    def handle_data(self, data):
        if not self.hidden_depth and data.strip():
            self.texts.append(data)


def english_words(html, allowed=frozenset()):
    """The Latin-script words a person reads on the page, less the allowed ones."""
    page = _VisibleText()
    page.feed(html)
    page.close()
    return latin_words(page.texts, allowed)


def latin_words(texts, allowed=frozenset()):
    """The Latin-script words in `texts` (strings a person reads), less the allowed ones."""
    return [
        word
        for text in texts
        for word in LATIN_WORD.findall(PATH.sub(" ", text))
        if word not in ALLOWED_WORDS and word not in allowed
    ]


def stored_words():
    """The Latin-script words of the test data's own names, which screens show as they are:
    usernames, email addresses, slugs, the password hash a user's page summarises (each part
    cut to a few characters), and what browsers sent as django-axes recorded it."""
    from django.apps import apps
    from django.contrib.auth import get_user_model
    from django.db import models

    User = get_user_model()
    values = [
        *User.objects.values_list("username", flat=True),
        *User.objects.values_list("email", flat=True),
        *(
            part[:length]
            for hash in User.objects.values_list("password", flat=True)
            for part in hash.split("$")
            for length in range(1, 7)
        ),
    ]
    from axes.models import AccessFailureLog, AccessLog

    for model in (AccessLog, AccessFailureLog):
        values += model.objects.values_list("user_agent", flat=True)
        values += model.objects.values_list("http_accept", flat=True)
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.SlugField):
                values += model._default_manager.values_list(field.attname, flat=True)
    return {word for value in values if value for word in LATIN_WORD.findall(value)}
