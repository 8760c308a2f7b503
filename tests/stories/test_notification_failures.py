"""A mail server that is down must not lose a researcher's work or show them an error page."""

import socket

import pytest

from stories.models import StoryStatus
from tests.factories import ProgrammeStaffFactory, StoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def unreachable_smtp(settings):
    """Django's real SMTP backend pointed at a local port where nothing listens."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = closed_port
    settings.EMAIL_TIMEOUT = 2
    return closed_port


def test_submitting_while_the_mail_server_is_down_keeps_the_story_and_its_text(
    client, researcher, unreachable_smtp, caplog, django_capture_on_commit_callbacks
):
    ProgrammeStaffFactory(email="editor@example.org")
    story = StoryFactory(
        author=researcher, status=StoryStatus.DRAFT, body_th="<p>ข้อความที่เขียนไว้ทั้งหมด</p>"
    )
    client.force_login(researcher)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(f"/portal/stories/{story.pk}/submit/")

    assert callbacks  # the notification was attempted
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.status == StoryStatus.SUBMITTED
    assert story.body_th == "<p>ข้อความที่เขียนไว้ทั้งหมด</p>"
    assert "Could not send the" in caplog.text
    assert "ConnectionRefusedError" in caplog.text
