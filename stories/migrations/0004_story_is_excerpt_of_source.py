from django.db import migrations, models


class AddFieldInPlaceOnSQLite(migrations.AddField):
    """SQLite adds a NOT NULL column by rebuilding the table, and the rebuild recreates every
    index of the model's state, including `story_newest_first`, which SQLite cannot build
    (`DESC NULLS LAST`, see 0002). A column with a constant default needs no rebuild:
    `ALTER TABLE … ADD COLUMN … NOT NULL DEFAULT 0` fills the existing rows."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "sqlite":
            return super().database_forwards(app_label, schema_editor, from_state, to_state)
        model = to_state.apps.get_model(app_label, self.model_name)
        field = model._meta.get_field(self.name)
        quote = schema_editor.quote_name
        schema_editor.execute(
            f"ALTER TABLE {quote(model._meta.db_table)} ADD COLUMN {quote(field.column)} "
            f"{field.db_type(schema_editor.connection)} NOT NULL DEFAULT 0"
        )

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "sqlite":
            return super().database_backwards(app_label, schema_editor, from_state, to_state)
        model = from_state.apps.get_model(app_label, self.model_name)
        field = model._meta.get_field(self.name)
        quote = schema_editor.quote_name
        schema_editor.execute(
            f"ALTER TABLE {quote(model._meta.db_table)} DROP COLUMN {quote(field.column)}"
        )


def mark_openings(apps, schema_editor):
    """Stories loaded from the seed before this field existed are openings too: like
    `load_content`, take a story with no body whose text stops at "…" for one."""
    Story = apps.get_model("stories", "Story")
    Story.objects.filter(body_th="", body_en="", excerpt_th__endswith="…").update(
        is_excerpt_of_source=True
    )


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0003_seed_record"),
    ]

    operations = [
        AddFieldInPlaceOnSQLite(
            model_name="story",
            name="is_excerpt_of_source",
            field=models.BooleanField(
                default=False,
                help_text="Tick when the text is only the beginning of the original post: the "
                "page then says so and links to the post.",
                verbose_name="opening of the original post",
            ),
        ),
        migrations.RunPython(mark_openings, migrations.RunPython.noop),
    ]
