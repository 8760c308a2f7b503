"""manage.py import MODEL FILE [--dry-run]: a spreadsheet into the database, as the admin's
import does it (core.spreadsheets)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export.results import RowResult

from core import spreadsheets

ROW_KINDS = {
    RowResult.IMPORT_TYPE_NEW: _("new"),
    RowResult.IMPORT_TYPE_UPDATE: _("changed"),
    RowResult.IMPORT_TYPE_SKIP: _("unchanged"),
}


class Command(BaseCommand):
    help = (
        "Import an XLSX or CSV file of cities, people, projects, subprojects or milestones. "
        "The whole file or nothing: any bad row and nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "model", help="cities, people, projects, subprojects or milestones (or city, …)"
        )
        parser.add_argument("file", help="an .xlsx or .csv file")
        parser.add_argument(
            "--dry-run", action="store_true", help="show what would change and write nothing"
        )
        parser.add_argument("--format", choices=["xlsx", "csv"], help="default: the extension")

    def handle(self, *args, model, file, dry_run, format, **options):
        resource_class = spreadsheets.sheet_resource(model)
        if resource_class is None:
            raise CommandError(
                gettext("Unknown model %(model)s: choose one of %(models)s.")
                % {"model": model, "models": ", ".join(spreadsheets.sheet_resources())}
            )
        path = Path(file)
        file_format = spreadsheets.format_for(format or path.suffix)
        if file_format is None:
            raise CommandError(gettext("Give an .xlsx or .csv file, or --format."))
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(
                gettext("Cannot read %(file)s: %(error)s") % {"file": file, "error": error.strerror}
            ) from error
        try:
            dataset = file_format().create_dataset(data)
        except spreadsheets.SpreadsheetError as error:
            raise CommandError(str(error)) from error

        resource = resource_class()
        result = resource.import_data(
            dataset, dry_run=dry_run, file_name=path.name, retain_instance_in_row_result=True
        )
        sheets = [(resource, None, result)]
        for name, sheet_result in result.sheets:
            sheets.append((sheet_result.resource, name, sheet_result))

        if not spreadsheets.import_succeeded(result):
            for line in spreadsheets.row_error_lines(result):
                self.stderr.write(line)
            raise CommandError(gettext("Nothing was imported."))

        for sheet_resource, name, sheet_result in sheets:
            if name:
                self.stdout.write(f"{name}:")
            for number, row in enumerate(sheet_result.valid_rows(), start=2):
                kind = ROW_KINDS.get(row.import_type, row.import_type)
                line = gettext("Row %(row)s: %(error)s") % {
                    "row": number,
                    "error": f"{kind} {row.object_repr or ''}".strip(),
                }
                if row.import_type == RowResult.IMPORT_TYPE_UPDATE:
                    line += (
                        " (" + ", ".join(spreadsheets.changed_columns(sheet_resource, row)) + ")"
                    )
                self.stdout.write(line)
        totals = spreadsheets.import_totals(result)
        summary = gettext("%(new)d new, %(updated)d changed and %(unchanged)d unchanged rows.") % {
            "new": totals["new"],
            "updated": totals["update"],
            "unchanged": totals["skip"],
        }
        if dry_run:
            self.stdout.write(
                gettext("Dry run, nothing written: %(summary)s") % {"summary": summary}
            )
        else:
            self.stdout.write(gettext("Imported: %(summary)s") % {"summary": summary})
