"""Sign-in lockout: guesses are bounded per account whatever address they come from, and a
stranger's failures keep the account's owner out only for the short cool-off."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.db.models import F

from tests.factories import PASSWORD, StaffUserFactory

pytestmark = pytest.mark.django_db

SHORT_COOL_OFF = timedelta(minutes=15)


def sign_in(client, username, password, address, path="/admin/login/", **headers):
    return client.post(
        path, {"username": username, "password": password}, REMOTE_ADDR=address, **headers
    )


def age_attempts(by):
    """Travel in time: the recorded failures happened `by` earlier."""
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - by)


def test_guesses_for_one_account_from_many_addresses_are_bounded(client, settings):
    staff = StaffUserFactory()
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, staff.username, "wrong", address=f"198.51.100.{n + 1}")

    # A fresh address, even with the right password, is refused while the account is locked.
    response = sign_in(client, staff.username, PASSWORD, address="203.0.113.77")

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_strangers_failures_lock_the_owner_out_only_for_the_short_cool_off(client, settings):
    staff = StaffUserFactory()
    office = "192.0.2.10"  # the stranger and the owner share one office address
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, staff.username, "wrong", address=office)
    assert sign_in(client, staff.username, PASSWORD, address=office).status_code == 429

    age_attempts(SHORT_COOL_OFF - timedelta(minutes=1))
    assert sign_in(client, staff.username, PASSWORD, address=office).status_code == 429

    # The owner's own tries while locked did not lengthen the lockout.
    age_attempts(timedelta(minutes=1, seconds=1))
    response = sign_in(client, staff.username, PASSWORD, address=office)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/account/login/", "เข้าสู่ระบบผิดหลายครั้งเกินไป"),
        ("/portal/login/", "เข้าสู่ระบบผิดหลายครั้งเกินไป"),
        ("/admin/login/", "เข้าสู่ระบบผิดหลายครั้งเกินไป"),
        ("/en/account/login/", "Too many failed sign-ins"),
        ("/en/portal/login/", "Too many failed sign-ins"),
    ],
)
def test_the_lockout_page_is_in_the_users_language(client, settings, path, expected):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = sign_in(client, "someone", "wrong", address="192.0.2.10", path=path)

    assert response.status_code == 429
    assert expected in response.content.decode()
    assert "15" in response.content.decode()  # how long to wait, in minutes


def test_behind_the_proxy_the_forwarded_client_is_recorded_not_a_spoofed_one(client, settings):
    settings.AXES_IPWARE_PROXY_COUNT = 1

    sign_in(
        client, "someone", "wrong", address="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 192.0.2.1"
    )

    assert AccessAttempt.objects.get().ip_address == "192.0.2.1"


def test_a_forwarded_address_that_is_not_an_address_falls_back_to_the_connections(client, settings):
    settings.AXES_IPWARE_PROXY_COUNT = 1

    response = sign_in(
        client, "someone", "wrong", address="10.0.0.2", HTTP_X_FORWARDED_FOR="<script>"
    )

    assert response.status_code == 200
    assert AccessAttempt.objects.get().ip_address == "10.0.0.2"
