"""Import a Facebook Page export (ZIP or unpacked folder, JSON format) as draft stories.

See stories/facebook_import.py for what a post becomes, and docs/facebook-import.md.
"""

import time

from django.core.management.base import BaseCommand, CommandError

from cities.models import City
from stories.facebook_archive import ArchiveError
from stories.facebook_import import facebook_import

BAR_WIDTH = 30


class ProgressBar:
    """One line on stderr: how much of the posts files is read, posts and errors so far."""

    def __init__(self, stream, every=0.2):
        self.stream, self.every, self.shown_at = stream, every, 0.0

    def __call__(self, archive, report, done=False):
        now = time.monotonic()
        if not done and now - self.shown_at < self.every:
            return
        self.shown_at = now
        fraction = min(archive.bytes_read / archive.total_bytes, 1) if archive.total_bytes else 1
        filled = round(BAR_WIDTH * fraction)
        self.stream.write(
            f"\r[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {fraction:4.0%} "
            f"{report.posts_read} posts, {report.error_count} errors",
            ending="\n" if done else "",
        )
        self.stream.flush()


class Command(BaseCommand):
    help = (
        "Import the posts of a Facebook Page export (the ZIP of 'Download your information' "
        "in JSON format, or its folder) as draft stories for staff to review."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The export's ZIP file or unpacked folder.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Read and check everything, create nothing."
        )
        parser.add_argument(
            "--city-hint",
            metavar="SLUG",
            help="The city of posts whose text names none.",
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, path, dry_run, city_hint, no_progress, **options):
        city = None
        if city_hint:
            city = City.objects.filter(slug=city_hint).first()
            if city is None:
                raise CommandError(f"No city has the slug {city_hint!r}.")
        bar = None if no_progress else ProgressBar(self.stderr)
        try:
            report = facebook_import(path=path, dry_run=dry_run, city_hint=city, progress=bar)
        except ArchiveError as error:
            raise CommandError(str(error)) from error
        for error in report.errors:
            self.stderr.write(f"  {error}")
        if report.error_count > len(report.errors):
            self.stderr.write(f"  … and {report.error_count - len(report.errors)} more errors")
        prefix = "Dry run, nothing created. " if dry_run else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"{prefix}Posts read: {report.posts_read}. "
                f"{'Stories to create' if dry_run else 'Stories created'}: "
                f"{report.stories_to_create if dry_run else report.stories_created}. "
                f"Duplicates skipped: {report.duplicates_skipped}. "
                f"Photos kept: {report.photos_kept} (not kept: {report.photos_not_kept}). "
                f"Posts with no city: {report.posts_without_city}. "
                f"Errors: {report.error_count}."
            )
        )
