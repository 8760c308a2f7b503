"""Read replica routing against two real databases.

test_db_routers.py proves, query by query, which alias each request uses, with a mirror of the
test database. Here the primary and the replica are two separate SQLite files whose contents
differ, as a lagging replica's would, and a fresh interpreter is configured only through the
environment (DATABASE_URL, DATABASE_REPLICA_URL), as a deployment is: what a page *shows* tells
which database it was read from.
"""

import json
import shutil
import textwrap

from tests.fresh_python import run_python

SCRIPT = textwrap.dedent(
    """
    import json, time
    import django
    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client
    from cities.models import City
    from pagecache import clock

    # The last content change was long ago, as between edits (for a few seconds after a
    # change, and after the cache forgot when it was, every read uses the primary).
    clock.record_change()
    clock._clock = lambda: time.time() + 3600
    url = "/en" + City.objects.get(slug="replica-test").get_absolute_url()
    anonymous = Client()
    staff = Client()
    staff.force_login(get_user_model().objects.get(username="boss"))
    result = {
        "anonymous": anonymous.get(url).content.decode(),
        "staff": staff.get(url).content.decode(),
        "anonymous_head": anonymous.head(url).status_code,
    }
    # Renamed on the primary only: the public page, read from the replica, does not show it.
    City.objects.filter(slug="replica-test").update(name_en="Renamed on the primary")
    result["after_primary_edit"] = anonymous.get(url).content.decode()
    print(json.dumps(result))
    """
)

SETUP = textwrap.dedent(
    """
    import django
    django.setup()
    from django.contrib.auth import get_user_model
    from cities.models import City
    City.objects.create(
        slug="replica-test", name_th="เมืองทดสอบ", name_en="Primary city", is_published=True
    )
    get_user_model().objects.create_superuser("boss", "boss@example.org", "x")
    """
)

RENAME_ON_REPLICA = textwrap.dedent(
    """
    import django
    django.setup()
    from cities.models import City
    City.objects.filter(slug="replica-test").update(name_en="Replica city")
    """
)


def test_public_pages_show_the_replica_and_staff_the_primary(tmp_path):
    primary, replica = tmp_path / "primary.sqlite3", tmp_path / "replica.sqlite3"
    env = {
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": f"sqlite:///{primary}",
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    for step in (["manage.py", "migrate", "-v0"], ["-c", SETUP]):
        result = run_python(*step, **env)
        assert result.returncode == 0, result.stderr
    shutil.copy(primary, replica)
    result = run_python("-c", RENAME_ON_REPLICA, **{**env, "DATABASE_URL": f"sqlite:///{replica}"})
    assert result.returncode == 0, result.stderr

    result = run_python("-c", SCRIPT, **env, DATABASE_REPLICA_URL=f"sqlite:///{replica}")

    assert result.returncode == 0, result.stderr
    pages = json.loads(result.stdout.strip().splitlines()[-1])
    assert "Replica city" in pages["anonymous"] and "Primary city" not in pages["anonymous"]
    assert "Primary city" in pages["staff"] and "Replica city" not in pages["staff"]
    assert pages["anonymous_head"] == 200
    assert "Replica city" in pages["after_primary_edit"]
