"""Spreadsheet files built in the tests, as staff would save them."""

import csv
import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core import spreadsheets

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook(**sheets):
    """An XLSX file (bytes) with one sheet per keyword, in order: name=[header, *rows]."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_file(rows):
    """A CSV file (bytes, UTF-8 with a byte-order mark, as Excel saves "CSV UTF-8")."""
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def upload(data, name):
    return SimpleUploadedFile(name, data, content_type=XLSX_TYPE)


def format_index(name):
    """The admin import form's value for a format."""
    return str([fmt.__name__ for fmt in spreadsheets.FORMATS].index(name.upper()))


def admin_import(client, model, data, name, language="th"):
    """Upload a file to the model's admin import page: the dry run and its preview."""
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_import")
    return client.post(
        url,
        {"import_file": upload(data, name), "format": format_index(name.rsplit(".", 1)[1])},
        headers={"accept-language": language},
    )


def admin_confirm(client, model, preview):
    """Confirm the import that `preview` (the dry run's response) shows."""
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_process_import")
    return client.post(url, preview.context["confirm_form"].initial)


def rows_of(data, file_format):
    """A file's header and rows, as lists."""
    dataset = file_format().create_dataset(data)
    return [list(dataset.headers), *[list(row) for row in dataset]]
