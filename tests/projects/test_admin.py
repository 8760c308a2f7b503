import pytest
from django.urls import reverse

from projects.models import Person, ResearchProject
from tests.factories import PersonFactory, ResearchProjectFactory

pytestmark = pytest.mark.django_db


def run_action(client, model, action, objects):
    url = reverse(f"admin:projects_{model._meta.model_name}_changelist")
    return client.post(url, {"action": action, "_selected_action": [obj.pk for obj in objects]})


def test_publish_action_publishes_the_selected_projects(admin_client):
    project = ResearchProjectFactory(is_published=False)

    run_action(admin_client, ResearchProject, "publish_selected", [project])

    assert list(ResearchProject.objects.published()) == [project]


def test_unpublish_action_unpublishes_the_selected_people(admin_client):
    person = PersonFactory()

    run_action(admin_client, Person, "unpublish_selected", [person])

    assert not Person.objects.published().exists()


def test_project_admin_saves_a_project_with_thai_and_english_titles(admin_client):
    project = ResearchProjectFactory()
    url = reverse("admin:projects_researchproject_change", args=[project.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, list | tuple)
    }
    data.update(
        city=project.city.pk,
        programme=project.programme.pk,
        title_th="ชื่อใหม่",
        title_en="A new title",
        tags="ข่าว, ข้าว",
        # The Thai admin shows and takes the years in the Buddhist Era.
        start_year=project.start_year + 543,
        end_year=project.end_year + 543,
    )
    for prefix in ("memberships", "subprojects", "milestones"):
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    project.refresh_from_db()
    assert (project.title_th, project.title_en) == ("ชื่อใหม่", "A new title")
    assert sorted(project.tags.names()) == sorted(["ข่าว", "ข้าว"])
