"""Production settings, checked in a fresh interpreter with only the environment we give it."""

import os
import secrets
import subprocess
import sys

from django.conf import settings

BASE_DIR = settings.BASE_DIR


def run_python(*args, **env):
    clean_env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": "/tmp", **env}
    return subprocess.run(
        [sys.executable, *args],
        cwd=BASE_DIR,
        env=clean_env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_production_settings_refuse_to_load_without_a_secret_key():
    result = run_python("-c", "import wecitizens.settings.production")

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_settings_ignore_debug_from_the_environment_when_refusing():
    result = run_python("-c", "import wecitizens.settings.production", DJANGO_DEBUG="1")

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr


def test_deploy_check_passes_without_warnings_in_production():
    result = run_python(
        "manage.py",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="wecitizens.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="wecitizens.example.org",
    )

    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNINGS" not in output
    assert "no issues" in output
