"""People, research projects, sub-projects and milestones as spreadsheet rows
(core.spreadsheets).

People and projects are found by their slug; a sub-project by its project's slug and its
number (`order`) in that project; a milestone by its project's slug and its Thai title. Other
objects are named by slug: a project's `city`, `programme` and `lead`.
"""

from cities.models import City, Programme
from core.spreadsheets import SheetResource, SlugWidget, YearWidget, fields, translated_columns
from projects.models import Milestone, Person, ResearchProject, SubProject


class PersonResource(SheetResource):
    sheet_name = "people"

    city = fields.Field(attribute="city", column_name="city", widget=SlugWidget(City))

    class Meta(SheetResource.Meta):
        model = Person
        import_id_fields = ["slug"]
        fields = (
            "slug",
            *translated_columns("honorific", "name", "role", "affiliation", "bio"),
            "city",
            "is_published",
        )


class SubProjectResource(SheetResource):
    sheet_name = "subprojects"

    project = fields.Field(
        attribute="project", column_name="project", widget=SlugWidget(ResearchProject)
    )
    lead = fields.Field(attribute="lead", column_name="lead", widget=SlugWidget(Person))

    class Meta(SheetResource.Meta):
        model = SubProject
        import_id_fields = ["project", "order"]
        fields = (
            "project",
            "order",
            *translated_columns("title"),
            "lead",
            *translated_columns("summary"),
        )

    def get_queryset(self):
        return super().get_queryset().select_related("project", "lead")


class MilestoneResource(SheetResource):
    sheet_name = "milestones"

    project = fields.Field(
        attribute="project", column_name="project", widget=SlugWidget(ResearchProject)
    )

    class Meta(SheetResource.Meta):
        model = Milestone
        import_id_fields = ["project", "title_th"]
        fields = ("project", "date", *translated_columns("title", "description"))

    def get_queryset(self):
        return super().get_queryset().select_related("project")


class ResearchProjectResource(SheetResource):
    """A workbook of projects may carry its sub-projects and milestones on sheets named
    `subprojects` and `milestones`: one upload enters all of them."""

    sheet_name = "projects"
    companion_sheets = (("subprojects", SubProjectResource), ("milestones", MilestoneResource))

    city = fields.Field(attribute="city", column_name="city", widget=SlugWidget(City))
    programme = fields.Field(
        attribute="programme", column_name="programme", widget=SlugWidget(Programme)
    )
    lead = fields.Field(attribute="lead", column_name="lead", widget=SlugWidget(Person))
    start_year = fields.Field(attribute="start_year", column_name="start_year", widget=YearWidget())
    end_year = fields.Field(attribute="end_year", column_name="end_year", widget=YearWidget())

    class Meta(SheetResource.Meta):
        model = ResearchProject
        import_id_fields = ["slug"]
        fields = (
            "slug",
            "city",
            "programme",
            "number",
            *translated_columns("title"),
            "status",
            "lead",
            *translated_columns("institution"),
            "start_year",
            "end_year",
            *translated_columns("summary", "body"),
            "is_published",
        )

    def get_queryset(self):
        return super().get_queryset().select_related("city", "programme", "lead")
