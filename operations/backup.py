"""One-file backups: the database as portable JSON (natural foreign keys) plus every upload.

The archive is a gzipped tar:
- `manifest.json`: when, from which schema (the last migration of every app), row counts;
- `data.json`: `dumpdata --natural-foreign` of every table except the ones `migrate` rebuilds
  (content types, permissions) and sessions. Primary keys are kept, so history versions,
  which name their objects by primary key, still point at the right rows after a restore;
- `media/…`: MEDIA_ROOT as it was.

JSON rather than `pg_dump` so one backup restores on PostgreSQL and on SQLite alike, and a
person can read it.
"""

import io
import json
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

EXCLUDED = ["contenttypes", "auth.permission", "sessions"]
FORMAT_VERSION = 1


def counted_models():
    excluded = {"contenttypes", "sessions"}
    for model in apps.get_models():
        if model._meta.app_label in excluded or model._meta.label == "auth.Permission":
            continue
        if model._meta.proxy or not model._meta.managed:
            continue
        yield model


def row_counts():
    return {model._meta.label: model._default_manager.count() for model in counted_models()}


def schema_state():
    """{app: last applied migration}: a restore refuses a backup from a newer schema."""
    latest = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        latest[app] = max(latest.get(app, name), name)
    return latest


def backup_create(*, output: Path) -> dict:
    output.parent.mkdir(parents=True, exist_ok=True)
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as workdir:
        data_file = Path(workdir) / "data.json"
        call_command(
            "dumpdata",
            exclude=EXCLUDED,
            natural_foreign=True,
            output=str(data_file),
            verbosity=0,
        )
        manifest = {
            "format": FORMAT_VERSION,
            "created_at": timezone.now().isoformat(),
            "database_vendor": connection.vendor,
            "migrations": schema_state(),
            "rows": row_counts(),
            "media_files": 0,
        }
        with tarfile.open(output, "w:gz") as archive:
            archive.add(data_file, arcname="data.json")
            if media_root.is_dir():
                for path in sorted(media_root.rglob("*")):
                    if path.is_file() and not path.is_symlink():
                        archive.add(path, arcname=f"media/{path.relative_to(media_root)}")
                        manifest["media_files"] += 1
            payload = json.dumps(manifest, indent=2).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(payload)
            info.mtime = int(timezone.now().timestamp())
            archive.addfile(info, io.BytesIO(payload))
    return manifest


class RestoreError(Exception):
    pass


def database_is_empty():
    """No accounts and no content (rows a migration may create, e.g. defaults, are fine)."""
    from django.contrib.auth import get_user_model

    labels = ["cities.Programme", "cities.City", "projects.Person", "stories.Story"]
    models = [get_user_model(), *(apps.get_model(label) for label in labels)]
    return not any(model._default_manager.exists() for model in models)


def backup_restore(*, archive_path: Path) -> dict:
    """Restore an archive into an empty, migrated database and MEDIA_ROOT."""
    if not database_is_empty():
        raise RestoreError("The database already holds content: restore only into an empty one.")
    media_root = Path(settings.MEDIA_ROOT)
    with tarfile.open(archive_path, "r:gz") as archive, tempfile.TemporaryDirectory() as workdir:
        manifest = json.load(archive.extractfile("manifest.json"))
        if manifest.get("format") != FORMAT_VERSION:
            raise RestoreError(f"Unknown backup format {manifest.get('format')!r}.")
        current = schema_state()
        newer = {
            app: name
            for app, name in manifest["migrations"].items()
            if app in current and name > current[app]
        }
        if newer:
            raise RestoreError(f"The backup comes from newer code (migrations {newer}).")
        archive.extract("data.json", workdir, filter="data")
        members = [m for m in archive.getmembers() if m.name.startswith("media/") and m.isfile()]
        media_root.mkdir(parents=True, exist_ok=True)
        for member in members:
            member.name = member.name.removeprefix("media/")
            archive.extract(member, media_root, filter="data")
        with transaction.atomic():
            # Migrations create the editorial groups (stories.0004); the backup carries them
            # too, with their own keys and permissions, so it replaces them.
            Group.objects.all().delete()
            call_command("loaddata", str(Path(workdir) / "data.json"), verbosity=0)
    restored = row_counts()
    missing = {
        label: (count, restored.get(label, 0))
        for label, count in manifest["rows"].items()
        if restored.get(label, 0) != count
    }
    if missing:
        raise RestoreError(f"Row counts differ after the restore (backup, restored): {missing}")
    return manifest
