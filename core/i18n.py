"""Reading translated fields with an honest fallback.

modeltranslation falls back silently; readers must also be told when the text they see is in
the other language, and screen readers need the right `lang`. `translated()` says which
language a value actually came from.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.utils import translation


def content_languages():
    return [code for code, _name in settings.LANGUAGES]


def active_content_language():
    language = (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return language if language in content_languages() else settings.LANGUAGE_CODE


@dataclass(frozen=True, slots=True)
class TranslatedText:
    text: str
    language: str
    is_fallback: bool

    def __str__(self):
        return self.text

    def __bool__(self):
        return bool(self.text)


def translated(obj, field_name, language=None):
    """The value of `field_name` in `language` (default: the active one), else in the other."""
    wanted = language or active_content_language()
    # Pages call this for every field of every card: the wanted language is tried
    # before the list of the others is built.
    value = getattr(obj, f"{field_name}_{wanted}", None)
    if value:
        return TranslatedText(value, wanted, False)
    for candidate in content_languages():
        if candidate != wanted:
            value = getattr(obj, f"{field_name}_{candidate}", None)
            if value:
                return TranslatedText(value, candidate, True)
    return TranslatedText("", wanted, False)


class TranslationStatusMixin:
    """Tells staff which objects are written in Thai but not yet in English.

    `translation_check_fields` names the translated fields a reader sees first.
    """

    translation_check_fields = ()

    @classmethod
    def missing_english_q(cls):
        condition = Q()
        for field in cls.translation_check_fields:
            has_thai = Q(**{f"{field}_th__gt": ""})
            lacks_english = Q(**{f"{field}_en__isnull": True}) | Q(**{f"{field}_en": ""})
            condition |= has_thai & lacks_english
        return condition

    def fields_missing_english(self):
        return [
            field
            for field in self.translation_check_fields
            if getattr(self, f"{field}_th", "") and not getattr(self, f"{field}_en", "")
        ]
