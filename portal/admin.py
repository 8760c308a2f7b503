"""The user and group admin, with each person's language, an invitation when staff add
someone, and permissions named in the reader's language."""

from django import forms
from django.apps import apps
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.forms import (
    AdminPasswordChangeForm,
    SetUnusablePasswordMixin,
    UserChangeForm,
)
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path
from django.utils.text import format_lazy
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from accounts.models import UserProfile
from core.admin import ObjectNameAdminMixin
from core.forms import DisplayColumnsAdminMixin, EraFieldsAdminMixin
from portal.services import invitation_pending, user_invite, user_role_set
from stories.roles import ROLE_GROUPS, STAFF_GROUP, Role, group_label, is_staff_account, user_role

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


ROLE_HELP = _(
    "Researchers write stories in the portal. Programme staff work in this administration "
    "site: choosing it gives the Programme staff group and admin access together, and "
    "choosing another role takes both away."
)


def role_field(*, with_staff, required):
    """The role an account is given in one step (portal.services.user_role_set)."""
    choices = [(Role.RESEARCHER.value, Role.RESEARCHER.label)]
    if with_staff:
        choices.append((Role.PROGRAMME_STAFF.value, Role.PROGRAMME_STAFF.label))
    if not required:
        choices.insert(0, ("", _("No role")))
    return forms.ChoiceField(
        label=_("role"), choices=choices, required=required, help_text=ROLE_HELP
    )


class InviteForm(forms.ModelForm):
    """A new account without a password: the invited person chooses it from the email."""

    role = role_field(with_staff=False, required=True)  # the admin sets the choices per user

    class Meta:
        model = User
        fields = ("username", "email", "first_name", "last_name", "role")

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


class RoleChangeForm(UserChangeForm):
    role = role_field(with_staff=False, required=False)  # the admin sets the choices per user


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
    """Adding a user gives them a role and sends them a link to set their password, in their
    language; staff may send a new link while the person has not chosen a password yet."""

    READ_ONLY_SHOWN = {"groups": groups_shown, "user_permissions": user_permissions_shown}

    list_display = (*UserAdmin.list_display, "role_label", "password_chosen")
    list_filter = ("is_staff", "is_superuser", "is_active", ("groups", GroupListFilter))

    add_form = InviteForm
    change_password_form = PasswordChangeForm
    add_fieldsets = ((None, {"classes": ("wide",), "fields": InviteForm.Meta.fields}),)
    form = RoleChangeForm
    fieldsets = (
        *UserAdmin.fieldsets[:2],
        (
            UserAdmin.fieldsets[2][0],
            {
                "fields": (
                    "role",
                    "is_active",
                    "is_staff",
                    "is_superuser",
                    "groups",
                    "user_permissions",
                )
            },
        ),
        *UserAdmin.fieldsets[3:],
    )
    inlines = [*UserAdmin.inlines, UserProfileInline]
    actions = ["invitation_resend"]
    change_form_template = "admin/auth/user/invitation_change_form.html"

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
        changeable = self.credentials_changeable(request, obj)
        if not changeable:
            form.base_fields.pop("password", None)  # declared on the form, so always there
        if "role" in form.base_fields:
            role = user_role(obj) if obj is not None else Role.RESEARCHER.value
            # Only superusers make someone programme staff (or see a colleague's role).
            field = role_field(
                with_staff=request.user.is_superuser or not changeable, required=obj is None
            )
            field.initial, field.disabled = role, not changeable
            form.base_fields["role"] = field
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
        users = super().get_queryset(request).prefetch_related("groups")
        return users if request.user.is_superuser else users.filter(is_superuser=False)

    @admin.display(description=_("role"))
    def role_label(self, user):
        names = {group.name for group in user.groups.all()}  # prefetched
        for role, group in ROLE_GROUPS.items():
            if group in names:
                return role.label
        return "–"

    @admin.display(description=_("password chosen"), boolean=True)
    def password_chosen(self, user):
        return user.has_usable_password()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if "role" in form.changed_data or not change:
            user_role_set(user=form.instance, role=form.cleaned_data["role"])
        if not change and user_invite(user=form.instance):
            self.message_user(
                request,
                _("An invitation to set a password was sent to %(email)s.")
                % {"email": form.instance.email},
                messages.SUCCESS,
            )

    def invitation_resendable(self, request, user):
        """Whether `request.user` may send `user` a new invitation: they may add users, may
        change this account's credentials, and the person has not chosen a password yet."""
        return (
            self.has_add_permission(request)
            and self.credentials_changeable(request, user)
            and invitation_pending(user)
        )

    @admin.action(description=_("Send a new invitation"), permissions=["add"])
    def invitation_resend(self, request, queryset):
        sent = skipped = 0
        for user in queryset:
            if self.invitation_resendable(request, user) and user_invite(user=user, renew=True):
                sent += 1
            else:
                skipped += 1
        if sent:
            self.message_user(
                request,
                ngettext(
                    "A new invitation was sent to %(count)d person; earlier links no longer work.",
                    "New invitations were sent to %(count)d people; earlier links no longer work.",
                    sent,
                )
                % {"count": sent},
                messages.SUCCESS,
            )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d account was skipped: it already has a password, is inactive, "
                    "has no email address or is not yours to change.",
                    "%(count)d accounts were skipped: they already have a password, are "
                    "inactive, have no email address or are not yours to change.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )

    def get_urls(self):
        return [
            path(
                "<path:object_id>/invitation/",
                self.admin_site.admin_view(require_POST(self.invitation_resend_view)),
                name="auth_user_invitation",
            ),
            *super().get_urls(),
        ]

    def invitation_resend_view(self, request, object_id):
        """The change form's "Send a new invitation" button."""
        user = self.get_object(request, unquote(object_id))
        if user is None:
            raise Http404(_("No such account."))
        if not (self.has_add_permission(request) and self.credentials_changeable(request, user)):
            raise PermissionDenied
        if not invitation_pending(user):
            self.message_user(
                request,
                _(
                    "No invitation was sent: this person has already chosen a password, or the "
                    "account is inactive or has no email address."
                ),
                messages.WARNING,
            )
        elif user_invite(user=user, renew=True):
            self.message_user(
                request,
                _("A new invitation was sent to %(email)s; earlier links no longer work.")
                % {"email": user.email},
                messages.SUCCESS,
            )
        return redirect("admin:auth_user_change", user.pk)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        user = self.get_object(request, unquote(object_id))
        extra_context = {
            **(extra_context or {}),
            "invitation_resendable": user is not None and self.invitation_resendable(request, user),
        }
        return super().change_view(request, object_id, form_url, extra_context)


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
