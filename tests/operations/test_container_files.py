"""What the container image relies on, checked without a container engine: the lock file
agrees with pyproject.toml, and the web container's wait for the database and its migrations
(`make stack-test` runs the image itself)."""

import os
import re
import subprocess
import sys
import tomllib

from django.conf import settings
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.fresh_python import run_python

BASE_DIR = settings.BASE_DIR


def locked_versions():
    text = (BASE_DIR / "requirements.lock").read_text(encoding="utf-8")
    return {
        canonicalize_name(name): version
        for name, version in re.findall(r"^([A-Za-z0-9_.\-]+)==([^\s;\\]+)", text, re.M)
    }


def test_the_lock_pins_every_dependency_within_pyproject_s_ranges():
    project = tomllib.loads((BASE_DIR / "pyproject.toml").read_text(encoding="utf-8"))
    locked = locked_versions()
    for line in project["project"]["dependencies"]:
        requirement = Requirement(line)
        name = canonicalize_name(requirement.name)
        assert name in locked, f"{name} is missing from requirements.lock: run make lock"
        assert requirement.specifier.contains(locked[name], prereleases=True), (
            f"requirements.lock pins {name}=={locked[name]} outside {requirement.specifier}: "
            "run make lock"
        )


def test_every_pin_in_the_lock_carries_hashes():
    text = (BASE_DIR / "requirements.lock").read_text(encoding="utf-8")
    entries = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[2])
    assert len(entries) == len(locked_versions())
    assert all("--hash=sha256:" in entry for entry in entries)


def wait_for_services(*arguments, database_url):
    return run_python(
        "docker/wait_for_services.py",
        *arguments,
        DJANGO_SETTINGS_MODULE="config.settings.test",
        DATABASE_URL=database_url,
        PYTHONPATH=str(BASE_DIR),
    )


def test_waiting_for_a_database_that_never_answers_gives_up_with_the_reason():
    result = wait_for_services(
        "--timeout", "1", database_url="postgres://postgres@127.0.0.1:9/absent"
    )

    assert result.returncode == 1
    assert "waiting: database not reachable" in result.stderr
    assert "gave up after 1 s" in result.stderr


def test_the_web_waits_until_every_migration_is_applied(tmp_path):
    database_url = f"sqlite:///{tmp_path / 'site.sqlite3'}"

    unmigrated = wait_for_services("--migrated", "--timeout", "1", database_url=database_url)
    assert unmigrated.returncode == 1
    assert re.search(r"waiting: \d+ migrations not applied yet", unmigrated.stderr)

    reachable = wait_for_services("--timeout", "1", database_url=database_url)
    assert reachable.returncode == 0, reachable.stderr

    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=BASE_DIR,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": database_url,
        },
        check=True,
        timeout=120,
    )
    migrated = wait_for_services("--migrated", "--timeout", "1", database_url=database_url)
    assert migrated.returncode == 0, migrated.stderr
    assert "waiting" not in migrated.stderr


SHELL_SCRIPTS = sorted(
    str(path.relative_to(BASE_DIR))
    for path in [*(BASE_DIR / "docker").rglob("*.sh"), *(BASE_DIR / "bench").glob("*.sh")]
)


def test_the_shell_scripts_parse():
    assert "docker/varnish/run.sh" in SHELL_SCRIPTS and "docker/stack_test.sh" in SHELL_SCRIPTS
    for script in SHELL_SCRIPTS:
        # The benchmarks are bash (bench/server.sh, sourced by them, has no #! line of its own).
        first_line = (BASE_DIR / script).read_text().splitlines()[0]
        shell = "bash" if script.startswith("bench/") or "bash" in first_line else "sh"
        result = subprocess.run(
            [shell, "-n", script], cwd=BASE_DIR, capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, f"{script}: {result.stderr}"
