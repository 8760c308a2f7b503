"""Invitations: a role chosen in one step, an email that fits it, signed in after choosing a
password, a new invitation when the first lapsed (from staff or the forgotten-password form),
and who may send them."""

import re
from datetime import datetime, timedelta

import pytest
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    ProgrammeStaffFactory,
    ResearcherFactory,
    StaffUserFactory,
    UserFactory,
    UserProfileFactory,
)
from tests.portal.test_user_admin import post_change

pytestmark = pytest.mark.django_db

User = get_user_model()
NEW_PASSWORD = "a-long new password 42"
LINK = re.compile(r"https?://[^/\s]+(/\S*/password/reset/[^/\s]+/[^/\s]+/)")


def invite(client, *, role="researcher", language="th", username="newperson"):
    return client.post(
        reverse("admin:auth_user_add"),
        {
            "username": username,
            "email": f"{username}@example.org",
            "first_name": "สมหญิง",
            "last_name": "",
            "role": role,
            "profile-TOTAL_FORMS": "1",
            "profile-INITIAL_FORMS": "0",
            "profile-MIN_NUM_FORMS": "0",
            "profile-MAX_NUM_FORMS": "1",
            "profile-0-language": language,
        },
    )


def link_in(message):
    return LINK.search(message.body).group(1)


def set_password(client, link):
    """Follow a set-password link as Django makes it (token moved into the session), and
    choose a password. Returns the answer to that choice."""
    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"]
    return client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )


def link_works(client, link):
    return client.get(link, follow=True).context["validlink"]


@pytest.fixture
def after_expiry(monkeypatch):
    """The clock of Django's tokens a day after every link sent now has expired."""

    def travel():
        later = datetime.now() + timedelta(days=8)
        monkeypatch.setattr(default_token_generator, "_now", lambda: later)

    return travel


@pytest.fixture
def invited_researcher(db):
    """A researcher who was invited and has not chosen a password."""
    user = ResearcherFactory(password=None)
    user.set_unusable_password()
    user.save()
    UserProfileFactory(user=user, language="th")
    return user


def test_a_researchers_invitation_in_thai_says_how_long_the_link_works_in_buddhist_years(
    admin_client,
):
    invite(admin_client)

    message = mail.outbox[0]
    user = User.objects.get(username="newperson")
    expires = timezone.localtime() + timedelta(days=7)
    assert message.to == ["newperson@example.org"]
    assert message.subject == "บัญชีนักวิจัยของคุณบน WeCitizens"
    assert "นักวิจัย" in message.body
    assert "7 วัน" in message.body
    assert str(expires.year + 543) in message.body
    assert str(expires.year) not in message.body
    assert link_in(message).startswith("/portal/password/reset/")
    assert "/portal/login/" in message.body
    assert user.groups.filter(name="Researchers").exists() and not user.is_staff


def test_a_researchers_invitation_in_english(admin_client):
    invite(admin_client, language="en")

    message = mail.outbox[0]
    expires = timezone.localtime() + timedelta(days=7)
    assert message.subject == "Your WeCitizens researcher account"
    assert "for 7 days" in message.body
    assert str(expires.year) in message.body
    assert "in the portal you write stories" in message.body
    assert link_in(message).startswith("/en/portal/password/reset/")


def test_a_superuser_invites_programme_staff_in_one_step(admin_client):
    invite(admin_client, role="programme_staff", language="th")

    user = User.objects.get(username="newperson")
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == ["Programme staff"]
    assert not user.has_usable_password()
    message = mail.outbox[0]
    assert message.subject == "บัญชีเจ้าหน้าที่โครงการของคุณบน WeCitizens"
    assert "ระบบจัดการ" in message.body
    assert "/admin/login/" in message.body
    assert "/portal/login/" not in message.body
    assert link_in(message).startswith("/portal/password/reset/")


def test_programme_staffs_invitation_in_english(admin_client):
    invite(admin_client, role="programme_staff", language="en")

    message = mail.outbox[0]
    assert message.subject == "Your WeCitizens programme staff account"
    assert "administration site" in message.body


def test_invited_staff_are_signed_in_and_taken_to_the_admin(admin_client, client):
    invite(admin_client, role="programme_staff")

    response = set_password(client, link_in(mail.outbox[0]))

    assert response.status_code == 302
    assert response.url == reverse("admin:index")
    user = User.objects.get(username="newperson")
    assert client.session[SESSION_KEY] == str(user.pk)
    assert client.get(reverse("admin:index")).status_code == 200


def test_staff_invited_in_english_keep_english_in_the_admin(admin_client, client):
    invite(admin_client, role="programme_staff", language="en")

    set_password(client, link_in(mail.outbox[0]))

    assert client.get(reverse("admin:index")).headers["Content-Language"] == "en"


def test_invited_researchers_are_signed_in_and_taken_to_their_stories(admin_client, client):
    invite(admin_client)

    response = set_password(client, link_in(mail.outbox[0]))

    assert response.url == reverse("portal:dashboard")
    assert client.get(reverse("portal:dashboard")).status_code == 200
    user = User.objects.get(username="newperson")
    assert user.check_password(NEW_PASSWORD)


def test_an_invitation_link_works_once(admin_client, client):
    invite(admin_client)
    link = link_in(mail.outbox[0])
    set_password(client, link)
    client.logout()

    assert not link_works(client, link)


def test_staff_resend_a_lapsed_invitation_and_only_the_new_link_works(
    admin_client, client, after_expiry
):
    invite(admin_client)
    old_link = link_in(mail.outbox[0])
    user = User.objects.get(username="newperson")
    after_expiry()
    assert not link_works(client, old_link)

    response = admin_client.post(reverse("admin:auth_user_invitation", args=[user.pk]))

    assert response.status_code == 302
    new_link = link_in(mail.outbox[-1])
    assert new_link != old_link
    assert not link_works(client, old_link)
    assert set_password(client, new_link).url == reverse("portal:dashboard")


def test_a_resent_invitation_ends_the_earlier_link_even_before_it_lapsed(admin_client, client):
    invite(admin_client)
    old_link = link_in(mail.outbox[0])
    user = User.objects.get(username="newperson")

    admin_client.post(reverse("admin:auth_user_invitation", args=[user.pk]))

    assert not link_works(client, old_link)
    assert link_works(client, link_in(mail.outbox[-1]))


def test_the_resend_action_invites_only_those_without_a_password(admin_client, invited_researcher):
    has_password = ResearcherFactory()

    response = admin_client.post(
        reverse("admin:auth_user_changelist"),
        {
            "action": "invitation_resend",
            "_selected_action": [invited_researcher.pk, has_password.pk],
        },
        follow=True,
    )

    assert [message.to for message in mail.outbox] == [[invited_researcher.email]]
    assert mail.outbox[0].subject == "บัญชีนักวิจัยของคุณบน WeCitizens"
    shown = [str(message) for message in response.context["messages"]]
    assert any("1" in text for text in shown) and len(shown) == 2


def test_the_change_form_offers_a_new_invitation_only_while_no_password_is_chosen(
    admin_client, invited_researcher
):
    url = reverse("admin:auth_user_invitation", args=[invited_researcher.pk])
    pending = admin_client.get(reverse("admin:auth_user_change", args=[invited_researcher.pk]))
    assert url in pending.content.decode()
    assert "ส่งคำเชิญใหม่" in pending.content.decode()

    with_password = ResearcherFactory()
    done = admin_client.get(reverse("admin:auth_user_change", args=[with_password.pk]))
    assert "/invitation/" not in done.content.decode()
    admin_client.post(reverse("admin:auth_user_invitation", args=[with_password.pk]))
    assert mail.outbox == []


def test_the_resend_button_refuses_a_get(admin_client, invited_researcher):
    response = admin_client.get(reverse("admin:auth_user_invitation", args=[invited_researcher.pk]))

    assert response.status_code == 405
    assert mail.outbox == []


def test_resending_to_an_unknown_account_is_a_404(admin_client):
    response = admin_client.post(reverse("admin:auth_user_invitation", args=[999999]))

    assert response.status_code == 404


def forgot(client, email, path="/portal/password/reset/"):
    return client.post(path, {"email": email})


def test_forgotten_password_after_a_lapsed_invitation_sends_a_new_invitation(
    client, invited_researcher, after_expiry
):
    after_expiry()

    response = forgot(client, invited_researcher.email.upper())

    assert response.status_code == 302
    message = mail.outbox[0]
    assert message.to == [invited_researcher.email]
    assert message.subject == "บัญชีนักวิจัยของคุณบน WeCitizens"
    assert set_password(client, link_in(message)).url == reverse("portal:dashboard")


def test_the_new_invitation_from_the_forgotten_password_form_is_in_the_language_asked_in(
    client, invited_researcher
):
    forgot(client, invited_researcher.email, path="/en/portal/password/reset/")

    assert mail.outbox[0].subject == "Your WeCitizens researcher account"
    assert link_in(mail.outbox[0]).startswith("/en/portal/password/reset/")


def test_an_unknown_address_gets_the_same_answer_and_no_email(client, invited_researcher):
    known = forgot(client, invited_researcher.email)
    unknown = forgot(client, "nobody@example.org")

    assert (known.status_code, known.url) == (unknown.status_code, unknown.url)
    assert client.get(known.url).content == client.get(unknown.url).content
    assert [message.to for message in mail.outbox] == [[invited_researcher.email]]


def test_an_inactive_account_gets_nothing(client, invited_researcher):
    invited_researcher.is_active = False
    invited_researcher.save()
    active_with_password = ResearcherFactory(is_active=False)

    unknown = forgot(client, "nobody@example.org")
    response = forgot(client, invited_researcher.email)
    forgot(client, active_with_password.email)

    assert (response.status_code, response.url) == (unknown.status_code, unknown.url)
    assert mail.outbox == []


def test_a_forgotten_password_still_sends_a_reset_link_to_someone_with_a_password(client):
    researcher = ResearcherFactory()

    forgot(client, researcher.email)

    assert mail.outbox[0].subject == "ตั้งรหัสผ่าน WeCitizens ใหม่"


def test_a_superuser_makes_a_researcher_programme_staff_in_one_step(admin_client):
    researcher = ResearcherFactory()

    response = post_change(admin_client, researcher, role="programme_staff")

    assert response.status_code == 302
    researcher.refresh_from_db()
    assert researcher.is_staff
    assert list(researcher.groups.values_list("name", flat=True)) == ["Programme staff"]


def test_taking_the_staff_role_away_removes_the_group_and_admin_access(admin_client):
    colleague = ProgrammeStaffFactory()

    post_change(admin_client, colleague, role="researcher")

    colleague.refresh_from_db()
    assert not colleague.is_staff
    assert list(colleague.groups.values_list("name", flat=True)) == ["Researchers"]

    post_change(admin_client, colleague, role="")

    colleague.refresh_from_db()
    assert not colleague.is_staff and not colleague.groups.exists()


def test_an_edit_that_leaves_the_role_alone_leaves_admin_access_alone(admin_client):
    previewer = StaffUserFactory()  # admin access without a role group

    post_change(admin_client, previewer, first_name="ใหม่")

    previewer.refresh_from_db()
    assert previewer.is_staff and previewer.first_name == "ใหม่"


def test_the_change_form_shows_the_current_role(admin_client):
    colleague = ProgrammeStaffFactory()

    response = admin_client.get(reverse("admin:auth_user_change", args=[colleague.pk]))

    assert response.context["adminform"].form["role"].value() == "programme_staff"
    assert "บทบาท" in response.content.decode()


@pytest.fixture
def programme_staff_client(client, programme_staff):
    client.force_login(programme_staff)
    return client


def test_programme_staff_resend_a_researchers_invitation(
    programme_staff_client, invited_researcher
):
    response = programme_staff_client.post(
        reverse("admin:auth_user_invitation", args=[invited_researcher.pk])
    )

    assert response.status_code == 302
    assert mail.outbox[0].to == [invited_researcher.email]


def test_programme_staff_choose_the_language_of_a_researchers_invitation(
    programme_staff_client,
):
    form = programme_staff_client.get(reverse("admin:auth_user_add"))
    assert 'name="profile-0-language"' in form.content.decode()

    response = invite(programme_staff_client, language="en")

    assert response.status_code == 302
    assert mail.outbox[0].subject == "Your WeCitizens researcher account"
    assert User.objects.get(username="newperson").profile.language == "en"


def test_programme_staff_cannot_make_a_researcher_staff_with_the_role_field(
    programme_staff_client,
):
    researcher = ResearcherFactory()

    response = post_change(programme_staff_client, researcher, role="programme_staff")

    assert response.status_code == 200  # the form again: not a choice they have
    researcher.refresh_from_db()
    assert not researcher.is_staff
    assert list(researcher.groups.values_list("name", flat=True)) == ["Researchers"]


def test_programme_staff_cannot_resend_a_colleagues_invitation(programme_staff_client):
    colleague = ProgrammeStaffFactory(password=None)
    colleague.set_unusable_password()
    colleague.save()

    response = programme_staff_client.post(
        reverse("admin:auth_user_invitation", args=[colleague.pk])
    )

    assert response.status_code == 403
    assert mail.outbox == []


@pytest.fixture
def viewer_client(client):
    """Staff who may see and change accounts, but not add them."""
    viewer = StaffUserFactory()
    viewer.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_user", "change_user"])
    )
    client.force_login(viewer)
    return client


def test_only_those_who_may_add_users_invite(viewer_client, invited_researcher):
    assert viewer_client.get(reverse("admin:auth_user_add")).status_code == 403
    assert invite(viewer_client, username="sneaky").status_code == 403
    resend = viewer_client.post(reverse("admin:auth_user_invitation", args=[invited_researcher.pk]))
    assert resend.status_code == 403
    page = viewer_client.get(reverse("admin:auth_user_changelist"))
    assert "invitation_resend" not in page.content.decode()
    change = viewer_client.get(reverse("admin:auth_user_change", args=[invited_researcher.pk]))
    assert "/invitation/" not in change.content.decode()
    assert mail.outbox == []
    assert not User.objects.filter(username="sneaky").exists()


def test_anonymous_visitors_cannot_resend(client, invited_researcher):
    response = client.post(reverse("admin:auth_user_invitation", args=[invited_researcher.pk]))

    assert response.status_code == 302
    assert "/admin/login/" in response.url
    assert mail.outbox == []


def test_an_account_with_neither_role_lands_on_the_saved_page(client):
    user = UserFactory(password=None)
    user.set_unusable_password()
    user.save()
    Group.objects.get(name="Researchers")  # exists, but the user is not in it

    forgot(client, user.email)
    response = set_password(client, link_in(mail.outbox[0]))

    assert response.url == reverse("portal:password_reset_complete")


def test_the_user_list_shows_each_role_and_who_has_not_chosen_a_password(
    admin_client, invited_researcher, django_assert_num_queries
):
    url = reverse("admin:auth_user_changelist")
    ProgrammeStaffFactory.create_batch(2)
    admin_client.get(url)
    with CaptureQueriesContext(connection) as few:
        admin_client.get(url)
    ProgrammeStaffFactory.create_batch(20)

    with django_assert_num_queries(len(few)):
        response = admin_client.get(url)

    page = response.content.decode()
    assert "เจ้าหน้าที่โครงการ" in page and "นักวิจัย" in page
    assert "รหัสผ่านตั้งแล้ว" in page
    rows = response.context["cl"].result_list
    assert [user.has_usable_password() for user in rows if user == invited_researcher] == [False]


def test_a_link_sent_before_the_account_was_deactivated_signs_no_one_in(admin_client, client):
    invite(admin_client)
    User.objects.filter(username="newperson").update(is_active=False)

    response = set_password(client, link_in(mail.outbox[0]))

    assert response.url == reverse("portal:password_reset_complete")
    assert SESSION_KEY not in client.session
