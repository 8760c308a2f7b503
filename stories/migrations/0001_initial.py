import core.i18n
import core.images
import django.core.validators
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('cities', '0001_initial'),
        ('projects', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='StoryPerson',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('order', models.PositiveSmallIntegerField(default=0, verbose_name='order')),
                ('consent', models.CharField(choices=[('unknown', 'Not yet asked'), ('given', 'Given'), ('refused', 'Refused')], default='unknown', help_text='Did this person agree to appear in the published story?', max_length=20, verbose_name='consent to publish')),
                ('consent_note', models.CharField(blank=True, help_text='How and when consent was given, e.g. signed form, 3 March 2024.', max_length=300, verbose_name='consent record')),
            ],
            options={
                'verbose_name': 'person featured',
                'verbose_name_plural': 'people featured',
                'ordering': ['order', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='StoryTransition',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('from_status', models.CharField(choices=[('draft', 'Draft'), ('submitted', 'Submitted'), ('changes_requested', 'Changes requested'), ('published', 'Published'), ('archived', 'Archived')], max_length=20, verbose_name='from')),
                ('to_status', models.CharField(choices=[('draft', 'Draft'), ('submitted', 'Submitted'), ('changes_requested', 'Changes requested'), ('published', 'Published'), ('archived', 'Archived')], max_length=20, verbose_name='to')),
                ('note', models.TextField(blank=True, verbose_name='note')),
                ('created_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='when')),
            ],
            options={
                'verbose_name': 'status change',
                'verbose_name_plural': 'status changes',
                'ordering': ['-created_at', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='ReviewLink',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='created')),
                ('expires_at', models.DateTimeField(verbose_name='expires')),
                ('revoked_at', models.DateTimeField(blank=True, null=True, verbose_name='revoked')),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='created by')),
            ],
            options={
                'verbose_name': 'review link',
                'verbose_name_plural': 'review links',
                'ordering': ['-created_at', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='Story',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('title', models.CharField(max_length=400, verbose_name='title')),
                ('title_th', models.CharField(max_length=400, null=True, verbose_name='title')),
                ('title_en', models.CharField(max_length=400, null=True, verbose_name='title')),
                ('slug', models.SlugField(help_text='ASCII, used in URLs. Keep it.', max_length=120, unique=True, verbose_name='slug')),
                ('kind', models.CharField(choices=[('interview', 'Interview'), ('article', 'Article'), ('news', 'News'), ('essay', 'Essay'), ('event', 'Event')], default='article', max_length=20, verbose_name='kind')),
                ('excerpt', models.TextField(blank=True, verbose_name='excerpt')),
                ('excerpt_th', models.TextField(blank=True, null=True, verbose_name='excerpt')),
                ('excerpt_en', models.TextField(blank=True, null=True, verbose_name='excerpt')),
                ('body', models.TextField(blank=True, help_text='Rich text (HTML).', verbose_name='body')),
                ('body_th', models.TextField(blank=True, help_text='Rich text (HTML).', null=True, verbose_name='body')),
                ('body_en', models.TextField(blank=True, help_text='Rich text (HTML).', null=True, verbose_name='body')),
                ('hero_image', models.ImageField(blank=True, upload_to='stories/', validators=[django.core.validators.FileExtensionValidator(['jpg', 'jpeg', 'png', 'webp']), core.images.validate_image_file], verbose_name='hero image')),
                ('hero_image_alt', models.CharField(blank=True, help_text='Describe the picture for people who cannot see it. Required with an image.', max_length=300, verbose_name='hero image alt text')),
                ('hero_image_alt_th', models.CharField(blank=True, help_text='Describe the picture for people who cannot see it. Required with an image.', max_length=300, null=True, verbose_name='hero image alt text')),
                ('hero_image_alt_en', models.CharField(blank=True, help_text='Describe the picture for people who cannot see it. Required with an image.', max_length=300, null=True, verbose_name='hero image alt text')),
                ('hero_image_caption', models.CharField(blank=True, max_length=400, verbose_name='hero image caption')),
                ('hero_image_caption_th', models.CharField(blank=True, max_length=400, null=True, verbose_name='hero image caption')),
                ('hero_image_caption_en', models.CharField(blank=True, max_length=400, null=True, verbose_name='hero image caption')),
                ('hero_image_credit', models.CharField(blank=True, max_length=200, verbose_name='hero image credit')),
                ('hero_image_credit_th', models.CharField(blank=True, max_length=200, null=True, verbose_name='hero image credit')),
                ('hero_image_credit_en', models.CharField(blank=True, max_length=200, null=True, verbose_name='hero image credit')),
                ('status', models.CharField(choices=[('draft', 'Draft'), ('submitted', 'Submitted'), ('changes_requested', 'Changes requested'), ('published', 'Published'), ('archived', 'Archived')], db_index=True, default='draft', max_length=20, verbose_name='status')),
                ('published_at', models.DateTimeField(blank=True, db_index=True, help_text='A future time schedules the story: it stays hidden until then.', null=True, verbose_name='published at')),
                ('source_url', models.URLField(blank=True, help_text='Where it first appeared.', max_length=500, verbose_name='original post')),
                ('is_featured', models.BooleanField(default=False, verbose_name='featured')),
                ('author', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='stories', to=settings.AUTH_USER_MODEL, verbose_name='author')),
                ('city', models.ForeignKey(blank=True, help_text='Leave empty for a story about the programme as a whole.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='stories', to='cities.city', verbose_name='city')),
                ('projects', models.ManyToManyField(blank=True, related_name='stories', to='projects.researchproject', verbose_name='related research projects')),
            ],
            options={
                'verbose_name': 'story',
                'verbose_name_plural': 'stories',
                'ordering': [models.OrderBy(models.F('published_at'), descending=True, nulls_last=True), '-pk'],
                'permissions': [('publish_story', 'Can review, publish, schedule and archive stories')],
            },
            bases=(core.i18n.TranslationStatusMixin, models.Model),
        ),
    ]
