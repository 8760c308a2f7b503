"""Tag slugs that keep Thai words whole, so a Thai tag's address reads in Thai.

Django's `slugify` keeps only what `str.isalnum()` accepts and so drops Thai vowel and tone
marks (combining marks, category Mn): ข่าว (news), ข้าว (rice) and ขาว (white) would share one
address. These slugs keep letters, marks and digits of every script, in NFC (one spelling per
word, whatever order a keyboard typed its marks in).

The data migration that moved tags from hashed ASCII slugs copies these rules: change them and
it must not follow.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Kept as they are: letters, combining marks and digits of every script, and '_'.
KEPT_CATEGORIES = ("L", "M", "N")

# A tag slug as the open data API's schema states it: lower-case Latin and Thai letters, marks
# and digits, joined by '_' or single '-'. Narrower than `tag_slugify` (which keeps every
# script) so that every value the schema allows is a slug: a JSON Schema pattern cannot say
# "a Unicode letter", and the API's filter checks both this and `validate_tag_slug`.
TAG_SLUG_LETTER = "[0-9a-z\u0e01-\u0e3a\u0e40-\u0e4e\u0e50-\u0e59]"
TAG_SLUG_PATTERN = rf"^(?:{TAG_SLUG_LETTER}+(?:(?:(?:_|-_)+-?|-){TAG_SLUG_LETTER}+)*)?$"


def tag_slugify(name):
    """'ข้าว หอม' → 'ข้าว-หอม', "Don't Panic" → 'dont-panic'.

    As Django's slugify, but keeping marks: spaces and hyphens become one '-', other
    punctuation and symbols are dropped, '-' and '_' are stripped from the ends.
    """
    characters = []
    for character in unicodedata.normalize("NFC", name).lower():
        if character == "-" or character.isspace():
            characters.append("-")
        elif unicodedata.category(character)[0] in KEPT_CATEGORIES or character == "_":
            characters.append(character)
    return re.sub(r"-+", "-", "".join(characters)).strip("-_")


def validate_tag_slug(value):
    """Refuse what no tag slug can be: a slug is its own `tag_slugify` (taggit's -1 included)."""
    if value != tag_slugify(value):
        raise ValidationError(
            _("A tag’s address has only letters, vowel and tone marks, digits, - and _."),
            code="invalid_tag_slug",
        )
