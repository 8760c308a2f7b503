"""Cities as spreadsheet rows (core.spreadsheets): one row a city, found by its slug."""

from cities.models import City
from core.spreadsheets import SheetResource, translated_columns


class CityResource(SheetResource):
    sheet_name = "cities"

    class Meta(SheetResource.Meta):
        model = City
        import_id_fields = ["slug"]
        fields = (
            "slug",
            *translated_columns("name", "province"),
            "region",
            *translated_columns("research_area", "summary", "body"),
            "latitude",
            "longitude",
            "is_published",
        )
