"""The user admin: programme staff manage researchers' accounts; only superusers change the
credentials and rights of staff accounts (password, email, username, staff status, groups,
permissions, active)."""

import pytest
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.urls import reverse
from django.utils import translation

from tests.factories import PASSWORD, ProgrammeStaffFactory, ResearcherFactory

pytestmark = pytest.mark.django_db

User = get_user_model()
NEW_PASSWORD = "a brand-new passphrase 42"


def change_form_data(client, user, **changes):
    """What the admin's change form for `user` posts back as rendered, with `changes`."""
    response = client.get(reverse("admin:auth_user_change", args=[user.pk]))
    assert response.status_code == 200
    data = {}
    forms_to_post = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        data.update(
            {management.add_prefix(name): management[name].value() for name in management.fields}
        )
        forms_to_post += inline.formset.forms
    for form in forms_to_post:
        for name, field in form.fields.items():
            if field.disabled:
                continue
            value = field.prepare_value(form[name].value())
            key = form.add_prefix(name)
            if isinstance(field, forms.SplitDateTimeField):
                # As the inputs show it: the date with the year in the screen's era.
                with translation.override(response.wsgi_request.LANGUAGE_CODE):
                    parts = field.widget.decompress(value) if value else [None, None]
                    for index, (widget, part) in enumerate(
                        zip(field.widget.widgets, parts, strict=True)
                    ):
                        data[f"{key}_{index}"] = widget.format_value(part) or ""
            elif isinstance(field, forms.BooleanField):
                if value:
                    data[key] = "on"
            elif value is not None:
                data[key] = value
    data.update(changes)
    return data


def post_change(client, user, **changes):
    return client.post(
        reverse("admin:auth_user_change", args=[user.pk]), change_form_data(client, user, **changes)
    )


def post_password(client, user):
    return client.post(
        reverse("admin:auth_user_password_change", args=[user.pk]),
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"},
    )


@pytest.fixture
def staff_client(client, programme_staff):
    client.force_login(programme_staff)
    return client


def test_staff_change_a_researchers_email_and_password(staff_client):
    researcher = ResearcherFactory()

    response = post_change(staff_client, researcher, email="moved@example.org")
    assert response.status_code == 302
    assert post_password(staff_client, researcher).status_code == 302

    researcher.refresh_from_db()
    assert researcher.email == "moved@example.org"
    assert researcher.check_password(NEW_PASSWORD)


def test_staff_cannot_set_another_staff_members_password(staff_client):
    colleague = ProgrammeStaffFactory()
    url = reverse("admin:auth_user_password_change", args=[colleague.pk])

    assert staff_client.get(url).status_code == 403
    assert post_password(staff_client, colleague).status_code == 403

    colleague.refresh_from_db()
    assert colleague.check_password(PASSWORD)


def test_staff_see_another_staff_members_credentials_read_only(staff_client):
    colleague = ProgrammeStaffFactory()

    response = staff_client.get(reverse("admin:auth_user_change", args=[colleague.pk]))

    assert "../password/" not in response.content.decode()
    fields = response.context["adminform"].form.fields
    for name in (
        "username",
        "password",
        "email",
        "is_active",
        "is_staff",
        "groups",
        "user_permissions",
    ):
        assert name not in fields


def test_a_crafted_post_leaves_another_staff_members_account_unchanged(staff_client):
    colleague = ProgrammeStaffFactory()
    researchers = Group.objects.get(name="Researchers")

    post_change(
        staff_client,
        colleague,
        username="taken-over",
        email="attacker@example.org",
        groups=[researchers.pk],
        is_staff="",
        is_active="",
    )

    colleague.refresh_from_db()
    assert colleague.username != "taken-over"
    assert colleague.email != "attacker@example.org"
    assert colleague.is_active and colleague.is_staff
    assert list(colleague.groups.values_list("name", flat=True)) == ["Programme staff"]


def test_staff_cannot_make_a_researcher_staff(staff_client):
    researcher = ResearcherFactory()
    staff_group = Group.objects.get(name="Programme staff")

    post_change(staff_client, researcher, is_staff="on", groups=[staff_group.pk])

    researcher.refresh_from_db()
    assert not researcher.is_staff
    assert not researcher.groups.filter(pk=staff_group.pk).exists()


def test_staff_cannot_invite_someone_as_programme_staff(staff_client):
    response = staff_client.post(
        reverse("admin:auth_user_add"),
        {
            "username": "newcolleague",
            "email": "new@example.org",
            "role": "programme_staff",
            "profile-TOTAL_FORMS": "0",
            "profile-INITIAL_FORMS": "0",
            "profile-MIN_NUM_FORMS": "0",
            "profile-MAX_NUM_FORMS": "1",
        },
    )

    assert response.status_code == 200  # the form again, with the error
    assert not User.objects.filter(username="newcolleague").exists()
    assert mail.outbox == []


def test_a_superuser_changes_a_staff_members_credentials(admin_client):
    colleague = ProgrammeStaffFactory()
    researchers = Group.objects.get(name="Researchers")

    response = post_change(
        admin_client, colleague, email="new-address@example.org", groups=[researchers.pk]
    )
    assert response.status_code == 302
    assert post_password(admin_client, colleague).status_code == 302

    colleague.refresh_from_db()
    assert colleague.email == "new-address@example.org"
    assert list(colleague.groups.values_list("name", flat=True)) == ["Researchers"]
    assert colleague.check_password(NEW_PASSWORD)


def test_staff_given_the_delete_permission_still_cannot_delete_a_staff_account(
    staff_client, programme_staff
):
    programme_staff.user_permissions.add(Permission.objects.get(codename="delete_user"))
    colleague, researcher = ProgrammeStaffFactory(), ResearcherFactory()

    staff_client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "delete_selected", "_selected_action": [colleague.pk], "post": "yes"},
    )
    staff_client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "delete_selected", "_selected_action": [researcher.pk], "post": "yes"},
    )

    assert User.objects.filter(pk=colleague.pk).exists()
    assert not User.objects.filter(pk=researcher.pk).exists()
