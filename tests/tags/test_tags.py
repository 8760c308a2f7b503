import pytest
from taggit.utils import edit_string_for_tags, parse_tags

from tags.models import Tag
from tests.factories import StoryFactory


def test_tag_input_keeps_a_thai_phrase_with_spaces_as_one_tag():
    assert parse_tags("เมืองแห่งการเรียนรู้ ยะลา") == ["เมืองแห่งการเรียนรู้ ยะลา"]


def test_tag_input_splits_on_commas():
    assert parse_tags("ข่าว, ข้าว,ขาว") == ["ขาว", "ข่าว", "ข้าว"]


def test_tag_input_drops_empty_and_repeated_tags():
    assert parse_tags(" ข่าว ,, ข่าว , ") == ["ข่าว"]


def test_tag_input_collapses_inner_spaces_and_ignores_quotes():
    assert parse_tags('"smart   city", Learning City') == ["Learning City", "smart city"]


def test_tags_are_edited_as_a_comma_separated_list():
    tags = [Tag(name="เมืองแห่งการเรียนรู้ ยะลา"), Tag(name="ข่าว")]

    assert edit_string_for_tags(tags) == "ข่าว, เมืองแห่งการเรียนรู้ ยะลา"


def test_tags_differing_only_in_marks_get_distinct_thai_slugs():
    slugs = [Tag().slugify(name) for name in ("ข่าว", "ข้าว", "ขาว")]

    assert slugs == ["ข่าว", "ข้าว", "ขาว"]


@pytest.mark.django_db
@pytest.mark.parametrize(("status", "is_public"), [("published", True), ("draft", False)])
def test_tag_is_public_agrees_with_the_public_queryset(status, is_public):
    story = StoryFactory(status=status)
    story.tags.add("เมืองแห่งการเรียนรู้")
    tag = Tag.objects.get()

    assert tag.is_public is is_public
    assert Tag.objects.public().filter(pk=tag.pk).exists() is is_public
