"""Production settings, checked in a fresh interpreter with only the environment we give it."""

import json
import secrets

from django.conf import settings

from tests.fresh_python import load_settings, run_python

BASE_DIR = settings.BASE_DIR


def test_production_settings_refuse_to_load_without_a_secret_key():
    result = run_python("-c", "import config.settings.production")

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_settings_ignore_debug_from_the_environment_when_refusing():
    result = run_python("-c", "import config.settings.production", DJANGO_DEBUG="1")

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr


def deploy_check(**env):
    """`manage.py check --deploy` under the production settings: (exit status, output)."""
    result = run_python(
        "manage.py",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="wecitizens.example.org",
        **env,
    )
    return result.returncode, result.stdout + result.stderr


def test_deploy_check_passes_without_warnings_in_production():
    returncode, output = deploy_check(WECITIZENS_SITE_URL="https://wecitizens.example.org")

    assert returncode == 0, output
    assert "WARNINGS" not in output
    assert "no issues" in output


PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": "x" * 50,
    "DATABASE_URL": "postgres://web:pw@primary:5432/wc",
}


def test_a_replica_url_adds_the_replica_alias_and_the_router():
    loaded = load_settings(
        "config.settings.production",
        "DATABASES",
        "DATABASE_ROUTERS",
        DATABASE_REPLICA_URL="postgres://reader:pw@replica.internal:5433/wc",
        **PRODUCTION_ENV,
    )

    primary, replica = loaded["DATABASES"]["default"], loaded["DATABASES"]["replica"]
    assert (primary["HOST"], replica["HOST"], replica["PORT"]) == (
        "primary",
        "replica.internal",
        5433,
    )
    assert replica["USER"] == "reader"
    assert replica["ENGINE"] == "django.db.backends.postgresql"
    assert replica["CONN_MAX_AGE"] == primary["CONN_MAX_AGE"] == 60
    assert replica["CONN_HEALTH_CHECKS"] is primary["CONN_HEALTH_CHECKS"] is True
    assert loaded["DATABASE_ROUTERS"] == ["pagecache.db_routers.PrimaryReplicaRouter"]


def test_without_a_replica_url_there_is_one_database_and_no_router():
    loaded = load_settings(
        "config.settings.production", "DATABASES", "DATABASE_ROUTERS", **PRODUCTION_ENV
    )

    assert list(loaded["DATABASES"]) == ["default"]
    assert loaded["DATABASE_ROUTERS"] is None


def env_example():
    """Every NAME=value line of .env.example, as a deployment that copied it would have them."""
    lines = (BASE_DIR / ".env.example").read_text(encoding="utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines if line.strip() and not line.startswith("#"))


def test_a_copied_env_example_loads_and_its_empty_lines_mean_the_defaults():
    example = env_example()
    assert example["DJANGO_EMAIL_PORT"] == "" and example["WECITIZENS_PAGE_CACHE"] == ""
    script = (
        "import json; import config.settings.production as s; print(json.dumps(["
        "s.EMAIL_PORT, s.EMAIL_BACKEND, s.DATABASES['default']['ENGINE'], "
        "s.WECITIZENS_PAGE_CACHE, s.WECITIZENS_LAST_MODIFIED, s.SECURE_HSTS_SECONDS, "
        "s.WECITIZENS_MAX_IMAGE_BYTES, s.MANAGERS]))"
    )
    environment = {
        **example,
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "REDIS_URL": "redis://127.0.0.1:6379/0",
    }

    result = run_python("-c", script, **environment)

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == [
        25,
        "django.core.mail.backends.console.EmailBackend",
        "django.db.backends.sqlite3",
        True,
        True,
        60 * 60 * 24 * 365,
        10 * 1024 * 1024,
        [],
    ]


def test_gunicorn_reads_an_empty_setting_as_its_default():
    script = (
        "import runpy; c = runpy.run_path('docker/gunicorn.conf.py'); "
        "print(c['bind'], c['timeout'], c['max_requests'])"
    )

    result = run_python(
        "-c", script, GUNICORN_BIND="", GUNICORN_TIMEOUT="", GUNICORN_MAX_REQUESTS=" "
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["0.0.0.0:8000", "30", "20000"]
