import django.db.models.deletion
import taggit.managers
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('projects', '0001_initial'),
        ('tags', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='researchproject',
            name='tags',
            field=taggit.managers.TaggableManager(blank=True, help_text='A comma-separated list of tags.', through='tags.TaggedItem', to='tags.Tag', verbose_name='tags'),
        ),
        migrations.AddField(
            model_name='researchproject',
            name='team',
            field=models.ManyToManyField(blank=True, related_name='projects', through='projects.ProjectMember', to='projects.person', verbose_name='team'),
        ),
        migrations.AddField(
            model_name='projectmember',
            name='project',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='memberships', to='projects.researchproject', verbose_name='research project'),
        ),
        migrations.AddField(
            model_name='milestone',
            name='project',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='milestones', to='projects.researchproject', verbose_name='research project'),
        ),
        migrations.AddField(
            model_name='subproject',
            name='lead',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='led_subprojects', to='projects.person', verbose_name='lead'),
        ),
        migrations.AddField(
            model_name='subproject',
            name='project',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='subprojects', to='projects.researchproject', verbose_name='research project'),
        ),
        migrations.AddConstraint(
            model_name='researchproject',
            constraint=models.UniqueConstraint(fields=('city', 'programme', 'number'), name='project_number_unique_in_city'),
        ),
        migrations.AddConstraint(
            model_name='researchproject',
            constraint=models.CheckConstraint(condition=models.Q(('end_year__isnull', True), ('start_year__isnull', True), ('end_year__gte', models.F('start_year')), _connector='OR'), name='project_years_in_order'),
        ),
        migrations.AddConstraint(
            model_name='projectmember',
            constraint=models.UniqueConstraint(fields=('project', 'person'), name='project_member_once_per_project'),
        ),
    ]
