def test_cities_and_stories_declare_the_picture_their_pages_are_shared_with():
    from cities.models import City
    from core.content import content_models
    from projects.models import Person
    from seo.share_images import share_image_field
    from stories.models import Story

    shared = {model for model in content_models() if share_image_field(model)}
    assert shared == {City, Story}
    assert share_image_field(Story) == "hero_image"
    assert share_image_field(Person) == ""
