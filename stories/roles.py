"""The two roles of the editorial workflow, as groups.

`ensure_role_groups` creates them after every migrate (and after a test flush), so every
database has them, with their permissions.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

STAFF_GROUP = "Programme staff"
RESEARCHER_GROUP = "Researchers"
# The groups keep their English names (code finds them by name); people read these.
GROUP_LABELS = {STAFF_GROUP: _("Programme staff"), RESEARCHER_GROUP: _("Researchers")}
STAFF_APPS = ("cities", "projects", "stories", "tags")
STAFF_USER_PERMISSIONS = ("add_user", "change_user", "view_user", "view_group")
# The language a person's emails are written in (accounts.UserProfile): staff who invite
# someone choose it on the same form, which shows it only to those with these.
STAFF_PROFILE_PERMISSIONS = ("add_userprofile", "change_userprofile", "view_userprofile")


class Role(models.TextChoices):
    """What an account is for, as staff choose it in the user admin: each role is one of the
    groups above; programme staff also get the admin (is_staff)."""

    RESEARCHER = "researcher", _("Researcher")
    PROGRAMME_STAFF = "programme_staff", _("Programme staff")


# Programme staff first: someone in both groups counts as staff.
ROLE_GROUPS = {Role.PROGRAMME_STAFF: STAFF_GROUP, Role.RESEARCHER: RESEARCHER_GROUP}


def user_role(user):
    """`user`'s role by their group (programme staff first), or "" for neither."""
    names = set(user.groups.values_list("name", flat=True)) if user.pk else set()
    for role, group in ROLE_GROUPS.items():
        if group in names:
            return role
    return ""


def group_label(group):
    """A group's name in the reader's language (a group staff made themselves: as named)."""
    return str(GROUP_LABELS.get(group.name, group.name))


def is_researcher(user):
    return (
        user.is_authenticated
        and user.is_active
        and user.groups.filter(name=RESEARCHER_GROUP).exists()
    )


def is_staff_account(user):
    """Staff, a superuser or in the Programme staff group: only superusers change such an
    account's credentials and rights (portal.admin)."""
    return user.is_staff or user.is_superuser or user.groups.filter(name=STAFF_GROUP).exists()


def ensure_role_groups(**kwargs):
    """Create both groups if missing and give Programme staff every content permission.

    Researchers get no admin permission: the portal checks membership of their group.
    """
    from django.contrib.auth.models import Group, Permission

    staff, _ = Group.objects.get_or_create(name=STAFF_GROUP)
    staff.permissions.add(
        *Permission.objects.filter(content_type__app_label__in=STAFF_APPS),
        *Permission.objects.filter(
            content_type__app_label="auth", codename__in=STAFF_USER_PERMISSIONS
        ),
        *Permission.objects.filter(
            content_type__app_label="accounts", codename__in=STAFF_PROFILE_PERMISSIONS
        ),
    )
    Group.objects.get_or_create(name=RESEARCHER_GROUP)
