"""Latin spellings of names: ร้อยเอ็ด found by "Roi Et", กะดีจีน by "Kadeejeen" or "Kad Jeen".

Thai names are written in Latin letters many ways: with or without spaces (Hat Yai, Hatyai),
with or without aspirates (Phitsanulok, Pitsanulok), with long vowels doubled or not
(Kadeejeen, Kadichin), จ as ch or j. A search document keeps the keys of its names (the model's
`SearchFields.names`) from its English text and from its Thai romanised
(`core.thai.romanize_words`): one for every run of up to `MAX_RUN` words, in two strengths.
`sound_key` drops spaces, aspirates and vowel length ("kadicin"); `consonant_key` drops the
vowels too ("kdcn"), so a spelling that skips a syllable's vowel (Kad Jeen) still matches.
A query in Latin letters matches a document holding one of its keys as a whole key: "kdcn"
never matches inside a longer key.
"""

import re
import unicodedata
from functools import lru_cache

from core import thai

MAX_RUN = 4
# Shorter keys match too much: "rt" is Roi Et, but also "route" and "art".
MIN_SOUND_KEY = 4
MIN_CONSONANT_KEY = 3
# A query is looked for by its consonants only when it is this long: "among" is not เมือง.
MIN_LOOSE_QUERY = 6
# Applied in this order to lower-case letters, before doubled letters are collapsed.
VARIANTS = (
    ("ph", "p"),
    ("th", "t"),
    ("kh", "k"),
    ("ch", "c"),
    ("j", "c"),
    ("sh", "s"),
    ("v", "w"),
    ("ee", "i"),
    ("oo", "u"),
)
DOUBLED = re.compile(r"(.)\1+")
NOT_LATIN = re.compile("[^a-z]")
VOWELS = re.compile("[aeiou]")


def latin_letters(text):
    """`text` lower-cased in plain Latin letters, accents and everything else dropped."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return NOT_LATIN.sub("", decomposed)


# Names repeat from document to document: keys were half the cost of indexing them.
@lru_cache(maxsize=65536)
def sound_key(text):
    key = latin_letters(text)
    for spelling, sound in VARIANTS:
        key = key.replace(spelling, sound)
    return DOUBLED.sub(r"\1", key)


def consonant_key(key):
    return DOUBLED.sub(r"\1", VOWELS.sub("", key))


def _keys(words, min_loose=0):
    key = sound_key("".join(words))
    if len(key) >= MIN_SOUND_KEY:
        yield key
    consonants = consonant_key(key)
    if len(consonants) >= MIN_CONSONANT_KEY and len(key) >= min_loose:
        yield consonants


def document_keys(texts):
    """The keys of names written in `texts` (Thai or English), space-separated, with a space
    at each end so that a key is found whole: " kadicin kdcn … "."""
    keys = set()
    for text in texts:
        words = [word for word in thai.romanize_words(text) if latin_letters(word)]
        for start in range(len(words)):
            for end in range(start + 1, min(start + MAX_RUN, len(words)) + 1):
                keys.update(_keys(words[start:end]))
    return f" {' '.join(sorted(keys))} " if keys else ""


def query_keys(text):
    """The keys a query in Latin letters is looked for by; none for a query with Thai in it."""
    if thai.THAI_LETTER.search(text):
        return []
    return list(dict.fromkeys(_keys(text.split(), min_loose=MIN_LOOSE_QUERY)))
