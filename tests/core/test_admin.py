import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from taggit.models import Tag as TaggitTag

from about.models import AboutPage
from cities.models import City, Programme
from privacy.models import DeletionRequest
from projects.models import Milestone, Person, ResearchProject, SubProject
from redirects.models import SlugRedirect
from stories.models import Story
from tags.models import Tag
from tests.factories import (
    CityFactory,
    MilestoneFactory,
    PersonFactory,
    ProgrammeFactory,
    ProjectMemberFactory,
    ResearchProjectFactory,
    StoryFactory,
    StoryPersonFactory,
    SubProjectFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def full_project():
    project = ResearchProjectFactory(tags=["ข่าว"])
    ProjectMemberFactory(project=project)
    SubProjectFactory(project=project)
    MilestoneFactory(project=project)
    return project


def full_story():
    story = StoryFactory(tags=["ข่าว"], projects=[ResearchProjectFactory()])
    StoryPersonFactory(story=story)
    return story


def full_city():
    city = CityFactory()
    city.links.create(platform_th="ยูเนสโก", url="https://example.org/")
    ResearchProjectFactory(city=city)
    return city


# One way to make an object of every model with an admin. A newly registered model
# fails the tests below until it is added here.
INSTANCE_MAKERS = {
    Group: lambda: Group.objects.create(name="บรรณาธิการ"),
    UserFactory._meta.model: UserFactory,
    Tag: lambda: Tag.objects.create(name="ข้าว"),
    Programme: ProgrammeFactory,
    City: full_city,
    Person: PersonFactory,
    ResearchProject: full_project,
    SubProject: SubProjectFactory,
    Milestone: MilestoneFactory,
    Story: full_story,
    SlugRedirect: lambda: SlugRedirect.objects.create(
        old_path="/stories/a/", new_path="/stories/b/"
    ),
    DeletionRequest: lambda: DeletionRequest.objects.create(user=UserFactory(), username="someone"),
    AccessAttempt: lambda: AccessAttempt.objects.create(
        username="someone", ip_address="192.0.2.1", failures_since_start=1
    ),
    AccessLog: lambda: AccessLog.objects.create(username="someone", ip_address="192.0.2.1"),
    AccessFailureLog: lambda: AccessFailureLog.objects.create(
        username="someone", ip_address="192.0.2.1"
    ),
    AboutPage: AboutPage.objects.get,  # the one a migration writes
}
# django-axes' records of sign-ins are written by the site only: staff cannot add them.
LOG_MODELS = {AccessAttempt, AccessLog, AccessFailureLog}
# There is one About page, which a migration writes: staff edit it but cannot add another.
SINGLE_MODELS = {AboutPage}

REGISTERED_MODELS = sorted(admin.site._registry, key=lambda model: model._meta.label)


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def test_every_registered_model_can_be_made_for_these_tests():
    assert set(REGISTERED_MODELS) <= set(INSTANCE_MAKERS)


def test_taggits_own_tag_model_has_no_admin_beside_ours():
    assert TaggitTag not in admin.site._registry
    assert Tag in admin.site._registry


@pytest.mark.parametrize("model", REGISTERED_MODELS, ids=lambda model: model._meta.label)
def test_changelist_returns_200(admin_client, model):
    INSTANCE_MAKERS[model]()

    assert admin_client.get(admin_url(model, "changelist")).status_code == 200


@pytest.mark.parametrize(
    "model",
    [model for model in REGISTERED_MODELS if model not in LOG_MODELS | SINGLE_MODELS],
    ids=lambda model: model._meta.label,
)
def test_add_page_returns_200(admin_client, model):
    assert admin_client.get(admin_url(model, "add")).status_code == 200


@pytest.mark.parametrize("model", REGISTERED_MODELS, ids=lambda model: model._meta.label)
def test_change_page_returns_200(admin_client, model):
    obj = INSTANCE_MAKERS[model]()

    assert admin_client.get(admin_url(model, "change", obj.pk)).status_code == 200


@pytest.mark.parametrize(
    ("model", "make_complete", "make_missing"),
    [
        pytest.param(City, CityFactory, lambda: CityFactory(name_en=""), id="city"),
        pytest.param(Person, PersonFactory, lambda: PersonFactory(role_en=""), id="person"),
        pytest.param(
            ResearchProject,
            ResearchProjectFactory,
            lambda: ResearchProjectFactory(title_en=""),
            id="project",
        ),
        pytest.param(Story, StoryFactory, lambda: StoryFactory(excerpt_en=""), id="story"),
    ],
)
def test_english_missing_filter_lists_only_objects_lacking_english(
    admin_client, model, make_complete, make_missing
):
    make_complete()
    missing = make_missing()

    response = admin_client.get(admin_url(model, "changelist"), {"english": "missing"})

    assert list(response.context["cl"].queryset) == [missing]


def test_english_complete_filter_lists_only_translated_objects(admin_client):
    complete = CityFactory()
    CityFactory(summary_th="สรุป", summary_en="")

    response = admin_client.get(admin_url(City, "changelist"), {"english": "complete"})

    assert list(response.context["cl"].queryset) == [complete]


def test_english_filter_is_offered_on_the_changelist(admin_client):
    response = admin_client.get(admin_url(City, "changelist"))

    assert "?english=missing" in response.content.decode()


@pytest.mark.parametrize("model", [Programme, City, Person, ResearchProject, Story])
def test_translated_admin_serves_jquery_ui_locally_not_from_google(admin_client, model):
    content = admin_client.get(admin_url(model, "add")).content.decode()

    assert "ajax.googleapis.com" not in content
    assert "/static/vendor/jquery-ui/jquery-ui.min.js" in content


def test_local_jquery_ui_file_exists():
    from django.contrib.staticfiles import finders

    assert finders.find("vendor/jquery-ui/jquery-ui.min.js")


def test_admin_sends_anonymous_visitors_to_log_in(client):
    response = client.get(admin_url(City, "changelist"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_admin_refuses_a_logged_in_user_who_is_not_staff(client):
    client.force_login(UserFactory())

    assert client.get(admin_url(City, "changelist")).status_code == 302


def test_admin_refuses_staff_without_permission_on_the_model(client, staff_user):
    client.force_login(staff_user)

    assert client.get(admin_url(City, "changelist")).status_code == 403


def test_admin_lets_staff_with_permission_change_the_model(client, staff_user):
    staff_user.user_permissions.add(Permission.objects.get(codename="change_city"))
    client.force_login(staff_user)

    assert client.get(admin_url(City, "changelist")).status_code == 200
