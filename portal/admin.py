"""The user admin, with each person's language, and an invitation when staff add someone."""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from portal.services import user_invite
from wecitizens.models import UserProfile

User = get_user_model()


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


class UserProfileInline(admin.StackedInline):
    model = UserProfile
    can_delete = False
    extra = 1
    max_num = 1


class InvitingUserAdmin(UserAdmin):
    """Adding a user sends them a link to set their password, in their language."""

    add_form = InviteForm
    add_fieldsets = ((None, {"classes": ("wide",), "fields": InviteForm.Meta.fields}),)
    inlines = [*UserAdmin.inlines, UserProfileInline]

    def get_readonly_fields(self, request, obj=None):
        # Programme staff may invite and edit accounts, but not hand out superuser rights.
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            readonly += ["is_superuser", "user_permissions"]
        return readonly

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


admin.site.unregister(User)
admin.site.register(User, InvitingUserAdmin)
