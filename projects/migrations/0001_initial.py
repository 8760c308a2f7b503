import core.i18n
import core.images
import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('cities', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Milestone',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('date', models.DateField(verbose_name='date')),
                ('title', models.CharField(max_length=300, verbose_name='title')),
                ('title_th', models.CharField(max_length=300, null=True, verbose_name='title')),
                ('title_en', models.CharField(max_length=300, null=True, verbose_name='title')),
                ('description', models.TextField(blank=True, verbose_name='description')),
                ('description_th', models.TextField(blank=True, null=True, verbose_name='description')),
                ('description_en', models.TextField(blank=True, null=True, verbose_name='description')),
            ],
            options={
                'verbose_name': 'milestone',
                'verbose_name_plural': 'milestones',
                'ordering': ['date', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='SubProject',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=400, verbose_name='title')),
                ('title_th', models.CharField(max_length=400, null=True, verbose_name='title')),
                ('title_en', models.CharField(max_length=400, null=True, verbose_name='title')),
                ('summary', models.TextField(blank=True, verbose_name='summary')),
                ('summary_th', models.TextField(blank=True, null=True, verbose_name='summary')),
                ('summary_en', models.TextField(blank=True, null=True, verbose_name='summary')),
                ('order', models.PositiveSmallIntegerField(default=0, verbose_name='order')),
            ],
            options={
                'verbose_name': 'sub-project',
                'verbose_name_plural': 'sub-projects',
                'ordering': ['order', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='Person',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('honorific', models.CharField(blank=True, help_text='e.g. ผศ. ดร., คุณ, Dr.', max_length=80, verbose_name='honorific')),
                ('honorific_th', models.CharField(blank=True, help_text='e.g. ผศ. ดร., คุณ, Dr.', max_length=80, null=True, verbose_name='honorific')),
                ('honorific_en', models.CharField(blank=True, help_text='e.g. ผศ. ดร., คุณ, Dr.', max_length=80, null=True, verbose_name='honorific')),
                ('name', models.CharField(max_length=200, verbose_name='name')),
                ('name_th', models.CharField(max_length=200, null=True, verbose_name='name')),
                ('name_en', models.CharField(max_length=200, null=True, verbose_name='name')),
                ('slug', models.SlugField(help_text='ASCII, used in URLs. Keep it.', unique=True, verbose_name='slug')),
                ('role', models.CharField(blank=True, max_length=300, verbose_name='role')),
                ('role_th', models.CharField(blank=True, max_length=300, null=True, verbose_name='role')),
                ('role_en', models.CharField(blank=True, max_length=300, null=True, verbose_name='role')),
                ('affiliation', models.CharField(blank=True, max_length=300, verbose_name='affiliation')),
                ('affiliation_th', models.CharField(blank=True, max_length=300, null=True, verbose_name='affiliation')),
                ('affiliation_en', models.CharField(blank=True, max_length=300, null=True, verbose_name='affiliation')),
                ('bio', models.TextField(blank=True, verbose_name='biography')),
                ('bio_th', models.TextField(blank=True, null=True, verbose_name='biography')),
                ('bio_en', models.TextField(blank=True, null=True, verbose_name='biography')),
                ('photo', models.ImageField(blank=True, upload_to='people/', validators=[django.core.validators.FileExtensionValidator(['jpg', 'jpeg', 'png', 'webp']), core.images.validate_image_file], verbose_name='photo')),
                ('photo_alt', models.CharField(blank=True, help_text='Describe the photo for people who cannot see it. Required with a photo.', max_length=300, verbose_name='photo alt text')),
                ('photo_alt_th', models.CharField(blank=True, help_text='Describe the photo for people who cannot see it. Required with a photo.', max_length=300, null=True, verbose_name='photo alt text')),
                ('photo_alt_en', models.CharField(blank=True, help_text='Describe the photo for people who cannot see it. Required with a photo.', max_length=300, null=True, verbose_name='photo alt text')),
                ('is_published', models.BooleanField(db_index=True, default=True, verbose_name='published')),
                ('city', models.ForeignKey(blank=True, help_text='The city this person works in, if any.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='people', to='cities.city', verbose_name='city')),
                ('created_by', models.ForeignKey(blank=True, editable=False, help_text='The researcher who added this person in the portal.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='people_created', to=settings.AUTH_USER_MODEL, verbose_name='named by')),
            ],
            options={
                'verbose_name': 'person',
                'verbose_name_plural': 'people',
                'ordering': ['pk'],
            },
            bases=(core.i18n.TranslationStatusMixin, models.Model),
        ),
        migrations.CreateModel(
            name='ProjectMember',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('role', models.CharField(blank=True, max_length=200, verbose_name='role on the project')),
                ('role_th', models.CharField(blank=True, max_length=200, null=True, verbose_name='role on the project')),
                ('role_en', models.CharField(blank=True, max_length=200, null=True, verbose_name='role on the project')),
                ('order', models.PositiveSmallIntegerField(default=0, verbose_name='order')),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='project_memberships', to='projects.person', verbose_name='person')),
            ],
            options={
                'verbose_name': 'team member',
                'verbose_name_plural': 'team members',
                'ordering': ['order', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='ResearchProject',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('title', models.CharField(blank=True, max_length=400, verbose_name='title')),
                ('title_th', models.CharField(blank=True, max_length=400, null=True, verbose_name='title')),
                ('title_en', models.CharField(blank=True, max_length=400, null=True, verbose_name='title')),
                ('slug', models.SlugField(help_text='ASCII, used in URLs. Keep it.', unique=True, verbose_name='slug')),
                ('number', models.PositiveSmallIntegerField(default=1, help_text='1, 2, … when a city has several.', verbose_name='number in the city')),
                ('institution', models.CharField(blank=True, max_length=300, verbose_name='institution')),
                ('institution_th', models.CharField(blank=True, max_length=300, null=True, verbose_name='institution')),
                ('institution_en', models.CharField(blank=True, max_length=300, null=True, verbose_name='institution')),
                ('start_year', models.PositiveSmallIntegerField(blank=True, null=True, validators=[django.core.validators.MinValueValidator(1900), django.core.validators.MaxValueValidator(2200)], verbose_name='first year (CE)')),
                ('end_year', models.PositiveSmallIntegerField(blank=True, null=True, validators=[django.core.validators.MinValueValidator(1900), django.core.validators.MaxValueValidator(2200)], verbose_name='last year (CE)')),
                ('summary', models.TextField(blank=True, verbose_name='summary')),
                ('summary_th', models.TextField(blank=True, null=True, verbose_name='summary')),
                ('summary_en', models.TextField(blank=True, null=True, verbose_name='summary')),
                ('body', models.TextField(blank=True, verbose_name='body')),
                ('body_th', models.TextField(blank=True, null=True, verbose_name='body')),
                ('body_en', models.TextField(blank=True, null=True, verbose_name='body')),
                ('status', models.CharField(blank=True, choices=[('planned', 'Planned'), ('under_research', 'Under research'), ('completed', 'Completed')], max_length=20, verbose_name='status')),
                ('is_published', models.BooleanField(db_index=True, default=False, verbose_name='published')),
                ('city', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='projects', to='cities.city', verbose_name='city')),
                ('lead', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='led_projects', to='projects.person', verbose_name='lead researcher')),
                ('programme', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='projects', to='cities.programme', verbose_name='programme')),
            ],
            options={
                'verbose_name': 'research project',
                'verbose_name_plural': 'research projects',
                'ordering': ['city_id', 'number', 'pk'],
            },
            bases=(core.i18n.TranslationStatusMixin, models.Model),
        ),
    ]
