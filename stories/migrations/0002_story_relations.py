import django.db.models.deletion
import taggit.managers
from django.conf import settings
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

    initial = True

    dependencies = [
        ('projects', '0002_project_relations'),
        ('stories', '0001_initial'),
        ('tags', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='story',
            name='tags',
            field=taggit.managers.TaggableManager(blank=True, help_text='A comma-separated list of tags.', through='tags.TaggedItem', to='tags.Tag', verbose_name='tags'),
        ),
        migrations.AddField(
            model_name='reviewlink',
            name='story',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='review_links', to='stories.story', verbose_name='story'),
        ),
        migrations.AddField(
            model_name='storyperson',
            name='person',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='story_features', to='projects.person', verbose_name='person'),
        ),
        migrations.AddField(
            model_name='storyperson',
            name='story',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='featured_people', to='stories.story', verbose_name='story'),
        ),
        migrations.AddField(
            model_name='story',
            name='people',
            field=models.ManyToManyField(blank=True, related_name='stories', through='stories.StoryPerson', to='projects.person', verbose_name='people featured'),
        ),
        migrations.AddField(
            model_name='storytransition',
            name='story',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='transitions', to='stories.story', verbose_name='story'),
        ),
        migrations.AddField(
            model_name='storytransition',
            name='user',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='story_transitions', to=settings.AUTH_USER_MODEL, verbose_name='by'),
        ),
        migrations.AddConstraint(
            model_name='storyperson',
            constraint=models.UniqueConstraint(fields=('story', 'person'), name='story_person_once'),
        ),
        migrations.AddIndex(
            model_name='story',
            index=models.Index(fields=['status', 'published_at'], name='story_status_date'),
        ),
        AddIndexOnPostgreSQL(
            model_name='story',
            index=models.Index(models.OrderBy(models.F('published_at'), descending=True, nulls_last=True), models.OrderBy(models.F('id'), descending=True), condition=models.Q(('status', 'published')), name='story_newest_first'),
        ),
        migrations.AddIndex(
            model_name='story',
            index=models.Index(fields=['updated_at'], name='story_updated_at'),
        ),
        migrations.AddIndex(
            model_name='story',
            index=models.Index(condition=models.Q(('is_featured', True)), fields=['published_at'], name='story_featured'),
        ),
    ]
