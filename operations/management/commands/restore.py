from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from operations.backup import RestoreError, backup_restore


class Command(BaseCommand):
    help = "Restore a `backup` archive into an empty database (migrating it first) and MEDIA_ROOT."

    def add_arguments(self, parser):
        parser.add_argument("archive")

    def handle(self, *args, archive, **options):
        path = Path(archive)
        if not path.is_file():
            raise CommandError(f"No such archive: {path}")
        call_command("migrate", interactive=False, verbosity=0)
        try:
            manifest = backup_restore(archive_path=path)
        except RestoreError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["rows"].values())
        self.stdout.write(f"Restored {rows} rows and {manifest['media_files']} media files.")
