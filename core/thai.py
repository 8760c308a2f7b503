"""Thai-aware text handling: word segmentation, normalising and shortening.

Thai is written without spaces between words, so counting spaces or characters cuts words (or a
consonant from its vowel or tone mark). PyThaiNLP's `newmm` tokenizer finds the word boundaries;
its dictionary loads on first use (~0.5 s), so long-running processes call `preload()` at start.
"""

import html
import re
import unicodedata
from functools import lru_cache

from django.utils.html import strip_tags

ELLIPSIS = "…"
# How far past the cut to look when segmenting: longer than any Thai word.
LOOKAHEAD = 24
# How much text before the cut to segment: enough for newmm to settle on the same boundaries
# it finds in the whole text.
LOOKBEHIND = 72
# Thai separates phrases with a space. A space this close to the cut (a fraction of the
# limit) makes a more natural cut than a word boundary, and costs no segmentation.
PHRASE_SLACK = 1 / 3


@lru_cache(maxsize=1)
def _tokenizer():
    from pythainlp.tokenize import word_tokenize

    return word_tokenize


def preload():
    """Load the segmentation dictionary now rather than on the first request."""
    _tokenizer()("เมือง", engine="newmm")


def tokens(text):
    """The words of `text` in order, whitespace included (newmm never splits a cluster)."""
    if not text:
        return []
    return _tokenizer()(text, engine="newmm", keep_whitespace=True)


def is_word(token):
    return any(unicodedata.category(char)[0] in "LN" for char in token)


def words(text):
    """The words of `text`, lower-cased, without whitespace and punctuation."""
    return [token.lower() for token in tokens(text) if is_word(token)]


THAI_LETTER = re.compile("[\u0e01-\u0e4e]")


@lru_cache(maxsize=8192)
def _romanized(word):
    from pythainlp.transliterate import romanize

    return romanize(word, engine="royin")


def romanize_words(text):
    """The words of `text` in Latin letters, lower-cased: Thai words romanised by PyThaiNLP's
    rules of the Royal Thai General System, other words as they are.

    The rules guess at silent and doubled letters (หาดใหญ่ comes out "athain", บรรจง "batng"):
    good for matching spellings loosely, not for showing.
    """
    return [_romanized(word) if THAI_LETTER.search(word) else word for word in words(text)]


def segment(text):
    """`text` as space-separated lower-case words: what PostgreSQL's `simple` parser can index."""
    return " ".join(words(text))


def plain_text(value):
    """Text from HTML: tags stripped, entities decoded, whitespace collapsed."""
    return " ".join(html.unescape(strip_tags(value or "")).split())


# Sara am typed as nikhahit + sara aa, possibly with a tone mark between them: it looks the
# same as sara am (U+0E33) but is not found by a search for it. NFC keeps both forms.
DECOMPOSED_SARA_AM = re.compile("\u0e4d([\u0e48-\u0e4b]?)\u0e32")


def normalize_text(value):
    """`value` in the one form text is stored and searched in: NFC, with sara am composed.

    Changes nothing else: whitespace, markup and a lone nikhahit are kept as they are.
    """
    if not value:
        return value
    return DECOMPOSED_SARA_AM.sub("\\1\u0e33", unicodedata.normalize("NFC", value))


def normalize_query(value):
    """A query made safe to search: normalised, control characters removed, spaces collapsed."""
    value = "".join(char for char in value if unicodedata.category(char) != "Cc")
    return " ".join(normalize_text(value).split())


def _cluster_safe(text, end):
    """An index ≤ end that does not separate a consonant from its vowel or tone mark."""
    while 0 < end < len(text) and unicodedata.category(text[end]) == "Mn":
        end -= 1
    return end


def shorten(text, limit):
    """`text` cut to at most `limit` characters on a word boundary, with an ellipsis if cut.

    Cut at the last space when one is near the limit (a phrase break in Thai, a word break in
    English); otherwise Thai words are found by segmenting the text just before the cut, so a
    cut never falls inside a word or between a consonant and its mark. A single word longer
    than the limit is cut between clusters. Cheap enough to run for every card on a page.
    """
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    budget = limit - len(ELLIPSIS)
    space = text.rfind(" ", 0, budget + 1)
    if space > 0 and space >= budget * (1 - PHRASE_SLACK):
        return _finish(text[:space])
    # Segmentation starts on a known boundary: the last space, or far enough back to settle.
    start = max(space + 1, budget - LOOKBEHIND, 0)
    kept = [text[:start]]
    length = start
    for token in tokens(text[start : budget + LOOKAHEAD]):
        if length + len(token) > budget:
            break
        kept.append(token)
        length += len(token)
    result = "".join(kept).rstrip()
    if not result:
        result = text[: _cluster_safe(text, budget)]
    return _finish(result)


def _finish(kept):
    return kept.rstrip(" ,;:.-–—") + ELLIPSIS


def window(text, start, end, size):
    """The part of `text` around the match [start, end), about `size` characters, whole words only.

    Returns (snippet start, snippet end) as indexes into `text`. Only the word at each edge may
    be cut, so only a short span at each edge is segmented, not the whole context: the search
    page does this for every result.
    """
    if len(text) <= size:
        return 0, len(text)
    left = max(0, start - size // 3)
    right = min(len(text), max(end, left + size))
    if left > 0:
        # The first token of the left context may be the tail of a word: drop it.
        left += _first_token_length(text, left, start)
    if right < len(text):
        right -= _last_token_length(text, end, right)
    return left, right


def _first_token_length(text, start, stop):
    """The length of the first token of text[start:stop]; 0 when it is the only one.

    Segments up to the first space at least LOOKAHEAD characters on: words do not cross a space
    (the dictionary's few phrases with one, as เนิ่น ๆ, are mostly shorter than LOOKAHEAD).
    """
    cut = text.find(" ", start + LOOKAHEAD, stop)
    head = tokens(text[start : cut if cut >= 0 else stop])
    return len(head[0]) if len(head) > 1 or cut >= 0 else 0


def _last_token_length(text, start, stop):
    """The length of the last token of text[start:stop]; 0 when it is the only one.

    Segments from far enough before the end for newmm to settle on the same boundaries: from
    the last space at least LOOKAHEAD characters back, or from LOOKBEHIND characters back;
    all of it only for a longer token.
    """
    begin = max(start, stop - LOOKBEHIND)
    space = text.rfind(" ", begin, stop - LOOKAHEAD)
    if space >= 0:
        begin = space + 1
    tail = tokens(text[begin:stop])
    if len(tail) == 1 and begin > start:
        tail = tokens(text[start:stop])
    return len(tail[-1]) if len(tail) > 1 else 0
