import reversion
from django.contrib import admin

from cities.models import Programme
from history.admin import HistoryAdminMixin


def test_a_history_admin_does_not_register_its_model_itself_and_says_so():
    class ProgrammeHistoryAdmin(HistoryAdminMixin, admin.ModelAdmin):
        pass

    model_admin = ProgrammeHistoryAdmin(Programme, admin.AdminSite())

    assert not reversion.is_registered(Programme)
    assert [error.id for error in model_admin.check()] == ["history.E001"]
