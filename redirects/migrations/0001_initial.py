from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
    ]

    operations = [
        migrations.CreateModel(
            name='SlugRedirect',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('old_path', models.CharField(help_text='The path without the language prefix, e.g. /stories/old-slug/', max_length=300, unique=True, verbose_name='old address')),
                ('new_path', models.CharField(help_text='The path without the language prefix, e.g. /stories/new-slug/', max_length=300, verbose_name='new address')),
                ('is_automatic', models.BooleanField(default=False, help_text='Written when a slug changed.', verbose_name='made automatically')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
            ],
            options={
                'verbose_name': 'redirect',
                'verbose_name_plural': 'redirects',
                'ordering': ['old_path'],
            },
        ),
    ]
