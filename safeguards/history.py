"""Content history with django-reversion: every save of a content object keeps a version.

A version is the object serialized with all its concrete fields, so both languages of every
translated field (`name_th`, `name_en`) are kept, together with the rows an editor changes on
the same form (a story's featured people, a project's sub-projects and team) and the tag links.
"""

import reversion
from django.contrib.contenttypes.models import ContentType

from cities.models import City, CityLink, ProgrammeMembership
from projects.models import Milestone, Person, ProjectMember, ResearchProject, SubProject
from stories.models import Story, StoryPerson
from tags.models import TaggedItem


def tag_links(obj):
    """The TaggedItem rows of a tagged object.

    taggit's manager yields Tag objects, not the links, and the models have no reverse
    relation to TaggedItem; reversion follows this attribute instead.
    """
    if obj.pk is None:
        return TaggedItem.objects.none()
    return TaggedItem.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    )


# model → the related rows edited with it (reverse accessors reversion follows).
CONTENT_MODELS = {
    City: ("memberships", "links"),
    Person: (),
    ResearchProject: ("memberships", "subprojects", "milestones", "tag_links"),
    SubProject: (),
    Story: ("featured_people", "tag_links"),
}
RELATED_MODELS = (CityLink, ProgrammeMembership, ProjectMember, Milestone, StoryPerson, TaggedItem)


def register_content_models():
    for model in (*RELATED_MODELS, *CONTENT_MODELS):
        if "tag_links" in CONTENT_MODELS.get(model, ()):
            model.tag_links = property(tag_links)
        if not reversion.is_registered(model):
            reversion.register(model, follow=CONTENT_MODELS.get(model, ()))


def version_differences(older, newer):
    """[(field label, older value, newer value)] for the fields two versions disagree on."""
    model = older._model
    rows = []
    for field in model._meta.concrete_fields:
        if field.primary_key or field.name in ("created_at", "updated_at"):
            continue
        before = older.field_dict.get(field.attname)
        after = newer.field_dict.get(field.attname)
        if before != after:
            rows.append((str(field.verbose_name), before, after))
    return rows
