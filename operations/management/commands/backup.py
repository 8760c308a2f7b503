from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import timezone

from operations.backup import backup_create


class Command(BaseCommand):
    help = "Write the database content and all uploads to one .tar.gz archive."

    def add_arguments(self, parser):
        parser.add_argument(
            "output",
            nargs="?",
            help="Archive path (default: backups/wecitizens-<UTC time>.tar.gz)",
        )

    def handle(self, *args, output=None, **options):
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
        path = Path(output or f"backups/wecitizens-{stamp}.tar.gz")
        manifest = backup_create(output=path)
        rows = sum(manifest["rows"].values())
        self.stdout.write(f"{path}: {rows} rows, {manifest['media_files']} media files")
