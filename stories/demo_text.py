"""Text for generated demo content: Thai made of dictionary words, English of common words.

Thai text is composed of phrases (a few dictionary words written together, as Thai is), and
phrases are separated by spaces, as Thai writers separate clauses. Word segmentation never
joins words across a space, so the words of a text are the words of its phrases: `segment`
segments each phrase once with newmm (`thai.segment`) and then only looks it up. The search
documents are thus exactly what `thai.segment` makes of the same text, at a fraction of the
cost; `tests/stories/test_generate_demo_data.py` checks that they are.
"""

import random

from core import thai

# Common English words, enough for titles and short texts that read as English.
ENGLISH_WORDS = """
a about after again all along among and around as at back because before between both but
by city cities community culture data day design development district during each economy
education every family farmers festival first food for forest from future gardens good
government green group health heritage history home house how in into it its knowledge
land learn learning library life living local long make market more most museum new next
not of old on open or other our out over park people place plan planning project public
rice river road school science sea skills small smart so social space stories story street
students study teachers team than that the their them these they this through time to
together town trade tradition transport travel under university up urban village water
way we what when where which while who with work workshop world year young youth research
researchers mayor council volunteers neighbourhood lessons network platform digital
archive map walking cycling bridge canal temple crafts weaving pottery music theatre
children elders women men families shops cafes workers fishermen harbour coast mountain
valley hills province region north south east west central northeast border island
tourism visitors guide route trail programme funding partners policy budget survey
interview voices memory change climate energy waste recycling air clean safe care
hospital clinic elderly ageing inclusion access homes housing jobs income growth
innovation ideas creative makers startup business small enterprises cooperative
"""
ENGLISH = ENGLISH_WORDS.split()

HONORIFICS = [
    ("คุณ", ""),
    ("ผศ. ดร.", "Asst. Prof. Dr."),
    ("รศ. ดร.", "Assoc. Prof. Dr."),
    ("ดร.", "Dr."),
    ("อาจารย์", "Ajarn"),
    ("นาย", "Mr."),
    ("นางสาว", "Ms."),
]
# Words readers of this site search for, most frequent first (Zipf-weighted in the text).
TOPICAL = [
    "เมือง", "การเรียนรู้", "ชาญฉลาด", "หาดใหญ่", "เทศบาลนคร", "ยะลา", "ร้อยเอ็ด", "เชียงใหม่",
    "งานวิจัย", "ชุมชน", "นวัตกรรม", "เศรษฐกิจ", "ย่านเมืองเก่า", "พัฒนา", "ประชาชน",
]  # fmt: skip
# Word mix of a phrase: common function words, topical words, the rest of the dictionary.
COMMON_SHARE, TOPICAL_SHARE = 0.35, 0.03


class DemoText:
    """Random Thai and English text from fixed vocabularies, reproducible from a seed."""

    def __init__(self, rng: random.Random, phrases=40_000):
        from pythainlp.corpus import (
            thai_family_names,
            thai_female_names,
            thai_male_names,
            thai_stopwords,
            thai_words,
        )

        self.rng = rng
        dictionary = thai_words()
        # newmm's dictionary has entries with spaces in them (ทั้งๆ ที่, proverbs): leave them
        # out, and never start a phrase with what follows a space in one, so that no word
        # spans two phrases.
        self.vocabulary = sorted(word for word in dictionary if " " not in word)
        self.common = sorted(word for word in thai_stopwords() if " " not in word)
        self._continuations = tuple(
            {part for word in dictionary if " " in word for part in word.split()[1:]}
        )
        self.first_names = sorted(thai_male_names() | thai_female_names())
        self.family_names = sorted(thai_family_names())
        self.topical_weights = [1 / rank for rank in range(1, len(TOPICAL) + 1)]
        self.phrases = []
        while len(self.phrases) < phrases:
            phrase = self._phrase()
            if not phrase.startswith(self._continuations):
                self.phrases.append(phrase)
        self._segmented = {}
        self._romanized = {}

    def _word(self):
        draw = self.rng.random()
        if draw < COMMON_SHARE:
            return self.rng.choice(self.common)
        if draw < COMMON_SHARE + TOPICAL_SHARE:
            return self.rng.choices(TOPICAL, self.topical_weights)[0]
        return self.rng.choice(self.vocabulary)

    def _phrase(self):
        return "".join(self._word() for _ in range(self.rng.randint(2, 6)))

    def thai(self, low, high):
        """Thai text of phrases, between about `low` and `high` characters long."""
        target = self.rng.randint(low, high)
        parts, length = [], 0
        while length < target:
            phrase = self.rng.choice(self.phrases)
            if length and length + len(phrase) > high:
                break
            parts.append(phrase)
            length += len(phrase) + 1
        return " ".join(parts)

    def english(self, low, high, capitalize=True):
        target = self.rng.randint(low, high)
        parts, length = [], 0
        while length < target:
            word = self.rng.choice(ENGLISH)
            parts.append(word)
            length += len(word) + 1
        text = " ".join(parts)
        return text[:1].upper() + text[1:] if capitalize else text

    def thai_word(self):
        while (word := self.rng.choice(self.vocabulary)).startswith(self._continuations):
            continue
        return word

    def person_name(self):
        """(Thai name, its romanization): a real first name and family name."""
        first = self.rng.choice(self.first_names)
        family = self.rng.choice(self.family_names)
        return f"{first} {family}", f"{self.romanize(first)} {self.romanize(family)}"

    def romanize(self, word):
        if word not in self._romanized:
            from pythainlp.transliterate import romanize

            self._romanized[word] = romanize(word, engine="royin").title()
        return self._romanized[word]

    def segment(self, text):
        """`thai.segment(text)`, remembering the words of each space-separated phrase."""
        words = []
        for phrase in text.split():
            segmented = self._segmented.get(phrase)
            if segmented is None:
                segmented = self._segmented[phrase] = thai.segment(phrase)
            if segmented:
                words.append(segmented)
        return " ".join(words)
