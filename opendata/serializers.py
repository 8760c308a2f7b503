"""What the open data API says about each published object.

Human text comes in both languages (`{"th": …, "en": …}`, "" where not yet written), and
links to other objects are their slugs. Only what the public pages show is here: no staff,
no accounts, no e-mail addresses, nothing about unpublished objects.
"""

from django.utils import translation
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cities.models import City, Programme, Region
from core.siteurl import absolute_url
from projects.models import Person, ProjectStatus, ResearchProject, SubProject
from stories.models import Story, StoryKind

TRANSLATED_SCHEMA = {
    "type": "object",
    "properties": {"th": {"type": "string"}, "en": {"type": "string"}},
    "required": ["th", "en"],
    "additionalProperties": False,
}
NULLABLE_URL_SCHEMA = {"type": "string", "format": "uri", "nullable": True}


@extend_schema_field(TRANSLATED_SCHEMA)
class TranslatedField(serializers.Field):
    """A translated model field as {"th": …, "en": …}."""

    def __init__(self, field_name=None, **kwargs):
        self.model_field = field_name
        super().__init__(source="*", read_only=True, **kwargs)

    def bind(self, field_name, parent):
        super().bind(field_name, parent)
        self.model_field = self.model_field or field_name

    def to_representation(self, obj):
        return {code: getattr(obj, f"{self.model_field}_{code}", "") or "" for code in ("th", "en")}


@extend_schema_field(TRANSLATED_SCHEMA)
class PageUrlField(serializers.Field):
    """The object's public page in each language, as absolute URLs."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, obj):
        request = self.context["request"]
        urls = {}
        for code in ("th", "en"):
            with translation.override(code):
                urls[code] = absolute_url(request, obj.get_absolute_url())
        return urls


@extend_schema_field(NULLABLE_URL_SCHEMA)
class ImageUrlField(serializers.Field):
    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def get_attribute(self, instance):
        return getattr(instance, self.source)

    def to_representation(self, image):
        if not image:
            return None
        return absolute_url(self.context["request"], image.url)


@extend_schema_field({"type": "array", "items": {"type": "string"}})
class TagNamesField(serializers.Field):
    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def get_attribute(self, instance):
        return instance.tags.all()

    def to_representation(self, tags):
        return sorted(tag.name for tag in tags)


class ProgrammeSerializer(serializers.ModelSerializer):
    name = TranslatedField()
    short_name = TranslatedField()
    description = TranslatedField()
    funder = TranslatedField()
    partners = TranslatedField()
    city_count = serializers.IntegerField(
        read_only=True,
        help_text="Published cities that took part in this programme. A city in several "
        "programmes counts in each: the 18 Learning Cities in the Learning City programme "
        "and its follow-on, Roi Et in CIAP only.",
    )

    class Meta:
        model = Programme
        fields = [
            "slug",
            "name",
            "short_name",
            "description",
            "funder",
            "partners",
            "start_year",
            "end_year",
            "city_count",
        ]


class MembershipSerializer(serializers.Serializer):
    programme = serializers.CharField(source="programme.slug", read_only=True)
    number = serializers.IntegerField(read_only=True, allow_null=True)


class CitySerializer(serializers.ModelSerializer):
    name = TranslatedField()
    province = TranslatedField()
    region = serializers.ChoiceField(choices=Region.choices, read_only=True)
    research_area = TranslatedField()
    summary = TranslatedField()
    latitude = serializers.FloatField(read_only=True, allow_null=True)
    longitude = serializers.FloatField(read_only=True, allow_null=True)
    programmes = MembershipSerializer(source="memberships", many=True, read_only=True)
    hero_image = ImageUrlField()
    hero_image_alt = TranslatedField()
    url = PageUrlField()

    class Meta:
        model = City
        fields = [
            "slug",
            "name",
            "province",
            "region",
            "research_area",
            "summary",
            "latitude",
            "longitude",
            "programmes",
            "hero_image",
            "hero_image_alt",
            "url",
        ]


class PublishedSlugField(serializers.Field):
    """The slug of a related object, or null where there is none or it is not published."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        return value.slug

    def get_attribute(self, instance):
        related = super().get_attribute(instance)
        if related is None or not related.is_published:
            return None
        return related


@extend_schema_field({"type": "string", "nullable": True})
class NullablePublishedSlugField(PublishedSlugField):
    pass


class ProjectSerializer(serializers.ModelSerializer):
    title = TranslatedField()
    display_title = serializers.CharField(read_only=True)
    city = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    programme = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    lead = NullablePublishedSlugField(allow_null=True)
    institution = TranslatedField()
    summary = TranslatedField()
    status = serializers.ChoiceField(choices=[("", ""), *ProjectStatus.choices], read_only=True)
    tags = TagNamesField()
    url = PageUrlField()

    class Meta:
        model = ResearchProject
        fields = [
            "slug",
            "title",
            "display_title",
            "number",
            "city",
            "programme",
            "lead",
            "institution",
            "start_year",
            "end_year",
            "status",
            "summary",
            "tags",
            "url",
        ]


class SubProjectSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(read_only=True)
    title = TranslatedField()
    summary = TranslatedField()
    project = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    city = serializers.CharField(source="project.city.slug", read_only=True)
    lead = NullablePublishedSlugField(allow_null=True)

    class Meta:
        model = SubProject
        fields = ["id", "title", "summary", "project", "city", "lead", "order"]


class PersonSerializer(serializers.ModelSerializer):
    honorific = TranslatedField()
    name = TranslatedField()
    role = TranslatedField()
    affiliation = TranslatedField()
    bio = TranslatedField()
    city = NullablePublishedSlugField(allow_null=True)
    photo = ImageUrlField()
    photo_alt = TranslatedField()
    url = PageUrlField()

    class Meta:
        model = Person
        fields = [
            "slug",
            "honorific",
            "name",
            "role",
            "affiliation",
            "bio",
            "city",
            "photo",
            "photo_alt",
            "url",
        ]


@extend_schema_field({"type": "array", "items": {"type": "string"}})
class SlugListField(serializers.Field):
    """Slugs of related objects, from a prefetch that holds only the published ones."""

    def __init__(self, attribute, **kwargs):
        self.attribute = attribute
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, obj):
        return [related.slug for related in getattr(obj, self.attribute)]


class StorySerializer(serializers.ModelSerializer):
    title = TranslatedField()
    kind = serializers.ChoiceField(choices=StoryKind.choices, read_only=True)
    excerpt = TranslatedField()
    body = TranslatedField(help_text="Sanitized HTML.")
    city = NullablePublishedSlugField(allow_null=True)
    projects = SlugListField("public_projects")
    people = SlugListField("public_people")
    tags = TagNamesField()
    hero_image = ImageUrlField()
    hero_image_alt = TranslatedField()
    hero_image_caption = TranslatedField()
    hero_image_credit = TranslatedField()
    url = PageUrlField()

    class Meta:
        model = Story
        fields = [
            "slug",
            "kind",
            "title",
            "excerpt",
            "body",
            "published_at",
            "updated_at",
            "city",
            "projects",
            "people",
            "tags",
            "hero_image",
            "hero_image_alt",
            "hero_image_caption",
            "hero_image_credit",
            "source_url",
            "url",
        ]
