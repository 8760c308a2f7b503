"""Spreadsheets in and out: what every model's import and export shares.

Staff keep their lists (cities, projects, sub-projects, people, milestones) in spreadsheets.
Each content app declares a `SheetResource` per model in its `resources.py`, naming its columns
(each language's column of a translated field: `name_th`, `name_en`), the columns that find an
existing row (its natural key: a slug, or a project's slug and a number), and other objects by
slug. The admin (`SheetImportExportMixin`) and the `import` and `export` commands use them alike.

What a row goes through on import is what the admin's form does to a typed value: whitespace
stripped, `core.thai.normalize_text`, Buddhist Era years and dates turned into Common Era, then
the model's `full_clean()`. A whole file is one transaction: one bad row and nothing is written;
a dry run writes nothing either. Saves are recorded by django-reversion.
"""

import csv
import datetime
import io
import zipfile
from decimal import Decimal, InvalidOperation

import reversion
import tablib
from django.conf import settings
from django.contrib.auth import get_permission_codename
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import router, transaction
from django.template.defaultfilters import filesizeformat
from django.utils.encoding import force_str
from django.utils.translation import gettext
from import_export import fields, resources, widgets
from import_export.formats import base_formats
from import_export.instance_loaders import ModelInstanceLoader
from import_export.results import RowResult

from core.dates import BUDDHIST_ERA_THRESHOLD, common_era, common_era_year
from core.thai import normalize_text

# A cell starting with one of these is run as a formula by spreadsheet programs (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# The mark that keeps such a cell text.
TEXT_MARK = "'"


def formula_safe(value):
    """A cell value no spreadsheet program runs as a formula: a text that starts like one gets
    a leading apostrophe. (The open data CSV files write every cell through this.)"""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return TEXT_MARK + value
    return value


def export_cell(value):
    """`formula_safe`, and a text that itself starts with the mark gets one more, so that
    `import_cell` gives back exactly what was exported."""
    if isinstance(value, str) and value.startswith(TEXT_MARK):
        return TEXT_MARK + value
    return formula_safe(value)


def import_cell(value):
    """What `export_cell` wrote, back: one leading apostrophe before a formula start or before
    another apostrophe is dropped; any other text is kept as typed."""
    if (
        isinstance(value, str)
        and value.startswith(TEXT_MARK)
        and value[1:].startswith((*FORMULA_STARTS, TEXT_MARK))
    ):
        return value[1:]
    return value


class SpreadsheetError(ValueError):
    """A file that cannot be read as a spreadsheet, with a message for staff."""


def _check_size(data):
    if len(data) > settings.WECITIZENS_MAX_SPREADSHEET_BYTES:
        raise SpreadsheetError(
            gettext("The file is larger than %(size)s.")
            % {"size": filesizeformat(settings.WECITIZENS_MAX_SPREADSHEET_BYTES)}
        )


def _check_row_count(count):
    if count > settings.WECITIZENS_MAX_SPREADSHEET_ROWS:
        raise SpreadsheetError(
            gettext("The file has more than %(rows)d rows: split it into smaller files.")
            % {"rows": settings.WECITIZENS_MAX_SPREADSHEET_ROWS}
        )


def _formula_error(where):
    return SpreadsheetError(
        gettext(
            "Cell %(cell)s holds a formula. Formulas are not imported: "
            "replace it with its value (copy, then paste values only)."
        )
        % {"cell": where}
    )


def _header(values):
    headers = [force_str(value).strip() if value is not None else "" for value in values]
    while headers and not headers[-1]:
        headers.pop()
    if not any(headers):
        raise SpreadsheetError(gettext("The file has no header row."))
    # A column with no name is named for the message that refuses it.
    return [
        header or gettext("(no name, column %(column)s)") % {"column": _column_letter(index)}
        for index, header in enumerate(headers)
    ]


def _dataset(headers, rows):
    """A tablib Dataset of `rows` under `headers`, blank rows left out, rows cut or padded to
    the header's width."""
    dataset = tablib.Dataset(headers=headers)
    width = len(headers)
    for values in rows:
        values = list(values)[:width]
        if all(value is None or value == "" for value in values):
            continue
        dataset.append(values + [None] * (width - len(values)))
    return dataset


def _column_letter(index):
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


class CSV(base_formats.CSV):
    """CSV in UTF-8 (a byte-order mark allowed), within the size and row limits; a cell that
    starts with `=` is refused as a formula."""

    def create_dataset(self, in_stream, **kwargs):
        if isinstance(in_stream, str):
            in_stream = in_stream.encode("utf-8")
        _check_size(in_stream)
        try:
            text = in_stream.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise SpreadsheetError(
                gettext("The file is not UTF-8 text. Save the CSV file as “CSV UTF-8”.")
            ) from error
        if "\x00" in text:
            raise SpreadsheetError(gettext("The file is not a CSV file."))
        try:
            rows = list(csv.reader(io.StringIO(text, newline="")))
        except csv.Error as error:
            raise SpreadsheetError(gettext("The file is not a CSV file.")) from error
        if not rows:
            raise SpreadsheetError(gettext("The file is empty."))
        _check_row_count(len(rows) - 1)
        headers = _header(rows[0])
        for number, values in enumerate(rows[1:], start=2):
            for index, value in enumerate(values[: len(headers)]):
                if value.startswith("="):
                    raise _formula_error(f"{_column_letter(index)}{number}")
        return _dataset(headers, rows[1:])

    def export_data(self, dataset, **kwargs):
        # A byte-order mark, so spreadsheet programs read the Thai as UTF-8.
        return "\ufeff" + super().export_data(dataset, **kwargs)

    def is_binary(self):
        return True

    def get_read_mode(self):
        return "rb"


class XLSX(base_formats.XLSX):
    """The first sheet of an Excel workbook, within the size, unpacked-size and row limits;
    formula cells are refused. The workbook's other sheets are kept, by title, in the
    dataset's `sheets`, for a resource's `companion_sheets`."""

    def create_dataset(self, in_stream, **kwargs):
        import openpyxl

        _check_size(in_stream)
        try:
            archive = zipfile.ZipFile(io.BytesIO(in_stream))
            unpacked = sum(member.file_size for member in archive.infolist())
        except (zipfile.BadZipFile, ValueError, OSError) as error:
            raise SpreadsheetError(gettext("The file is not an Excel (.xlsx) workbook.")) from error
        if unpacked > settings.WECITIZENS_MAX_SPREADSHEET_UNPACKED_BYTES:
            raise SpreadsheetError(gettext("The workbook unpacks to too much data."))
        try:
            book = openpyxl.load_workbook(io.BytesIO(in_stream), read_only=True, data_only=False)
        except Exception as error:  # openpyxl raises many kinds on a malformed workbook
            raise SpreadsheetError(gettext("The file is not an Excel (.xlsx) workbook.")) from error
        try:
            sheets = {sheet.title: self._read_sheet(sheet) for sheet in book.worksheets}
        finally:
            book.close()
        if not sheets:
            raise SpreadsheetError(gettext("The workbook has no sheet."))
        first, *others = sheets.values()
        if first is None:
            raise SpreadsheetError(gettext("The file is empty."))
        first.sheets = {
            title: dataset
            for title, dataset in list(sheets.items())[1:]
            if dataset is not None and others
        }
        return first

    def _read_sheet(self, sheet):
        rows = []
        for number, cells in enumerate(sheet.iter_rows(), start=1):
            _check_row_count(number - 1)
            values = []
            for cell in cells:
                if getattr(cell, "data_type", None) == "f":
                    raise _formula_error(f"{sheet.title}!{cell.coordinate}")
                values.append(getattr(cell, "value", None))
            rows.append(values)
        if not rows:
            return None
        return _dataset(_header(rows[0]), rows[1:])


FORMATS = [CSV, XLSX]


def format_for(name):
    """The format named `name` (csv or xlsx, any case), or None."""
    return {"csv": CSV, "xlsx": XLSX}.get(name.lower().lstrip("."))


# Widgets: how a cell becomes a field's value, with messages staff read in their language.


class TextWidget(widgets.CharWidget):
    def clean(self, value, row=None, **kwargs):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return super().clean(value, row, **kwargs)


class NumberRenderMixin:
    """Numbers exported as numbers in a workbook and as plain digits in CSV, whatever the
    language's number format."""

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return value if kwargs.get("force_native_type") else str(value)


class IntegerWidget(NumberRenderMixin, widgets.IntegerWidget):
    def clean(self, value, row=None, **kwargs):
        if self.is_empty(value):
            return None
        try:
            number = Decimal(str(value).strip())
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite() or number != number.to_integral_value():
            raise ValueError(gettext("Enter a whole number."))
        if abs(number) > 10**9:
            raise ValueError(gettext("Enter a whole number."))
        return int(number)


class YearWidget(IntegerWidget):
    """A year; one above 2400 is a Buddhist Era year and stored as Common Era."""

    def clean(self, value, row=None, **kwargs):
        year = super().clean(value, row, **kwargs)
        if year is not None and year > BUDDHIST_ERA_THRESHOLD:
            return common_era_year(year)
        return year


class DecimalWidget(NumberRenderMixin, widgets.DecimalWidget):
    def clean(self, value, row=None, **kwargs):
        if self.is_empty(value):
            return None
        try:
            number = Decimal(str(value).strip())
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite():
            raise ValueError(gettext("Enter a number."))
        return number


class DateWidget(widgets.DateWidget):
    """A date: a date cell, or typed as 2024-10-25 or 25/10/2024, with a Buddhist Era year
    (25/10/2567) read as the admin reads it. Exported as YYYY-MM-DD."""

    FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y")

    def __init__(self):
        super().__init__(format="%Y-%m-%d")

    def clean(self, value, row=None, **kwargs):
        if value is None or value == "":
            return None
        if isinstance(value, datetime.datetime):
            value = value.date()
        if isinstance(value, datetime.date):
            if value.year > BUDDHIST_ERA_THRESHOLD:
                return value.replace(year=common_era_year(value.year))
            return value
        text = common_era(str(value).strip())
        for date_format in self.FORMATS:
            try:
                return datetime.datetime.strptime(text, date_format).date()
            except ValueError:
                continue
        raise ValueError(gettext("Enter a date as YYYY-MM-DD or DD/MM/YYYY."))

    def render(self, value, obj=None, **kwargs):
        return value.isoformat() if isinstance(value, datetime.date) else ""


class BooleanWidget(widgets.BooleanWidget):
    """Yes or no: 1/0, true/false, yes/no, ใช่/ไม่; anything else is an error, never a silent no."""

    TRUE_TEXT = {"1", "true", "yes", "y", "ใช่"}
    FALSE_TEXT = {"0", "false", "no", "n", "ไม่", "ไม่ใช่"}

    def clean(self, value, row=None, **kwargs):
        if value is None or value == "":
            return None
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if isinstance(value, (int, float)):
            text = str(int(value)) if float(value).is_integer() else text
        if text in self.TRUE_TEXT:
            return True
        if text in self.FALSE_TEXT:
            return False
        raise ValueError(gettext("Enter 1 (yes) or 0 (no)."))


class SlugWidget(widgets.ForeignKeyWidget):
    """Another object named by its slug (its address), e.g. the city `chiang-mai`."""

    def __init__(self, model, field="slug"):
        super().__init__(model, field=field)
        # Each resource (one import) has its own copy of its widgets: what one import found
        # is not kept for the next.
        self.found = {}

    def clean(self, value, row=None, **kwargs):
        if value is None or value == "":
            return None
        value = str(value).strip()
        if value in self.found:
            return self.found[value]
        try:
            self.found[value] = self.model._default_manager.get(**{self.field: value})
            return self.found[value]
        except self.model.DoesNotExist:
            raise ValueError(
                gettext("There is no %(model)s with the slug “%(slug)s”.")
                % {"model": self.model._meta.verbose_name, "slug": value}
            ) from None

    def render(self, value, obj=None, **kwargs):
        return getattr(value, self.field, "") if value is not None else ""


def translated_columns(*names, languages=("th", "en")):
    """Each language's column of translated fields: ("name",) -> ("name_th", "name_en")."""
    return tuple(f"{name}_{language}" for name in names for language in languages)


class KeyInstanceLoader(ModelInstanceLoader):
    """Finds a row's existing object by its key columns; a key that names no object (an
    unknown project slug) leaves the row new, and the column's own error says why."""

    def get_instance(self, row):
        try:
            return super().get_instance(row)
        except ValueError:
            return None


class SheetResource(resources.ModelResource):
    """One model's rows in a spreadsheet. Subclasses set `Meta.model`, `Meta.fields` (the
    columns, in order) and `Meta.import_id_fields` (the key columns), and `sheet_name`."""

    # The sheet's name: the `import`/`export` commands' MODEL and the XLSX sheet title.
    sheet_name = ""
    # (sheet name, resource class) imported after this sheet, from the same workbook.
    companion_sheets = ()

    class Meta:
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_transactions = True
        instance_loader_class = KeyInstanceLoader

    @classmethod
    def widget_from_django_field(cls, f, default=widgets.Widget):
        internal_type = f.get_internal_type() if hasattr(f, "get_internal_type") else ""
        if internal_type in {"CharField", "TextField", "SlugField"}:
            return TextWidget
        if internal_type == "BooleanField":
            return BooleanWidget
        if internal_type == "DecimalField":
            return DecimalWidget
        if internal_type == "DateField":
            return DateWidget
        if internal_type in {"PositiveSmallIntegerField", "IntegerField", "SmallIntegerField"}:
            return IntegerWidget
        return super().widget_from_django_field(f, default)

    @classmethod
    def widget_kwargs_for_field(cls, field_name, django_field):
        kwargs = super().widget_kwargs_for_field(field_name, django_field)
        if django_field.get_internal_type() == "DateField":
            return {}
        if django_field.get_internal_type() in {"CharField", "TextField", "SlugField"}:
            kwargs.update(coerce_to_string=True, allow_blank=True)
        return kwargs

    @classmethod
    def model_name(cls):
        return cls._meta.model._meta.verbose_name_plural

    @classmethod
    def get_display_name(cls):
        return force_str(cls.model_name())

    def column_names(self):
        return [field.column_name for field in self.get_import_fields()]

    def key_columns(self):
        return [self.fields[name].column_name for name in self.get_import_id_fields()]

    # Import

    def import_data(self, dataset, dry_run=False, raise_errors=False, **kwargs):
        """Import `dataset` (and its companion sheets) in one transaction, kept only when no
        row of any sheet has an error and this is not a dry run."""
        kwargs.pop("use_transactions", None)
        kwargs.pop("rollback_on_validation_errors", None)
        using = router.db_for_write(self._meta.model)
        with transaction.atomic(using=using), reversion.create_revision():
            if kwargs.get("file_name"):
                reversion.set_comment(
                    gettext("Imported from the spreadsheet %(name)s.")
                    % {"name": kwargs["file_name"]}
                )
            user = kwargs.get("user")
            if user is not None and getattr(user, "is_authenticated", False):
                reversion.set_user(user)
            result = super().import_data(
                dataset,
                dry_run=False,
                raise_errors=raise_errors,
                use_transactions=True,
                rollback_on_validation_errors=True,
                **kwargs,
            )
            result.sheets = []
            for sheet_name, resource_class in self.companion_sheets:
                sheet = getattr(dataset, "sheets", {}).get(sheet_name)
                if sheet is None:
                    continue
                companion = resource_class()
                if user is not None and not companion.may_import(user):
                    raise PermissionDenied
                sheet_result = companion.import_data(
                    sheet, dry_run=False, raise_errors=raise_errors, **kwargs
                )
                sheet_result.resource = companion
                result.sheets.append((resource_class.get_display_name(), sheet_result))
            if dry_run or not import_succeeded(result):
                transaction.set_rollback(True, using=using)
        return result

    def column_problems(self, headers):
        """What is wrong with a sheet's header row, as one message; empty when nothing is."""
        headers = [force_str(header) for header in headers or []]
        known = self.column_names()
        unknown = [header for header in headers if header not in known]
        missing = [column for column in self.key_columns() if column not in headers]
        repeated = sorted({header for header in headers if headers.count(header) > 1})
        problems = []
        if missing:
            problems.append(
                gettext("The file lacks the column(s) %(columns)s, which find each row.")
                % {"columns": ", ".join(missing)}
            )
        if unknown:
            problems.append(
                gettext("The file has unknown column(s): %(columns)s.")
                % {"columns": ", ".join(unknown)}
            )
        if repeated:
            problems.append(
                gettext("The file has the column(s) %(columns)s more than once.")
                % {"columns": ", ".join(repeated)}
            )
        if problems:
            problems.append(
                gettext("The columns of %(sheet)s are: %(columns)s.")
                % {"sheet": self.get_display_name(), "columns": ", ".join(known)}
            )
        return " ".join(problems)

    def import_data_inner(self, dataset, dry_run, raise_errors, using_transactions, *args, **kw):
        """Refuse a sheet whose header row lacks a key column or has an unknown or repeated
        column, before reading any row."""
        problems = self.column_problems(dataset.headers)
        if problems:
            result = self.get_result_class()()
            result.diff_headers = self.get_diff_headers()
            result.total_rows = len(dataset)
            self.handle_import_error(result, SpreadsheetError(problems), raise_errors)
            return result
        self._keys_seen = {}
        return super().import_data_inner(
            dataset, dry_run, raise_errors, using_transactions, *args, **kw
        )

    def _check_import_id_fields(self, headers):
        """`before_import` has checked the key columns, with a message staff can read."""

    def before_import_row(self, row, **kwargs):
        """Treat each cell as the admin's form treats a typed value, and refuse a row whose key
        repeats an earlier row's."""
        for column, value in row.items():
            if isinstance(value, str):
                unmarked = import_cell(value)
                # Only what export_cell marked keeps its leading tab or line break.
                value = normalize_text(unmarked if unmarked != value else value.strip())
            row[column] = value
        key = tuple(
            "" if row.get(column) is None else force_str(row.get(column)).strip()
            for column in self.key_columns()
        )
        # The row's number in the spreadsheet, under its header row.
        number = kwargs.get("row_number", 0) + 1
        if all(key) and key in self._keys_seen:
            raise ValidationError(
                gettext("This row has the same %(columns)s as row %(row)s.")
                % {"columns": ", ".join(self.key_columns()), "row": self._keys_seen[key]}
            )
        self._keys_seen[key] = number
        if not all(key):
            raise ValidationError(
                gettext("Fill in %(columns)s: they find the row.")
                % {"columns": ", ".join(self.key_columns())}
            )

    def import_instance(self, instance, row, **kwargs):
        """Set the row's columns on `instance`; an empty text stays NULL where the column may be
        NULL (a translation not written yet), as the admin's form leaves it."""
        super().import_instance(instance, row, **kwargs)
        opts = self._meta.model._meta
        for field in self.get_import_fields():
            if field.column_name not in row or getattr(instance, field.attribute, None) != "":
                continue
            try:
                model_field = opts.get_field(field.attribute)
            except FieldDoesNotExist:
                continue
            if model_field.null:
                setattr(instance, field.attribute, None)

    def required_translations(self):
        """{original field: its column in the default language} for each required translated
        field: the admin's form requires the default language's (Thai) text, not either."""
        from modeltranslation.translator import NotRegistered, translator

        model = self._meta.model
        try:
            originals = translator.get_options_for_model(model).fields
        except NotRegistered:
            return {}
        language = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
        return {
            name: f"{name}_{language}"
            for name in originals
            if not model._meta.get_field(name).blank
        }

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """The model's `full_clean()`, with the errors of required translated fields reported
        under the column staff fill in (`name_th`), as the admin's form reports them."""
        errors = dict(import_validation_errors or {})
        required = self.required_translations()
        for original, column in required.items():
            if column not in errors and getattr(instance, column, None) in (None, ""):
                field = self._meta.model._meta.get_field(original)
                errors[column] = [ValidationError(field.error_messages["blank"], code="blank")]
        try:
            instance.full_clean(exclude=[*errors, *required], validate_unique=validate_unique)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    @classmethod
    def may_import(cls, user):
        """Staff who may change the model's objects may import them."""
        opts = cls._meta.model._meta
        return (
            user.is_active
            and user.is_staff
            and user.has_perm(f"{opts.app_label}.{get_permission_codename('change', opts)}")
        )

    def after_init_instance(self, instance, new, row, **kwargs):
        user = kwargs.get("user")
        opts = self._meta.model._meta
        if (
            new
            and user is not None
            and not user.has_perm(f"{opts.app_label}.add_{opts.model_name}")
        ):
            raise ValidationError(
                gettext("You may change existing %(models)s but not add new ones.")
                % {"models": opts.verbose_name_plural}
            )

    # Export

    def export_field(self, field, instance, **kwargs):
        return export_cell(super().export_field(field, instance, **kwargs))

    def export_sheet(self, file_format, queryset=None):
        """The model's rows (all, or `queryset`) as a file in `file_format` (bytes)."""
        dataset = self.export(queryset, force_native_type=isinstance(file_format, XLSX))
        dataset.title = self.sheet_name
        data = file_format.export_data(dataset)
        return data.encode("utf-8") if isinstance(data, str) else data


def import_succeeded(result):
    """Every row of every sheet imported without an error."""
    results = [result, *(sheet for _name, sheet in getattr(result, "sheets", []))]
    return not any(each.has_errors() or each.has_validation_errors() for each in results)


def import_totals(result):
    """New, updated, unchanged rows over every sheet of an import."""
    results = [result, *(sheet for _name, sheet in getattr(result, "sheets", []))]
    return {
        kind: sum(each.totals[kind] for each in results)
        for kind in (
            RowResult.IMPORT_TYPE_NEW,
            RowResult.IMPORT_TYPE_UPDATE,
            RowResult.IMPORT_TYPE_SKIP,
        )
    }


def row_error_lines(result):
    """Every error of an import as lines of text: "sheet, row n: column: message"."""
    lines = []
    sheets = [(None, result), *getattr(result, "sheets", [])]
    for name, each in sheets:
        prefix = f"{name}: " if name else ""
        for error in each.base_errors:
            lines.append(prefix + force_str(error.error))
        for number, errors in each.row_errors():
            for error in errors:
                lines.append(
                    prefix
                    + gettext("Row %(row)s: %(error)s") % {"row": number + 1, "error": error.error}
                )
        for invalid in each.invalid_rows:
            for column, messages in invalid.field_specific_errors.items():
                for message in messages:
                    lines.append(
                        prefix
                        + gettext("Row %(row)s: %(error)s")
                        % {"row": invalid.number + 1, "error": f"{column}: {message}"}
                    )
            for message in invalid.non_field_specific_errors:
                lines.append(
                    prefix
                    + gettext("Row %(row)s: %(error)s")
                    % {"row": invalid.number + 1, "error": message}
                )
    return lines


__all__ = [
    "CSV",
    "FORMATS",
    "XLSX",
    "BooleanWidget",
    "DateWidget",
    "SheetResource",
    "SlugWidget",
    "SpreadsheetError",
    "YearWidget",
    "export_cell",
    "fields",
    "formula_safe",
    "import_cell",
    "translated_columns",
]


def sheet_resources():
    """Every app's sheet resources, by sheet name: each app declares them in `resources.py`."""
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("resources")
    found = {}
    pending = list(SheetResource.__subclasses__())
    while pending:
        resource_class = pending.pop()
        pending.extend(resource_class.__subclasses__())
        if resource_class.sheet_name:
            found[resource_class.sheet_name] = resource_class
    return dict(sorted(found.items()))


def sheet_resource(name):
    """The resource of the sheet `name` ("cities"), also found by its model's name ("city");
    None if there is none."""
    resources_by_name = sheet_resources()
    name = name.lower()
    if name in resources_by_name:
        return resources_by_name[name]
    for resource_class in resources_by_name.values():
        if name in {
            resource_class._meta.model._meta.model_name,
            resource_class._meta.model._meta.label_lower,
        }:
            return resource_class
    return None


def changed_columns(resource, row_result):
    """The columns an updated row changes, read from the row's object before and after."""
    if row_result.original is None or row_result.instance is None:
        return []
    return [
        field.column_name
        for field in resource.get_import_fields()
        if field.export(row_result.original) != field.export(row_result.instance)
    ]
