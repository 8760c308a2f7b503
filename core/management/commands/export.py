"""manage.py export MODEL [--format xlsx|csv] [-o FILE]: a model's rows as the admin exports
them (core.spreadsheets), cells safe from formula injection."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext

from core import spreadsheets


class Command(BaseCommand):
    help = "Export cities, people, projects, subprojects or milestones as XLSX or CSV."

    def add_arguments(self, parser):
        parser.add_argument(
            "model", help="cities, people, projects, subprojects or milestones (or city, …)"
        )
        parser.add_argument(
            "--format", choices=["xlsx", "csv"], help="default: the output's extension, or csv"
        )
        parser.add_argument("-o", "--output", help="the file to write; default: standard output")

    def handle(self, *args, model, format, output, **options):
        resource_class = spreadsheets.sheet_resource(model)
        if resource_class is None:
            raise CommandError(
                gettext("Unknown model %(model)s: choose one of %(models)s.")
                % {"model": model, "models": ", ".join(spreadsheets.sheet_resources())}
            )
        name = format or (Path(output).suffix if output else "") or "csv"
        file_format = spreadsheets.format_for(name)
        if file_format is None:
            raise CommandError(gettext("Give an .xlsx or .csv file, or --format."))
        data = resource_class().export_sheet(file_format())
        if output:
            Path(output).write_bytes(data)
            return
        if file_format is spreadsheets.XLSX and sys.stdout.isatty():
            raise CommandError(gettext("An XLSX file is not for a terminal: give -o FILE."))
        self.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
