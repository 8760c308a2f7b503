import core.i18n
import core.images
import django.core.validators
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
    ]

    operations = [
        migrations.CreateModel(
            name='City',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('name', models.CharField(max_length=200, verbose_name='name')),
                ('name_th', models.CharField(max_length=200, null=True, verbose_name='name')),
                ('name_en', models.CharField(max_length=200, null=True, verbose_name='name')),
                ('slug', models.SlugField(help_text='ASCII, used in URLs. Keep it.', unique=True, verbose_name='slug')),
                ('province', models.CharField(blank=True, max_length=200, verbose_name='province')),
                ('province_th', models.CharField(blank=True, max_length=200, null=True, verbose_name='province')),
                ('province_en', models.CharField(blank=True, max_length=200, null=True, verbose_name='province')),
                ('region', models.CharField(choices=[('north', 'North'), ('northeast', 'Northeast'), ('central', 'Central'), ('east', 'East'), ('west', 'West'), ('south', 'South')], max_length=20, verbose_name='region')),
                ('research_area', models.CharField(blank=True, help_text='Where in the city the research worked, e.g. ย่านกะดีจีน.', max_length=300, verbose_name='research area')),
                ('research_area_th', models.CharField(blank=True, help_text='Where in the city the research worked, e.g. ย่านกะดีจีน.', max_length=300, null=True, verbose_name='research area')),
                ('research_area_en', models.CharField(blank=True, help_text='Where in the city the research worked, e.g. ย่านกะดีจีน.', max_length=300, null=True, verbose_name='research area')),
                ('summary', models.TextField(blank=True, verbose_name='summary')),
                ('summary_th', models.TextField(blank=True, null=True, verbose_name='summary')),
                ('summary_en', models.TextField(blank=True, null=True, verbose_name='summary')),
                ('body', models.TextField(blank=True, verbose_name='body')),
                ('body_th', models.TextField(blank=True, null=True, verbose_name='body')),
                ('body_en', models.TextField(blank=True, null=True, verbose_name='body')),
                ('hero_image', models.ImageField(blank=True, upload_to='cities/', validators=[django.core.validators.FileExtensionValidator(['jpg', 'jpeg', 'png', 'webp']), core.images.validate_image_file], verbose_name='hero image')),
                ('hero_image_alt', models.CharField(blank=True, help_text='Describe the picture for people who cannot see it. Required with an image.', max_length=300, verbose_name='hero image alt text')),
                ('hero_image_alt_th', models.CharField(blank=True, help_text='Describe the picture for people who cannot see it. Required with an image.', max_length=300, null=True, verbose_name='hero image alt text')),
                ('hero_image_alt_en', models.CharField(blank=True, help_text='Describe the picture for people who cannot see it. Required with an image.', max_length=300, null=True, verbose_name='hero image alt text')),
                ('latitude', models.DecimalField(blank=True, decimal_places=6, max_digits=9, null=True, validators=[django.core.validators.MinValueValidator(-90), django.core.validators.MaxValueValidator(90)], verbose_name='latitude')),
                ('longitude', models.DecimalField(blank=True, decimal_places=6, max_digits=9, null=True, validators=[django.core.validators.MinValueValidator(-180), django.core.validators.MaxValueValidator(180)], verbose_name='longitude')),
                ('is_published', models.BooleanField(db_index=True, default=False, verbose_name='published')),
            ],
            options={
                'verbose_name': 'city',
                'verbose_name_plural': 'cities',
                'ordering': ['pk'],
            },
            bases=(core.i18n.TranslationStatusMixin, models.Model),
        ),
        migrations.CreateModel(
            name='CityLink',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('platform', models.CharField(max_length=200, verbose_name='platform')),
                ('platform_th', models.CharField(max_length=200, null=True, verbose_name='platform')),
                ('platform_en', models.CharField(max_length=200, null=True, verbose_name='platform')),
                ('url', models.URLField(max_length=500, verbose_name='address')),
                ('order', models.PositiveSmallIntegerField(default=0, verbose_name='order')),
                ('city', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='links', to='cities.city', verbose_name='city')),
            ],
            options={
                'verbose_name': 'link to another platform',
                'verbose_name_plural': 'links to other platforms',
                'ordering': ['order', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='Programme',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('name', models.CharField(max_length=300, verbose_name='name')),
                ('name_th', models.CharField(max_length=300, null=True, verbose_name='name')),
                ('name_en', models.CharField(max_length=300, null=True, verbose_name='name')),
                ('short_name', models.CharField(blank=True, help_text='Used in lists and filters.', max_length=80, verbose_name='short name')),
                ('short_name_th', models.CharField(blank=True, help_text='Used in lists and filters.', max_length=80, null=True, verbose_name='short name')),
                ('short_name_en', models.CharField(blank=True, help_text='Used in lists and filters.', max_length=80, null=True, verbose_name='short name')),
                ('slug', models.SlugField(help_text='ASCII, used in URLs.', unique=True, verbose_name='slug')),
                ('description', models.TextField(blank=True, verbose_name='description')),
                ('description_th', models.TextField(blank=True, null=True, verbose_name='description')),
                ('description_en', models.TextField(blank=True, null=True, verbose_name='description')),
                ('funder', models.CharField(blank=True, max_length=300, verbose_name='funder')),
                ('funder_th', models.CharField(blank=True, max_length=300, null=True, verbose_name='funder')),
                ('funder_en', models.CharField(blank=True, max_length=300, null=True, verbose_name='funder')),
                ('partners', models.CharField(blank=True, max_length=300, verbose_name='partners')),
                ('partners_th', models.CharField(blank=True, max_length=300, null=True, verbose_name='partners')),
                ('partners_en', models.CharField(blank=True, max_length=300, null=True, verbose_name='partners')),
                ('start_year', models.PositiveSmallIntegerField(blank=True, help_text='Common Era year; Thai pages show it in the Buddhist Era (+543).', null=True, validators=[django.core.validators.MinValueValidator(1900), django.core.validators.MaxValueValidator(2200)], verbose_name='first year (CE)')),
                ('end_year', models.PositiveSmallIntegerField(blank=True, null=True, validators=[django.core.validators.MinValueValidator(1900), django.core.validators.MaxValueValidator(2200)], verbose_name='last year (CE)')),
                ('order', models.PositiveSmallIntegerField(default=0, verbose_name='order')),
            ],
            options={
                'verbose_name': 'programme',
                'verbose_name_plural': 'programmes',
                'ordering': ['order', 'start_year', 'pk'],
                'constraints': [models.CheckConstraint(condition=models.Q(('end_year__isnull', True), ('start_year__isnull', True), ('end_year__gte', models.F('start_year')), _connector='OR'), name='programme_years_in_order')],
            },
        ),
        migrations.CreateModel(
            name='ProgrammeMembership',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="number in the programme's list")),
                ('city', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='memberships', to='cities.city', verbose_name='city')),
                ('programme', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='memberships', to='cities.programme', verbose_name='programme')),
            ],
            options={
                'verbose_name': 'programme membership',
                'verbose_name_plural': 'programme memberships',
                'ordering': ['programme__order', 'number', 'pk'],
            },
        ),
        migrations.AddField(
            model_name='city',
            name='programmes',
            field=models.ManyToManyField(blank=True, related_name='cities', through='cities.ProgrammeMembership', to='cities.programme', verbose_name='programmes'),
        ),
        migrations.AddConstraint(
            model_name='programmemembership',
            constraint=models.UniqueConstraint(fields=('city', 'programme'), name='membership_city_once_per_programme'),
        ),
        migrations.AddConstraint(
            model_name='programmemembership',
            constraint=models.UniqueConstraint(fields=('programme', 'number'), name='membership_number_unique_in_programme'),
        ),
    ]
