import pytest
from django.urls import resolve
from django.utils import translation

from tests.pages import url_in

PAGES = [
    ("home", {}, "/"),
    ("cities:city_list", {}, "/cities/"),
    ("cities:city_detail", {"slug": "chiang-mai"}, "/cities/chiang-mai/"),
    ("projects:project_detail", {"slug": "rayong-1"}, "/projects/rayong-1/"),
    ("projects:person_detail", {"slug": "chanyarin-somporn"}, "/people/chanyarin-somporn/"),
    ("stories:story_list", {}, "/stories/"),
    ("stories:story_detail", {"slug": "ciap-behind-the-idea"}, "/stories/ciap-behind-the-idea/"),
    ("stories:tag_detail", {"slug": "tag-1a2b3c4d"}, "/tags/tag-1a2b3c4d/"),
    ("search:search", {}, "/search/"),
]


@pytest.mark.parametrize(("name", "kwargs", "thai_path"), PAGES)
@pytest.mark.parametrize(("language", "prefix"), [("th", ""), ("en", "/en")])
def test_public_url_reverses_and_resolves_in_both_languages(
    name, kwargs, thai_path, language, prefix
):
    path = url_in(language, name, **kwargs)

    assert path == prefix + thai_path
    with translation.override(language):
        match = resolve(path)
    assert match.view_name == name
    assert match.kwargs == kwargs


def test_thai_slugs_are_not_valid_addresses():
    """Slugs are ASCII: a Thai slug cannot be linked to, so the models never make one."""
    from django.urls import NoReverseMatch

    with pytest.raises(NoReverseMatch):
        url_in("th", "cities:city_detail", slug="เชียงใหม่")
