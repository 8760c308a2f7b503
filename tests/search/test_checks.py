from dataclasses import replace
from unittest import mock

import pytest

from cities.models import City
from core.content import ContentRole, SearchFields
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
    monkeypatch.setattr(City, "content_role", replace(City.content_role, search_kind="town"))
    assert [error.id for error in check_search_kinds(None)] == ["search.E001"]


def test_search_fields_that_name_no_field_are_an_error(monkeypatch):
    role = City.content_role
    monkeypatch.setattr(
        City,
        "content_role",
        replace(
            role,
            search_fields=SearchFields(
                title=("nom",), body=("body", "programmes__nom", "region__name"), html=("bio",)
            ),
        ),
    )
    errors = check_search_kinds(None)
    assert [error.id for error in errors] == ["search.E002"] * 4
    assert ["'nom'" in errors[0].msg, "programmes__nom" in errors[1].msg] == [True, True]


def test_a_search_kind_needs_search_fields(monkeypatch):
    monkeypatch.setattr(City, "content_role", ContentRole(search_kind="city"))
    assert [error.id for error in check_search_kinds(None)] == ["search.E002"]
