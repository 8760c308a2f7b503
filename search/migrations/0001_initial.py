import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
    ]

    operations = [
        # pg_trgm for the trigram indexes below; a no-op on SQLite.
        TrigramExtension(),
        migrations.CreateModel(
            name='SearchDocument',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('story', 'Story'), ('city', 'City'), ('project', 'Research project'), ('person', 'Person')], max_length=20, verbose_name='kind')),
                ('object_id', models.PositiveBigIntegerField(verbose_name='object id')),
                ('language', models.CharField(max_length=5, verbose_name='language')),
                ('path', models.CharField(max_length=500, verbose_name='address')),
                ('title', models.CharField(max_length=500, verbose_name='title')),
                ('title_language', models.CharField(max_length=5, verbose_name='title language')),
                ('text', models.TextField(blank=True, help_text='Plain text shown in snippets.', verbose_name='text')),
                ('text_language', models.CharField(blank=True, max_length=5, verbose_name='text language')),
                ('words_title', models.TextField(blank=True)),
                ('words_excerpt', models.TextField(blank=True)),
                ('words_body', models.TextField(blank=True)),
                ('words_other', models.TextField(blank=True)),
                ('haystack', models.TextField(blank=True)),
                ('vector', django.contrib.postgres.search.SearchVectorField(blank=True, null=True)),
                ('is_public', models.BooleanField(default=False, verbose_name='public')),
                ('published_at', models.DateTimeField(blank=True, null=True, verbose_name='published at')),
            ],
            options={
                'verbose_name': 'search document',
                'verbose_name_plural': 'search documents',
                'indexes': [django.contrib.postgres.indexes.GinIndex(condition=models.Q(('language', 'th')), fields=['vector'], name='search_doc_vector_th'), django.contrib.postgres.indexes.GinIndex(condition=models.Q(('language', 'th')), fields=['haystack'], name='search_doc_trgm_th', opclasses=['gin_trgm_ops']), django.contrib.postgres.indexes.GinIndex(condition=models.Q(('language', 'th')), fields=['title'], name='search_doc_title_trgm_th', opclasses=['gin_trgm_ops']), django.contrib.postgres.indexes.GinIndex(condition=models.Q(('language', 'en')), fields=['vector'], name='search_doc_vector_en'), django.contrib.postgres.indexes.GinIndex(condition=models.Q(('language', 'en')), fields=['haystack'], name='search_doc_trgm_en', opclasses=['gin_trgm_ops']), django.contrib.postgres.indexes.GinIndex(condition=models.Q(('language', 'en')), fields=['title'], name='search_doc_title_trgm_en', opclasses=['gin_trgm_ops'])],
                'constraints': [models.UniqueConstraint(fields=('kind', 'object_id', 'language'), name='search_document_once')],
            },
        ),
    ]
