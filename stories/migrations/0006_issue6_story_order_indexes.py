from django.db import migrations, models


class AddIndexOnPostgreSQL(migrations.AddIndex):
    """SQLite cannot index `DESC NULLS LAST`; it sorts NULLs last in descending order anyway,
    and is only the development database."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0005_merge_0003_issue7_consent_0004_issue3_roles"),
    ]

    operations = [
        AddIndexOnPostgreSQL(
            model_name="story",
            index=models.Index(
                models.OrderBy(models.F("published_at"), descending=True, nulls_last=True),
                models.OrderBy(models.F("id"), descending=True),
                condition=models.Q(("status", "published")),
                name="story_newest_first",
            ),
        ),
        migrations.AddIndex(
            model_name="story",
            index=models.Index(fields=["updated_at"], name="story_updated_at"),
        ),
    ]
