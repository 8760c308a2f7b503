import unicodedata

import pytest

from wecitizens import thai

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
