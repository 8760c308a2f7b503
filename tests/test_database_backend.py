"""CI runs the suite once per database; this proves each run used the database it meant to."""

import os

import pytest
from django.db import connection


@pytest.mark.django_db
def test_suite_runs_on_the_expected_database():
    database_url = os.environ.get("DATABASE_URL", "")
    default = "postgresql" if database_url.startswith("postgres") else "sqlite"
    expected = os.environ.get("WECITIZENS_EXPECT_DATABASE", default)
    assert connection.vendor == expected
