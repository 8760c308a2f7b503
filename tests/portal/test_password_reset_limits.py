"""Password-reset requests are limited per email address and per client address, and the
answer is the same whether the address exists and whether a limit was reached."""

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import ResearcherFactory

pytestmark = pytest.mark.django_db

PER_EMAIL, PER_CLIENT = 3, 5


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.PASSWORD_RESET_RATE_PER_EMAIL = f"{PER_EMAIL}/h"
    settings.PASSWORD_RESET_RATE_PER_CLIENT = f"{PER_CLIENT}/h"


def request_reset(client, email, address="198.51.100.1", **headers):
    return client.post(
        reverse("portal:password_reset"), {"email": email}, REMOTE_ADDR=address, **headers
    )


def test_requests_beyond_the_limit_for_one_email_address_send_nothing(client):
    researcher = ResearcherFactory()
    for n in range(PER_EMAIL):
        request_reset(client, researcher.email, address=f"198.51.100.{n + 1}")
    assert len(mail.outbox) == PER_EMAIL

    # From yet another client, and with the address in capitals: the same address.
    request_reset(client, researcher.email.upper(), address="203.0.113.9")

    assert len(mail.outbox) == PER_EMAIL


def test_another_email_address_still_gets_its_link_from_another_client(client):
    target, other = ResearcherFactory(), ResearcherFactory()
    for _ in range(PER_EMAIL + 2):
        request_reset(client, target.email)

    request_reset(client, other.email, address="203.0.113.9")

    assert mail.outbox[-1].to == [other.email]
    assert sum(message.to == [target.email] for message in mail.outbox) == PER_EMAIL


def test_requests_beyond_the_limit_from_one_client_send_nothing(client):
    researchers = ResearcherFactory.create_batch(PER_CLIENT + 1)
    for researcher in researchers[:PER_CLIENT]:
        request_reset(client, researcher.email)
    assert len(mail.outbox) == PER_CLIENT

    request_reset(client, researchers[-1].email)
    assert len(mail.outbox) == PER_CLIENT

    request_reset(client, researchers[-1].email, address="203.0.113.9")
    assert mail.outbox[-1].to == [researchers[-1].email]


def test_behind_the_proxy_each_forwarded_client_has_its_own_limit(client, settings):
    settings.AXES_IPWARE_PROXY_COUNT = 1
    researchers = ResearcherFactory.create_batch(PER_CLIENT + 1)
    for researcher in researchers[:PER_CLIENT]:
        request_reset(
            client, researcher.email, address="10.0.0.2", HTTP_X_FORWARDED_FOR="192.0.2.1"
        )

    request_reset(
        client, researchers[-1].email, address="10.0.0.2", HTTP_X_FORWARDED_FOR="192.0.2.1"
    )
    assert len(mail.outbox) == PER_CLIENT

    request_reset(
        client, researchers[-1].email, address="10.0.0.2", HTTP_X_FORWARDED_FOR="192.0.2.2"
    )
    assert mail.outbox[-1].to == [researchers[-1].email]


def answer(response):
    page = response.client.get(response["Location"])
    return response.status_code, response["Location"], response.content, page.content


def test_the_answer_is_the_same_for_a_known_an_unknown_and_a_limited_address(client):
    researcher = ResearcherFactory()

    known = answer(request_reset(client, researcher.email, address="198.51.100.1"))
    unknown = answer(request_reset(client, "nobody@example.org", address="198.51.100.2"))
    for _ in range(PER_EMAIL):
        request_reset(client, researcher.email, address="198.51.100.3")
    limited = answer(request_reset(client, researcher.email, address="198.51.100.4"))

    assert known[0] == 302
    assert known == unknown == limited


def test_the_email_goes_out_only_once_the_answer_has_been_sent(rf):
    """So the time an email takes (SMTP) does not tell a known address from an unknown one."""
    from portal.views import PasswordResetView

    researcher = ResearcherFactory()
    request = rf.post("/portal/password/reset/", {"email": researcher.email})
    request._dont_enforce_csrf_checks = True

    response = PasswordResetView.as_view()(request)
    assert response.status_code == 302
    assert mail.outbox == []

    response.close()  # what the WSGI server does once the answer is written
    assert mail.outbox[0].to == [researcher.email]


def test_the_email_sent_after_the_answer_is_in_the_language_asked_in(client):
    researcher = ResearcherFactory()

    client.post("/en/portal/password/reset/", {"email": researcher.email})

    assert "/en/portal/password/reset/" in mail.outbox[0].body
