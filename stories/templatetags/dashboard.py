from django import template
from django.contrib import admin

from stories.dashboard import staff_dashboard as build_staff_dashboard

register = template.Library()


@register.simple_tag(takes_context=True)
def staff_dashboard(context):
    """The panels of the admin's first screen for the user reading it (stories.dashboard)."""
    return build_staff_dashboard(context["request"], admin.site)
