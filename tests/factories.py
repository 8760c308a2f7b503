"""factory_boy factories for the content model.

Every factory fills the Thai (`*_th`) text a real object always has and the English text
where a page or test reads it; slugs are ASCII and unique. Published by default, so a test
only says what is unusual about its object (a draft, an unpublished city, no English).
"""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone
from factory.django import DjangoModelFactory

from cities.models import City, Programme, ProgrammeMembership, Region
from projects.models import (
    Milestone,
    Person,
    ProjectMember,
    ProjectStatus,
    ResearchProject,
    SubProject,
)
from stories.models import Consent, Story, StoryKind, StoryPerson, StoryQuote, StoryStatus

PASSWORD = "correct horse battery staple"


def _add_tags(obj, create, extracted, **kwargs):
    if create and extracted:
        obj.tags.add(*extracted)


class ProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = Programme

    name_th = factory.Sequence(lambda n: f"โครงการพัฒนาเมือง {n}")
    name_en = factory.Sequence(lambda n: f"City development programme {n}")
    short_name_th = factory.Sequence(lambda n: f"โครงการ {n}")
    short_name_en = factory.Sequence(lambda n: f"Programme {n}")
    slug = factory.Sequence(lambda n: f"programme-{n}")
    start_year = 2020
    end_year = 2021
    order = factory.Sequence(lambda n: n)


class CityFactory(DjangoModelFactory):
    class Meta:
        model = City

    name_th = factory.Sequence(lambda n: f"เมืองทดสอบ {n}")
    name_en = factory.Sequence(lambda n: f"Test City {n}")
    slug = factory.Sequence(lambda n: f"city-{n}")
    province_th = "เชียงใหม่"
    province_en = "Chiang Mai"
    region = Region.NORTH
    research_area_th = "ย่านเมืองเก่า"
    research_area_en = "The old town"
    is_published = True


class ProgrammeMembershipFactory(DjangoModelFactory):
    class Meta:
        model = ProgrammeMembership

    city = factory.SubFactory(CityFactory)
    programme = factory.SubFactory(ProgrammeFactory)
    number = factory.Sequence(lambda n: n + 1)


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    honorific_th = "ดร."
    honorific_en = "Dr."
    name_th = factory.Sequence(lambda n: f"สมชาย ใจดี {n}")
    name_en = factory.Sequence(lambda n: f"Somchai Jaidee {n}")
    slug = factory.Sequence(lambda n: f"person-{n}")
    role_th = "นักวิจัย"
    role_en = "Researcher"
    affiliation_th = "มหาวิทยาลัยเชียงใหม่"
    affiliation_en = "Chiang Mai University"
    is_published = True


class ResearchProjectFactory(DjangoModelFactory):
    class Meta:
        model = ResearchProject
        skip_postgeneration_save = True

    class Params:
        untitled = factory.Trait(title_th="", title_en="")

    title_th = factory.Sequence(lambda n: f"ชุดโครงการวิจัย {n}")
    title_en = factory.Sequence(lambda n: f"Research project set {n}")
    slug = factory.Sequence(lambda n: f"project-{n}")
    city = factory.SubFactory(CityFactory)
    programme = factory.SubFactory(ProgrammeFactory)
    number = factory.Sequence(lambda n: n + 1)
    start_year = 2020
    end_year = 2021
    summary_th = "สรุปงานวิจัย"
    summary_en = "A summary of the research."
    status = ProjectStatus.COMPLETED
    is_published = True

    tags = factory.PostGeneration(_add_tags)


class ProjectMemberFactory(DjangoModelFactory):
    class Meta:
        model = ProjectMember

    project = factory.SubFactory(ResearchProjectFactory)
    person = factory.SubFactory(PersonFactory)
    role_th = "นักวิจัย"
    role_en = "Researcher"
    order = factory.Sequence(lambda n: n)


class SubProjectFactory(DjangoModelFactory):
    class Meta:
        model = SubProject

    project = factory.SubFactory(ResearchProjectFactory)
    title_th = factory.Sequence(lambda n: f"โครงการย่อย {n}")
    title_en = factory.Sequence(lambda n: f"Sub-project {n}")
    lead = factory.SubFactory(PersonFactory)
    order = factory.Sequence(lambda n: n)


class MilestoneFactory(DjangoModelFactory):
    class Meta:
        model = Milestone

    project = factory.SubFactory(ResearchProjectFactory)
    date = datetime.date(2021, 3, 1)
    title_th = factory.Sequence(lambda n: f"ขั้นตอน {n}")
    title_en = factory.Sequence(lambda n: f"Step {n}")


class StoryFactory(DjangoModelFactory):
    """A published story dated yesterday, about a published city."""

    class Meta:
        model = Story
        skip_postgeneration_save = True

    class Params:
        draft = factory.Trait(status=StoryStatus.DRAFT, published_at=None)
        scheduled = factory.Trait(
            published_at=factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=1))
        )

    title_th = factory.Sequence(lambda n: f"เรื่องเล่าจากเมือง {n}")
    title_en = factory.Sequence(lambda n: f"A story from the city {n}")
    slug = factory.Sequence(lambda n: f"story-{n}")
    kind = StoryKind.ARTICLE
    excerpt_th = "บทคัดย่อของเรื่อง"
    excerpt_en = "The story in brief."
    body_th = "<p>เนื้อเรื่อง</p>"
    body_en = "<p>The story.</p>"
    city = factory.SubFactory(CityFactory)
    status = StoryStatus.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))

    tags = factory.PostGeneration(_add_tags)

    @factory.post_generation
    def projects(self, create, extracted, **kwargs):
        if create and extracted:
            self.projects.add(*extracted)


class StoryPersonFactory(DjangoModelFactory):
    class Meta:
        model = StoryPerson

    story = factory.SubFactory(StoryFactory)
    person = factory.SubFactory(PersonFactory)
    order = factory.Sequence(lambda n: n)
    # Factory stories are published: the people they feature agreed to appear, or the
    # pages would rightly leave them out. Tests of consent itself set it explicitly.
    consent = Consent.GIVEN


class StoryQuoteFactory(DjangoModelFactory):
    class Meta:
        model = StoryQuote

    story = factory.SubFactory(StoryFactory)
    text_th = "ผู้ใหญ่บ้านบอกว่า น้ำใจของคนในชุมชนคือกิ่งก้านของเมือง"
    text_en = "The village head says the goodwill of its people is what the city grows from."
    speaker_name_th = "ผู้ใหญ่บ้านหนองบัว"
    speaker_name_en = "The village head of Nong Bua"
    order = factory.Sequence(lambda n: n)


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password(PASSWORD)


class StaffUserFactory(UserFactory):
    """Staff who may preview unpublished pages; not a superuser."""

    username = factory.Sequence(lambda n: f"staff{n}")
    is_staff = True


def _join_group(name):
    def join(user, create, extracted, **kwargs):
        if create:
            from django.contrib.auth.models import Group

            user.groups.add(Group.objects.get(name=name))

    return join


class ResearcherFactory(UserFactory):
    class Meta:
        skip_postgeneration_save = True

    """A researcher: portal only, no admin access."""

    username = factory.Sequence(lambda n: f"researcher{n}")
    groups = factory.PostGeneration(_join_group("Researchers"))


class ProgrammeStaffFactory(UserFactory):
    class Meta:
        skip_postgeneration_save = True

    """Programme staff: the admin, and the only ones who publish."""

    username = factory.Sequence(lambda n: f"programme{n}")
    is_staff = True
    groups = factory.PostGeneration(_join_group("Programme staff"))


class UserProfileFactory(DjangoModelFactory):
    class Meta:
        model = "accounts.UserProfile"

    user = factory.SubFactory(UserFactory)
    language = "th"
