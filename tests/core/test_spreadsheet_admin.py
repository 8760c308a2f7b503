import pytest
from django.contrib.auth.models import Permission
from django.test import override_settings
from django.urls import reverse
from reversion.models import Version

from cities.models import City
from cities.resources import CityResource
from core.spreadsheets import XLSX
from projects.models import Person, ResearchProject, SubProject
from tests.factories import CityFactory, ProgrammeFactory, ResearchProjectFactory
from tests.sheets import admin_confirm, admin_import, csv_file, rows_of, workbook

pytestmark = pytest.mark.django_db

CITY_ROWS = [["slug", "name_th", "name_en", "region"], ["nan", "น่าน", "Nan", "north"]]


def grant(user, *codenames):
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))


def test_the_city_list_offers_import_and_export(admin_client):
    content = admin_client.get(reverse("admin:cities_city_changelist")).content.decode()

    assert reverse("admin:cities_city_import") in content
    assert reverse("admin:cities_city_export") in content


def test_the_preview_shows_each_rows_change_and_writes_nothing(admin_client):
    CityFactory(slug="nan", name_th="น่าน", name_en="Old name", region="north")
    rows = [*CITY_ROWS, ["phrae", "แพร่", "Phrae", "north"]]

    response = admin_import(admin_client, City, csv_file(rows), "cities.csv", language="en")

    assert response.status_code == 200
    content = response.content.decode()
    assert "Changed" in content and "New" in content
    assert "Old name" in content  # the diff shows what the row changes
    assert not City.objects.filter(slug="phrae").exists()


def test_confirming_the_preview_imports_and_records_who_did(admin_client, admin_user):
    preview = admin_import(admin_client, City, csv_file(CITY_ROWS), "cities.csv")

    response = admin_confirm(admin_client, City, preview)

    assert response.status_code == 302
    city = City.objects.get(slug="nan")
    [version] = Version.objects.get_for_object(city)
    assert version.revision.user == admin_user


def test_the_preview_is_in_thai_for_a_thai_user(admin_client):
    response = admin_import(admin_client, City, csv_file(CITY_ROWS), "cities.csv", language="th")

    content = response.content.decode()
    assert "ตัวอย่าง" in content  # Preview
    assert "ยืนยันการนำเข้า" in content  # Confirm import


@pytest.mark.parametrize(
    ("language", "message"),
    [("th", "ไม่มีเมืองที่มีสลัก “atlantis”"), ("en", "There is no city with the slug “atlantis”.")],
)
def test_a_bad_rows_error_is_in_the_users_language(admin_client, language, message):
    data = csv_file([["slug", "name_th", "city"], ["somchai", "สมชาย", "atlantis"]])

    response = admin_import(admin_client, Person, data, "people.csv", language)

    assert response.status_code == 400
    assert message in response.content.decode()


def test_the_workbook_of_projects_and_subprojects_is_one_upload(admin_client):
    programme = ProgrammeFactory(slug="learning-city")
    city = CityFactory(slug="rayong")
    data = workbook(
        projects=[
            ["slug", "city", "programme", "number", "title_th"],
            ["rayong-1", city.slug, programme.slug, 1, "ระยอง 1"],
            ["rayong-2", city.slug, programme.slug, 2, "ระยอง 2"],
        ],
        subprojects=[
            ["project", "order", "title_th"],
            ["rayong-1", 1, "ก"],
            ["rayong-1", 2, "ข"],
            ["rayong-2", 1, "ค"],
        ],
    )
    preview = admin_import(admin_client, ResearchProject, data, "programme.xlsx", "en")
    assert preview.status_code == 200
    assert "Sub-projects" in preview.content.decode()  # the second sheet's own preview

    admin_confirm(admin_client, ResearchProject, preview)

    assert ResearchProject.objects.count() == 2
    assert SubProject.objects.count() == 3


def test_a_row_gone_bad_between_preview_and_confirmation_writes_nothing(admin_client):
    CityFactory(slug="roi-et")
    data = csv_file(
        [["slug", "name_th", "city"], ["somchai", "สมชาย", ""], ["somsri", "สมศรี", "roi-et"]]
    )
    preview = admin_import(admin_client, Person, data, "people.csv")
    City.objects.filter(slug="roi-et").delete()

    response = admin_confirm(admin_client, Person, preview)

    assert response.status_code == 400
    assert not Person.objects.exists()


@pytest.mark.parametrize(
    ("data", "name", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "cities.xlsx", "xlsx"),
        (b"\xff\xfe\x00\x00garbage", "cities.csv", "UTF-8"),
        (workbook(cities=[["slug", "name_th"], ["a", "=1+1"]]), "cities.xlsx", "B2"),
        (csv_file([["slug", "nmae_th"], ["a", "ก"]]), "cities.csv", "nmae_th"),
        (csv_file([["name_th"], ["ก"]]), "cities.csv", "slug"),
        (b"", "cities.csv", ""),
    ],
    ids=["not-a-workbook", "not-utf8", "formula", "wrong-column", "no-key-column", "empty"],
)
def test_a_hostile_file_is_refused_with_a_reason_and_a_400(admin_client, data, name, reason):
    response = admin_import(admin_client, City, data, name, language="en")

    assert response.status_code == 400
    assert reason in response.content.decode()
    assert not City.objects.exists()


@override_settings(WECITIZENS_MAX_SPREADSHEET_BYTES=1024)
def test_a_file_over_the_size_limit_is_refused_before_it_is_read(admin_client):
    data = csv_file([["slug"], *[["x" * 100] for _ in range(20)]])

    response = admin_import(admin_client, City, data, "cities.csv", language="en")

    assert response.status_code == 400
    assert "larger than" in response.content.decode()


def test_a_confirmation_naming_a_file_that_is_gone_is_a_400(admin_client):
    url = reverse("admin:cities_city_process_import")
    data = {"import_file_name": "gone", "original_file_name": "x.csv", "format": "0"}

    assert admin_client.post(url, data).status_code == 400
    assert admin_client.post(url, {**data, "format": "7"}).status_code == 400


def test_staff_without_the_change_permission_cannot_import(client, staff_user):
    grant(staff_user, "view_city")
    client.force_login(staff_user)

    response = admin_import(client, City, csv_file(CITY_ROWS), "cities.csv")

    assert response.status_code == 403


def test_staff_who_may_change_but_not_add_cannot_add_by_import(client, staff_user):
    grant(staff_user, "view_city", "change_city")
    client.force_login(staff_user)

    response = admin_import(client, City, csv_file(CITY_ROWS), "cities.csv", language="en")

    assert response.status_code == 400
    assert "not add new ones" in response.content.decode()


def test_staff_with_the_view_permission_export_what_the_list_shows(client, staff_user):
    grant(staff_user, "view_city")
    client.force_login(staff_user)
    CityFactory(slug="nan", summary_th="=HYPERLINK(1)")

    columns = {f"cityresource_{column}": "on" for column in CityResource().column_names()}

    response = client.post(
        reverse("admin:cities_city_export"), {"format": "1", "resource": "0", **columns}
    )

    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    rows = rows_of(response.content, XLSX)
    assert rows[1][rows[0].index("summary_th")] == "'=HYPERLINK(1)"


def test_a_project_import_needs_the_change_permission_of_its_subprojects_sheet(client, staff_user):
    grant(staff_user, "view_researchproject", "change_researchproject", "add_researchproject")
    client.force_login(staff_user)
    project = ResearchProjectFactory()
    data = workbook(
        projects=[["slug", "title_th"], [project.slug, "ใหม่"]],
        subprojects=[["project", "order", "title_th"], [project.slug, 1, "ก"]],
    )

    response = admin_import(client, ResearchProject, data, "p.xlsx")

    assert response.status_code == 403
    assert not SubProject.objects.exists()
