import pytest
from django.utils import translation
from reversion.models import Version

from cities.resources import CityResource
from core.spreadsheets import CSV, XLSX, row_error_lines
from projects.models import Milestone, Person, ResearchProject, SubProject
from projects.resources import (
    MilestoneResource,
    PersonResource,
    ResearchProjectResource,
    SubProjectResource,
)
from tests.factories import (
    CityFactory,
    MilestoneFactory,
    PersonFactory,
    ProgrammeFactory,
    ResearchProjectFactory,
    SubProjectFactory,
)
from tests.sheets import csv_file, rows_of, workbook

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Import errors are in the active language: these tests read their English."""
    with translation.override("en"):
        yield


DECOMPOSED_AMNAT = "อ\u0e4d\u0e32นาจ"  # อำนาจ typed with nikhahit + sara aa

RESOURCES = [
    CityResource,
    PersonResource,
    ResearchProjectResource,
    SubProjectResource,
    MilestoneResource,
]


def import_file(resource_class, data, file_format, **kwargs):
    dataset = file_format().create_dataset(data)
    return resource_class().import_data(dataset, **kwargs)


@pytest.fixture
def content():
    """Objects of every kind, with text a spreadsheet program would run as a formula."""
    city = CityFactory(slug="roi-et", name_th="ร้อยเอ็ด", summary_th="=1+1", latitude="16.05")
    lead = PersonFactory(slug="lead", city=city, bio_en="+66 81 234 5678", role_en="'quoted")
    project = ResearchProjectFactory(city=city, lead=lead, body_en="@everyone", start_year=2020)
    SubProjectFactory(project=project, lead=lead, order=1, summary_th="- ข้อแรก")
    SubProjectFactory(project=project, lead=None, order=2)
    MilestoneFactory(project=project, description_en="\ttabbed")
    return project


@pytest.mark.parametrize("file_format", [CSV, XLSX], ids=["csv", "xlsx"])
@pytest.mark.parametrize("resource_class", RESOURCES, ids=lambda r: r.sheet_name)
def test_an_export_reimports_unchanged(content, resource_class, file_format):
    exported = resource_class().export_sheet(file_format())

    result = import_file(resource_class, exported, file_format)

    assert not result.has_errors() and not result.has_validation_errors()
    assert {row.import_type for row in result.valid_rows()} == {"skip"}
    assert rows_of(resource_class().export_sheet(file_format()), file_format) == rows_of(
        exported, file_format
    )


@pytest.mark.parametrize("file_format", [CSV, XLSX], ids=["csv", "xlsx"])
def test_an_export_restores_what_was_changed_since(content, file_format):
    exported = PersonResource().export_sheet(file_format())
    Person.objects.filter(slug="lead").update(bio_en="changed", name_th="ชื่ออื่น")

    result = import_file(PersonResource, exported, file_format)

    assert [row.import_type for row in result.valid_rows()] == ["update"]
    lead = Person.objects.get(slug="lead")
    assert lead.bio_en == "+66 81 234 5678"
    assert lead.name_th != "ชื่ออื่น"


@pytest.mark.parametrize("file_format", [CSV, XLSX], ids=["csv", "xlsx"])
def test_exported_cells_cannot_run_as_formulas(content, file_format):
    rows = rows_of(CityResource().export_sheet(file_format()), file_format)

    summary = rows[1][rows[0].index("summary_th")]
    assert summary == "'=1+1"


def realistic_programme_workbook():
    """The Learning City programme as staff would type it: 20 projects in 18 cities (Chiang
    Mai and Rayong have two), and their 41 sub-projects, on two sheets of one workbook."""
    programme = ProgrammeFactory(slug="learning-city")
    cities = [CityFactory(slug=f"city-{n}") for n in range(18)]
    project_rows = [
        ["slug", "city", "programme", "number", "title_th", "title_en", "start_year", "end_year"]
    ]
    subproject_rows = [["project", "order", "title_th", "title_en", "summary_th"]]
    projects = [(city, 1) for city in cities] + [(cities[0], 2), (cities[1], 2)]
    count = 0
    for index, (city, number) in enumerate(projects):
        slug = f"{city.slug}-{number}"
        project_rows.append(
            [
                slug,
                city.slug,
                programme.slug,
                number,
                f"  การพัฒนาเมืองแห่งการเรียนรู้ {index + 1} ด้วย{DECOMPOSED_AMNAT}ของชุมชน ",
                f"Learning city development {index + 1}",
                2563,
                2564,
            ]
        )
        for order in range(1, 3 + (index == 0)):
            count += 1
            subproject_rows.append(
                [slug, order, f"โครงการย่อยที่ {order} ของ {slug}", f"Sub-project {order}", ""]
            )
    assert (len(project_rows) - 1, count) == (20, 41)
    return workbook(projects=project_rows, subprojects=subproject_rows)


def test_twenty_projects_and_their_41_subprojects_are_one_upload():
    data = realistic_programme_workbook()

    result = import_file(ResearchProjectResource, data, XLSX, file_name="programme.xlsx")

    assert row_error_lines(result) == []
    assert ResearchProject.objects.count() == 20
    assert SubProject.objects.count() == 41
    project = ResearchProject.objects.get(slug="city-0-2")
    assert project.start_year == 2020
    assert project.title_th.startswith("การพัฒนาเมือง")
    assert "อำนาจของชุมชน" in project.title_th
    assert not project.title_th.endswith(" ")


def test_a_dry_run_of_the_workbook_writes_nothing_and_previews_every_row():
    data = realistic_programme_workbook()

    result = import_file(ResearchProjectResource, data, XLSX, dry_run=True)

    assert not ResearchProject.objects.exists() and not SubProject.objects.exists()
    assert result.totals["new"] == 20
    [(_name, subprojects)] = result.sheets
    assert subprojects.totals["new"] == 41


def test_one_bad_subproject_and_nothing_of_the_workbook_is_written():
    programme = ProgrammeFactory(slug="learning-city")
    city = CityFactory(slug="rayong")
    data = workbook(
        projects=[
            ["slug", "city", "programme", "number", "title_th"],
            ["rayong-1", city.slug, programme.slug, 1, "ก"],
        ],
        subprojects=[["project", "order", "title_th"], ["rayong-1", 1, "ข"], ["rayong-9", 2, "ค"]],
    )

    result = import_file(ResearchProjectResource, data, XLSX)

    assert not ResearchProject.objects.exists() and not SubProject.objects.exists()
    assert any("Row 3" in line and "rayong-9" in line for line in row_error_lines(result))


def test_an_import_is_recorded_in_the_objects_history():
    project = ResearchProjectFactory()
    data = csv_file([["project", "order", "title_th"], [project.slug, 1, "โครงการย่อยใหม่"]])

    import_file(SubProjectResource, data, CSV, file_name="subprojects.csv")

    subproject = SubProject.objects.get()
    [version] = Version.objects.get_for_object(subproject)
    assert "subprojects.csv" in version.revision.comment


def test_a_dry_run_records_no_history():
    project = ResearchProjectFactory()
    data = csv_file([["project", "order", "title_th"], [project.slug, 1, "ใหม่"]])

    import_file(SubProjectResource, data, CSV, dry_run=True)

    assert not Version.objects.exists()


def test_imported_text_is_stored_normalised_and_matched_normalised():
    project = ResearchProjectFactory()
    MilestoneFactory(project=project, title_th="ประชุมอำนาจ", date="2021-01-01")
    data = csv_file(
        [
            ["project", "title_th", "date"],
            [project.slug, f" ประชุม{DECOMPOSED_AMNAT} ", "1/02/2564"],
        ]
    )

    result = import_file(MilestoneResource, data, CSV)

    assert [row.import_type for row in result.valid_rows()] == ["update"]
    milestone = Milestone.objects.get()
    assert str(milestone.date) == "2021-02-01"


def test_a_row_failing_the_models_validation_reports_its_column_and_writes_nothing():
    CityFactory(slug="kept")
    data = csv_file(
        [
            ["slug", "name_th", "region", "latitude", "longitude"],
            ["new-city", "เมืองใหม่", "north", "", ""],
            ["bad-city", "", "atlantis", "95", ""],
        ]
    )

    result = import_file(CityResource, data, CSV)

    lines = row_error_lines(result)
    assert any(line.startswith("Row 3: region:") for line in lines)
    assert any(line.startswith("Row 3: latitude:") for line in lines)
    assert not any(line.startswith("Row 2") for line in lines)
    assert list(CityResource.Meta.model.objects.values_list("slug", flat=True)) == ["kept"]


def test_two_rows_with_the_same_key_are_refused():
    project = ResearchProjectFactory()
    data = csv_file(
        [["project", "order", "title_th"], [project.slug, 1, "ก"], [project.slug, 1, "ข"]]
    )

    result = import_file(SubProjectResource, data, CSV)

    assert any("row 2" in line for line in row_error_lines(result))
    assert not SubProject.objects.exists()


def test_a_file_with_unknown_columns_names_them_and_the_known_ones():
    data = csv_file([["slug", "nmae_th"], ["x", "ก"]])

    result = import_file(CityResource, data, CSV)

    [line] = row_error_lines(result)
    assert "nmae_th" in line and "name_th" in line


def test_a_file_without_its_key_column_is_refused():
    data = csv_file([["name_th"], ["ก"]])

    result = import_file(PersonResource, data, CSV)

    [line] = row_error_lines(result)
    assert "slug" in line


def test_a_required_name_needs_its_thai_text_as_on_the_admin_form():
    data = csv_file([["slug", "name_th", "name_en", "region"], ["nan", "", "Nan", "north"]])

    result = import_file(CityResource, data, CSV)

    assert row_error_lines(result) == ["Row 2: name_th: This field cannot be blank."]
