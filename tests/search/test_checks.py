from unittest import mock

import pytest

from cities.models import City
from core.content import ContentRole
from search.checks import check_search_kinds, check_utf8_ctype


class FakeConnection:
    vendor = "postgresql"

    def __init__(self, ctype):
        self.cursor = mock.MagicMock()
        self.cursor.return_value.__enter__.return_value.fetchone.return_value = (ctype,)


@pytest.mark.parametrize("ctype", ["C", "POSIX", "th_TH.TIS-620"])
def test_check_warns_when_the_database_ctype_is_not_utf8(ctype):
    with mock.patch("search.checks.connections", {"default": FakeConnection(ctype)}):
        warnings = check_utf8_ctype(None, databases=["default"])

    assert [warning.id for warning in warnings] == ["search.W001"]


@pytest.mark.parametrize("ctype", ["C.UTF-8", "th_TH.utf8", "en_US.UTF-8"])
def test_check_is_quiet_when_the_database_ctype_is_utf8(ctype):
    with mock.patch("search.checks.connections", {"default": FakeConnection(ctype)}):
        assert check_utf8_ctype(None, databases=["default"]) == []


@pytest.mark.django_db
def test_check_passes_on_the_test_database():
    assert check_utf8_ctype(None, databases=["default"]) == []


def test_a_search_kind_search_cannot_index_is_an_error(monkeypatch):
    assert check_search_kinds(None) == []
    monkeypatch.setattr(City, "content_role", ContentRole(search_kind="town"))
    assert [error.id for error in check_search_kinds(None)] == ["search.E001"]
