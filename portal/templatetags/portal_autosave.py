from django import template

from portal.autosave import autosave_clear_pop

register = template.Library()


@register.simple_tag(takes_context=True)
def autosave_clear(context):
    """Space-separated autosave keys the browser should drop ("*": all of them)."""
    request = context.get("request")
    return " ".join(autosave_clear_pop(request=request)) if request is not None else ""
