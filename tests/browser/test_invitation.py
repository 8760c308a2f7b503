"""An invitation in a real browser: a superuser invites programme staff in one step, the new
colleague opens the emailed link, chooses a password and is in the admin, signed in."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from tests.browser.helpers import log_in, set_password_from_invitation
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

NEW_PASSWORD = "a-long new password 42"


def test_invited_programme_staff_choose_a_password_and_land_in_the_admin(
    live_server, chromium, desktop_page
):
    base = live_server.url
    page = desktop_page
    boss = UserFactory(username="boss", is_staff=True, is_superuser=True)
    log_in(page, base, boss)

    page.goto(base + "/admin/auth/user/add/")
    page.fill("input[name=username]", "newcolleague")
    page.fill("input[name=email]", "newcolleague@example.org")
    page.select_option("select[name=role]", "programme_staff")
    page.select_option("select[name=profile-0-language]", "th")
    page.locator("input[name=_save]").click()
    page.wait_for_load_state()

    assert "ส่งคำเชิญให้ตั้งรหัสผ่านไปที่ newcolleague@example.org แล้ว" in page.content()
    assert page.locator("input[value='ส่งคำเชิญใหม่']").count() == 1
    user = get_user_model().objects.get(username="newcolleague")
    assert user.is_staff and user.groups.get().name == "Programme staff"
    message = mail.outbox[-1]
    assert message.subject == "บัญชีเจ้าหน้าที่โครงการของคุณบน WeCitizens"

    context = chromium.new_context(locale="th-TH")
    invited = context.new_page()
    set_password_from_invitation(invited, base, message, NEW_PASSWORD)

    assert invited.url == base + "/admin/"
    assert "บันทึกรหัสผ่านแล้ว และคุณเข้าสู่ระบบแล้ว" in invited.content()
    context.close()
