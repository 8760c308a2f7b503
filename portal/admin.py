"""The user and group admin, with each person's language, an invitation when staff add
someone, and permissions named in the reader's language."""

from django import forms
from django.apps import apps
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm, SetUnusablePasswordMixin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import UserProfile
from core.admin import ObjectNameAdminMixin
from core.forms import DisplayColumnsAdminMixin, EraFieldsAdminMixin
from portal.services import user_invite
from stories.roles import STAFF_GROUP, group_label, is_staff_account

User = get_user_model()

# Django stores permission names in English ("Can add story"), once, when it creates them.
PERMISSION_ACTIONS = {
    "add": _("Can add %(model)s"),
    "change": _("Can change %(model)s"),
    "delete": _("Can delete %(model)s"),
    "view": _("Can view %(model)s"),
}


def permission_label(permission):
    """A permission as the admin lists it ("app | model | can ..."), in the active language."""
    model = permission.content_type.model_class()
    if model is None:
        return str(permission)
    action = permission.codename.partition("_")[0]
    if action in PERMISSION_ACTIONS and permission.codename == f"{action}_{model._meta.model_name}":
        name = PERMISSION_ACTIONS[action] % {"model": model._meta.verbose_name}
    else:
        name = gettext(permission.name)  # our own, declared in a model's Meta.permissions
    app = apps.get_app_config(model._meta.app_label).verbose_name
    return f"{app} | {model._meta.verbose_name} | {name}"


def label_permissions(db_field, formfield):
    """Permissions and groups listed in a form in the reader's language."""
    if formfield is not None and db_field.name in ("permissions", "user_permissions"):
        formfield.label_from_instance = permission_label
    elif formfield is not None and db_field.name == "groups":
        formfield.label_from_instance = group_label
    return formfield


@admin.display(description=User._meta.get_field("groups").verbose_name)
def groups_shown(user):
    """A user's groups as a read-only field shows them: in the reader's language."""
    return ", ".join(group_label(group) for group in user.groups.order_by("name"))


def _permissions_shown(permissions):
    labels = sorted(permission_label(permission) for permission in permissions)
    return ", ".join(labels) or admin.site.empty_value_display


@admin.display(description=User._meta.get_field("user_permissions").verbose_name)
def user_permissions_shown(user):
    return _permissions_shown(user.user_permissions.select_related("content_type"))


@admin.display(description=Group._meta.get_field("permissions").verbose_name)
def group_permissions_shown(group):
    return _permissions_shown(group.permissions.select_related("content_type"))


@admin.display(description=Group._meta.get_field("name").verbose_name)
def group_name_shown(group):
    return group_label(group)


class GroupListFilter(admin.RelatedFieldListFilter):
    def field_choices(self, field, request, model_admin):
        return [(group.pk, group_label(group)) for group in Group.objects.order_by("name")]


class InviteForm(forms.ModelForm):
    """A new account without a password: the invited person chooses it from the email."""

    class Meta:
        model = User
        fields = ("username", "email", "first_name", "last_name", "groups")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True

    def save(self, commit=True):
        user = super().save(commit=False)
        user.set_unusable_password()
        if commit:
            user.save()
            self.save_m2m()
        return user


class PasswordChangeForm(AdminPasswordChangeForm):
    # Django joins its translated help text to an English warning as its module loads, which
    # makes the whole text English on every screen; this joins them as each page is drawn.
    usable_password_help_text = format_lazy(
        '{}<ul id="id_unusable_warning" class="messagelist"><li class="warning">{}</li></ul>',
        SetUnusablePasswordMixin.usable_password_help_text,
        _("If disabled, the current password for this user will be lost."),
    )


class UserProfileInline(admin.StackedInline):
    model = UserProfile
    can_delete = False
    extra = 1
    max_num = 1


class InvitingUserAdmin(EraFieldsAdminMixin, UserAdmin):
    """Adding a user sends them a link to set their password, in their language."""

    READ_ONLY_SHOWN = {"groups": groups_shown, "user_permissions": user_permissions_shown}

    list_filter = ("is_staff", "is_superuser", "is_active", ("groups", GroupListFilter))

    add_form = InviteForm
    change_password_form = PasswordChangeForm
    add_fieldsets = ((None, {"classes": ("wide",), "fields": InviteForm.Meta.fields}),)
    inlines = [*UserAdmin.inlines, UserProfileInline]

    def display_column(self, name):
        return self.READ_ONLY_SHOWN.get(name) or super().display_column(name)

    def get_readonly_fields(self, request, obj=None):
        # Programme staff may invite and edit researchers' accounts, but not hand out staff or
        # superuser rights, nor change another staff account's credentials and rights.
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            readonly += ["is_staff", "is_superuser", "user_permissions"]
        if not self.credentials_changeable(request, obj):
            readonly += ["username", "email", "is_active", "groups"]
        return [self.display_column(name) for name in readonly]

    def credentials_changeable(self, request, user):
        """Whether `request.user` may change `user`'s password, email, username, groups and
        rights: superusers change any account; programme staff only non-staff ones."""
        return request.user.is_superuser or user is None or not is_staff_account(user)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if self.credentials_changeable(request, obj):
            return fieldsets
        # No password row, whose button leads to a change-password page they may not open.
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f != "password"]})
            for name, options in fieldsets
        ]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if not self.credentials_changeable(request, obj):
            form.base_fields.pop("password", None)  # declared on the form, so always there
        return form

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups" and not request.user.is_superuser:
            kwargs["queryset"] = Group.objects.exclude(name=STAFF_GROUP)
        return label_permissions(
            db_field, super().formfield_for_manytomany(db_field, request, **kwargs)
        )

    def user_change_password(self, request, id, form_url=""):
        user = self.get_object(request, unquote(id))
        if user is not None and not self.credentials_changeable(request, user):
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not self.credentials_changeable(request, obj):
            return False
        return super().has_delete_permission(request, obj)

    def get_queryset(self, request):
        # Nor take over a superuser's account (its email, and so its password).
        users = super().get_queryset(request)
        return users if request.user.is_superuser else users.filter(is_superuser=False)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if not change and user_invite(user=form.instance):
            self.message_user(
                request,
                _("An invitation to set a password was sent to %(email)s.")
                % {"email": form.instance.email},
                messages.SUCCESS,
            )


class TranslatedPermissionsGroupAdmin(ObjectNameAdminMixin, DisplayColumnsAdminMixin, GroupAdmin):
    list_display = ("label",)
    READ_ONLY_SHOWN = {"name": group_name_shown, "permissions": group_permissions_shown}

    def display_column(self, name):
        return self.READ_ONLY_SHOWN.get(name) or super().display_column(name)

    def object_name(self, group):
        return group_label(group)

    @admin.display(description=_("name"), ordering="name")
    def label(self, group):
        return group_label(group)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        return label_permissions(
            db_field, super().formfield_for_manytomany(db_field, request, **kwargs)
        )


admin.site.unregister(User)
admin.site.register(User, InvitingUserAdmin)
admin.site.unregister(Group)
admin.site.register(Group, TranslatedPermissionsGroupAdmin)
