"""CI runs the suite once per database; this proves each run used the database it meant to."""

import os

import pytest
from django.db import connection


@pytest.mark.django_db
def test_suite_runs_on_the_expected_database():
    expected = os.environ.get("WECITIZENS_EXPECT_DATABASE")
    if expected is None:
        expected = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postg") else "sqlite"
    assert connection.vendor == expected
