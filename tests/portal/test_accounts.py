"""Accounts: invitation by email in the person's language, set-password, login pages."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD, ResearcherFactory

pytestmark = pytest.mark.django_db

User = get_user_model()


def invite(client, language="th", email="new@example.org"):
    return client.post(
        reverse("admin:auth_user_add"),
        {
            "username": "newresearcher",
            "email": email,
            "first_name": "สมหญิง",
            "last_name": "",
            "role": "researcher",
            "profile-TOTAL_FORMS": "1",
            "profile-INITIAL_FORMS": "0",
            "profile-MIN_NUM_FORMS": "0",
            "profile-MAX_NUM_FORMS": "1",
            "profile-0-language": language,
        },
    )


def test_both_roles_exist_in_a_fresh_database():
    staff = Group.objects.get(name="Programme staff")
    assert staff.permissions.filter(codename="publish_story").exists()
    assert staff.permissions.filter(codename="change_city").exists()
    assert not Group.objects.get(name="Researchers").permissions.exists()


def test_adding_a_user_in_the_admin_emails_a_set_password_link(admin_client):
    response = invite(admin_client)

    assert response.status_code == 302
    user = User.objects.get(username="newresearcher")
    assert not user.has_usable_password()
    assert user.groups.filter(name="Researchers").exists()
    assert not user.is_staff
    assert mail.outbox[0].to == ["new@example.org"]
    assert "/portal/password/reset/" in mail.outbox[0].body


def test_the_invitation_is_in_the_persons_language(admin_client):
    invite(admin_client, language="en")

    assert mail.outbox[0].subject == "Your WeCitizens researcher account"
    assert "/en/portal/password/reset/" in mail.outbox[0].body


def test_the_invitation_link_sets_the_password_and_the_researcher_can_log_in(admin_client, client):
    invite(admin_client)
    path = re.search(r"https?://[^/]+(/\S+)", mail.outbox[0].body).group(1)

    form_page = client.get(path, follow=True)
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a-long new password 42", "new_password2": "a-long new password 42"},
    )
    assert client.get(reverse("portal:dashboard")).status_code == 200  # signed in already

    client.logout()
    response = client.post(
        reverse("portal:login"),
        {"username": "newresearcher", "password": "a-long new password 42"},
    )
    assert response.status_code == 302
    assert client.get(reverse("portal:dashboard")).status_code == 200


@pytest.mark.parametrize("path", ["/portal/login/", "/en/portal/login/", "/portal/password/reset/"])
def test_account_pages_render_in_both_languages(client, path):
    response = client.get(path)

    assert response.status_code == 200
    assert b"csrfmiddlewaretoken" in response.content


def test_a_researcher_logs_in_through_the_portal(client):
    researcher = ResearcherFactory()

    response = client.post(
        reverse("portal:login"), {"username": researcher.username, "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response.url == reverse("portal:dashboard")


def test_password_reset_sends_a_portal_link(client):
    researcher = ResearcherFactory()

    client.post(reverse("portal:password_reset"), {"email": researcher.email})

    assert "/portal/password/reset/" in mail.outbox[0].body


def test_programme_staff_invite_researchers(client, programme_staff):
    client.force_login(programme_staff)

    invite(client)

    user = User.objects.get(username="newresearcher")
    assert user.groups.filter(name="Researchers").exists()
    assert mail.outbox[0].to == [user.email]


def test_programme_staff_cannot_hand_out_superuser_rights(client, programme_staff):
    client.force_login(programme_staff)

    response = client.get(reverse("admin:auth_user_change", args=[programme_staff.pk]))

    fields = response.context["adminform"].form.fields
    assert "is_superuser" not in fields
    assert "user_permissions" not in fields


def test_programme_staff_cannot_open_a_superusers_account(client, programme_staff, admin_user):
    client.force_login(programme_staff)

    response = client.get(reverse("admin:auth_user_change", args=[admin_user.pk]))

    assert response.status_code == 302  # "does not exist", back to the list
