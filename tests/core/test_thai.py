import unicodedata

import pytest

from core import thai

SENTENCE = "การพัฒนาเมืองแห่งการเรียนรู้อย่างยั่งยืนด้วยการมีส่วนร่วมของประชาชน"


def test_segment_splits_unspaced_thai_into_words():
    assert thai.segment("ร้อยเอ็ดเมืองน่าอยู่อย่างชาญฉลาด").split()[-1] == "ชาญฉลาด"


def test_segment_lowercases_english_and_drops_punctuation():
    assert thai.segment("Smart City, ยะลา!") == "smart city ยะลา"


def test_plain_text_strips_tags_and_entities():
    assert thai.plain_text("<p>ข่าว &amp; <b>ข้าว</b></p>") == "ข่าว & ข้าว"


def test_shorten_leaves_short_text_alone():
    assert thai.shorten("ยะลา", 10) == "ยะลา"


# The first word, การพัฒนา, needs 9 characters with the ellipsis.
@pytest.mark.parametrize("limit", range(9, 40))
def test_shorten_cuts_thai_on_a_word_boundary(limit):
    result = thai.shorten(SENTENCE, limit)

    assert len(result) <= limit
    assert result.endswith("…")
    kept = result.removesuffix("…")
    assert SENTENCE.startswith(kept)
    assert set(thai.words(kept)) <= set(thai.words(SENTENCE))
    assert kept == "" or unicodedata.category(SENTENCE[len(kept)]) != "Mn"


def test_shorten_cuts_a_paragraph_without_spaces():
    # Truncator.words() would count one "word" and keep everything.
    assert len(thai.shorten(SENTENCE * 5, 60)) <= 60


def test_shorten_never_separates_a_consonant_from_its_mark_in_a_long_word():
    text = "ก้" * 100

    result = thai.shorten(text, 51).removesuffix("…")

    assert result and unicodedata.category(text[len(result)]) != "Mn"


def test_shorten_cuts_english_between_words():
    assert thai.shorten("Learning cities across Thailand", 20) == "Learning cities…"


def test_shorten_prefers_a_phrase_break_near_the_limit():
    text = "เมืองแห่งการเรียนรู้ของประเทศไทย ชวนอ่านเรื่องราวของผู้คนในเมืองน่าอยู่"

    assert thai.shorten(text, 40) == "เมืองแห่งการเรียนรู้ของประเทศไทย…"


def test_shorten_finds_a_word_boundary_deep_into_a_long_unspaced_paragraph():
    paragraph = SENTENCE * 6

    result = thai.shorten(paragraph, 200).removesuffix("…")

    assert 150 < len(result) < 200
    assert paragraph.startswith(result)
    # The cut is where segmenting the whole paragraph also puts a word boundary.
    boundaries, position = set(), 0
    for token in thai.tokens(paragraph):
        position += len(token)
        boundaries.add(position)
    assert len(result) in boundaries


# window: the part of a text around a search match


def _boundaries(text):
    boundaries, position = {0}, 0
    for token in thai.tokens(text):
        position += len(token)
        boundaries.add(position)
    return boundaries


def _window_segmenting_whole_contexts(text, start, end, size):
    """What `window` computes, by segmenting the whole left and right contexts."""
    if len(text) <= size:
        return 0, len(text)
    left = max(0, start - size // 3)
    right = min(len(text), max(end, left + size))
    if left > 0:
        head = thai.tokens(text[left:start])
        left += len(head[0]) if len(head) > 1 else 0
    if right < len(text):
        tail = thai.tokens(text[end:right])
        right -= len(tail[-1]) if len(tail) > 1 else 0
    return left, right


def test_window_takes_a_text_shorter_than_the_size_whole():
    assert thai.window("ตลาดน้ำอัมพวา", 4, 7, 200) == (0, 13)


def test_window_of_a_match_at_the_start_begins_at_the_start():
    text = SENTENCE * 6

    left, right = thai.window(text, 0, 5, 80)

    assert left == 0
    assert right < len(text)


def test_window_of_a_match_at_the_end_ends_at_the_end():
    text = SENTENCE * 6

    left, right = thai.window(text, len(text) - 6, len(text), 80)

    assert left > 0
    assert right == len(text)


def test_window_cuts_english_between_words():
    text = "Learning cities across Thailand share what their communities know. " * 5
    start = text.index("Thailand", 100)

    left, right = thai.window(text, start, start + 8, 60)

    assert left < start and right > start + 8
    assert set(text[left:right].split()) <= set(text.split())


PARAGRAPHS = {
    "thai without spaces": SENTENCE * 6,
    "thai with phrase breaks": (
        "ร้อยเอ็ดอยู่ห่างจาก ‘สะดืออีสาน’ พื้นที่ที่ถูกปักหมุดให้เป็นจุดศูนย์กลางของภาคอีสาน "
        "เทศบาลต้องทำงานร่วมกับภาคประชาชน เนิ่น ๆ เพื่อให้เมืองน่าอยู่อย่างชาญฉลาด "
    )
    * 3,
    "a long word": "ผู้มีสิทธิ์ลงคะแนนเสียงเลือกตั้ง" * 8,
    "english": "Learning cities across Thailand share what their communities know. " * 5,
}


@pytest.mark.parametrize("paragraph", PARAGRAPHS.values(), ids=PARAGRAPHS.keys())
@pytest.mark.parametrize("size", [60, 200])
def test_window_cuts_where_segmenting_the_whole_contexts_would(paragraph, size):
    # window segments only a short span at each edge of the context.
    for start in range(0, len(paragraph) - 4, 7):
        expected = _window_segmenting_whole_contexts(paragraph, start, start + 4, size)
        assert thai.window(paragraph, start, start + 4, size) == expected, start


# Normalising: one form for text that looks the same

DECOMPOSED_SARA_AM = "\u0e4d\u0e32"  # nikhahit + sara aa, as typed on some keyboards
SARA_AM = "\u0e33"


def test_normalize_text_composes_sara_am():
    assert thai.normalize_text("ผู้อ\u0e4d\u0e32นวยการ") == "ผู้อำนวยการ"


@pytest.mark.parametrize("tone", ["\u0e48", "\u0e49", "\u0e4a", "\u0e4b"])
def test_normalize_text_composes_sara_am_around_a_tone_mark(tone):
    composed = f"น{tone}{SARA_AM}"

    assert thai.normalize_text(f"น\u0e4d{tone}\u0e32") == composed
    assert thai.normalize_text(f"น{tone}{DECOMPOSED_SARA_AM}") == composed


def test_normalize_text_leaves_composed_text_and_whitespace_alone():
    text = "<p>น้ำท่วม  เมือง\n\tอำนาจเจริญ</p>"

    assert thai.normalize_text(text) == text


def test_normalize_text_applies_nfc():
    assert thai.normalize_text("Cafe\u0301") == "Café"


def test_normalize_text_leaves_a_lone_nikhahit():
    assert thai.normalize_text("\u0e4d") == "\u0e4d"


def test_normalize_text_passes_empty_values_through():
    assert thai.normalize_text("") == ""
    assert thai.normalize_text(None) is None


def test_normalize_query_composes_sara_am():
    assert thai.normalize_query(" ผู้อ\u0e4d\u0e32นวยการ\x00 ") == "ผู้อำนวยการ"
