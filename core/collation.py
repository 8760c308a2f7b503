"""Thai alphabetical order on both databases.

PostgreSQL's default "C" collation sorts by code point, which puts the leading vowels
(เ แ โ ใ ไ) after every consonant: เกม lands after ฮ instead of next to กา. PostgreSQL's ICU
collation "th-TH-x-icu" sorts Thai correctly. SQLite has no ICU, so we register a collation
of the same name whose key approximates it: a leading vowel sorts after the consonant it is
written before, and tone marks only break ties.

PyThaiNLP's `collate` swaps leading vowels the same way but appends the word's tone mark to
its key, so a toned word sorts after the longer words it begins (ร้อยเอ็ด before ร้อย, ข่า
after ขาวา), and it does not fold case. This key orders the seed's city and person names and
the words of tests/core/test_collation.py as ICU does; PyThaiNLP's does not.
"""

import re

from django.db.models.functions import Collate

THAI_COLLATION = "th-TH-x-icu"

_LEADING_VOWEL = re.compile(r"([\u0e40-\u0e44])([\u0e01-\u0e2e])")
_TONE_AND_SIGNS = re.compile(r"[\u0e47-\u0e4e]")


def thai_sort_key(text):
    swapped = _LEADING_VOWEL.sub(r"\2\1", text or "")
    return (_TONE_AND_SIGNS.sub("", swapped).casefold(), swapped)


def _compare(left, right):
    left_key, right_key = thai_sort_key(left), thai_sort_key(right)
    return (left_key > right_key) - (left_key < right_key)


def register_thai_collation_on_sqlite(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_collation(THAI_COLLATION, _compare)


def thai_ordered(expression):
    """An ORDER BY expression sorting a text column in Thai alphabetical order."""
    return Collate(expression, THAI_COLLATION)
