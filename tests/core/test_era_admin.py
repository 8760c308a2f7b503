"""Dates in the admin's user, privacy and sign-in screens in the screen's era, typed in Thai
or ASCII digits; the yes/no icons and the groups' own pages in the reader's language."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from core.forms import EraDateField, EraSplitDateTimeField, EraYearField
from privacy.models import DeletionRequest
from stories.roles import STAFF_GROUP
from tests.factories import UserFactory
from tests.portal.test_user_admin import change_form_data


def _in_language(client, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    return client


@pytest.fixture
def superuser_client(client, db):
    client.force_login(UserFactory(username="era-admin", is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize(
    ("field", "typed", "expected"),
    [
        (EraDateField(), "๒๕๖๙-๐๑-๑๕", datetime.date(2026, 1, 15)),
        (EraDateField(), "๑๕/๐๑/๒๕๖๙", datetime.date(2026, 1, 15)),
        (EraYearField(), "๒๕๖๙", 2026),
    ],
)
def test_a_thai_screen_reads_thai_digits(field, typed, expected):
    with translation.override("th"):
        assert field.clean(typed) == expected


def test_a_date_and_time_typed_in_thai_digits_is_read():
    with translation.override("th"):
        value = EraSplitDateTimeField().clean(["๑๕/๐๑/๒๕๖๙", "๐๙:๓๐"])
    assert timezone.localtime(value).replace(tzinfo=None) == datetime.datetime(2026, 1, 15, 9, 30)


@pytest.mark.django_db
def test_the_user_admin_shows_and_reads_buddhist_era_dates_on_a_thai_screen(superuser_client):
    member = UserFactory(username="era-member")
    member.date_joined = timezone.make_aware(datetime.datetime(2026, 1, 15, 9, 30))
    member.save()
    client = _in_language(superuser_client, "th")
    url = reverse("admin:auth_user_change", args=[member.pk])
    page = client.get(url).content.decode()
    assert 'value="15/01/2569"' in page
    assert "admin-era-calendar.js" in page  # the calendar, turned to the Buddhist Era

    data = change_form_data(client, member, date_joined_0="๑๖/๐๑/๒๕๖๙")
    assert client.post(url, data).status_code == 302
    member.refresh_from_db()
    assert timezone.localtime(member.date_joined).date() == datetime.date(2026, 1, 16)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("16/01/2026", "2026 เป็นปี ค.ศ. กรุณาพิมพ์ปี พ.ศ. คือ 2569"),
        ("16/01/3000", "2443 ถึง 2743"),
    ],
)
def test_the_user_admin_refuses_a_year_outside_the_buddhist_era_on_a_thai_screen(
    superuser_client, typed, message
):
    member = UserFactory(username="era-member")
    client = _in_language(superuser_client, "th")
    url = reverse("admin:auth_user_change", args=[member.pk])
    response = client.post(url, change_form_data(client, member, date_joined_0=typed))
    assert response.status_code == 200
    assert message in response.content.decode()


@pytest.mark.django_db
def test_the_user_admin_shows_common_era_dates_on_an_english_screen(superuser_client):
    member = UserFactory(username="era-member")
    member.date_joined = timezone.make_aware(datetime.datetime(2026, 1, 15, 9, 30))
    member.save()
    client = _in_language(superuser_client, "en")
    page = client.get(reverse("admin:auth_user_change", args=[member.pk])).content.decode()
    assert 'value="2026-01-15"' in page or 'value="15/01/2026"' in page
    assert "2569" not in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "year", "other"), [("th", "2569", "2026"), ("en", "2026", "2569")]
)
def test_the_privacy_admin_shows_its_dates_in_the_screens_era(
    superuser_client, language, year, other
):
    request = DeletionRequest.objects.create(username="leaving")
    DeletionRequest.objects.filter(pk=request.pk).update(
        requested_at=timezone.make_aware(datetime.datetime(2026, 1, 15, 9, 30))
    )
    client = _in_language(superuser_client, language)
    for url in (
        reverse("admin:privacy_deletionrequest_changelist"),
        reverse("admin:privacy_deletionrequest_change", args=[request.pk]),
    ):
        page = client.get(url).content.decode()
        assert year in page, url
        assert other not in page, url


@pytest.mark.django_db
def test_the_sign_in_records_are_named_and_dated_in_thai(client, superuser_client):
    from axes.models import AccessLog

    log = AccessLog.objects.get()  # the superuser's sign-in
    page = _in_language(superuser_client, "th").get(
        reverse("admin:axes_accesslog_change", args=[log.pk])
    )
    text = page.content.decode()
    assert "การเข้าระบบของ era-admin เมื่อ" in text
    assert str(timezone.localtime(log.attempt_time).year + 543) in text
    assert "Access Log" not in text


@pytest.mark.django_db
def test_the_yes_no_icons_are_labelled_in_the_readers_language(superuser_client):
    url = reverse("admin:auth_user_changelist")
    assert 'alt="ใช่"' in _in_language(superuser_client, "th").get(url).content.decode()
    assert 'alt="Yes"' in _in_language(superuser_client, "en").get(url).content.decode()


@pytest.mark.django_db
def test_a_groups_own_pages_name_it_in_the_readers_language(superuser_client):
    from django.contrib.auth.models import Group

    group = Group.objects.get(name=STAFF_GROUP)
    client = _in_language(superuser_client, "th")
    for view in ("change", "history"):
        page = client.get(reverse(f"admin:auth_group_{view}", args=[group.pk])).content.decode()
        assert "เจ้าหน้าที่โครงการ" in page
        # The stored name shows only where staff may edit it: the name input's value.
        assert page.count(STAFF_GROUP) == page.count(f'value="{STAFF_GROUP}"')
