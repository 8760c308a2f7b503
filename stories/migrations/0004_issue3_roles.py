"""Roles as groups, so a fresh database has them: Programme staff and Researchers."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

STAFF_GROUP = "Programme staff"
RESEARCHER_GROUP = "Researchers"
STAFF_APPS = ("cities", "projects", "stories", "wecitizens")
STAFF_USER_PERMISSIONS = ("add_user", "change_user", "view_user", "view_group")


def create_roles(apps, schema_editor):
    # Permissions are normally created after migrating; these groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    staff, _ = Group.objects.get_or_create(name=STAFF_GROUP)
    staff.permissions.add(
        *Permission.objects.filter(content_type__app_label__in=STAFF_APPS),
        *Permission.objects.filter(
            content_type__app_label="auth", codename__in=STAFF_USER_PERMISSIONS
        ),
    )
    # Researchers get no admin permission: the portal checks membership of this group.
    Group.objects.get_or_create(name=RESEARCHER_GROUP)


def remove_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=[STAFF_GROUP, RESEARCHER_GROUP]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("cities", "0001_initial"),
        ("projects", "0002_initial"),
        ("wecitizens", "0002_issue3_profile"),
        ("stories", "0003_issue3_workflow"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
