"""Old addresses keep working: a changed slug leaves a permanent redirect behind.

Django's own `django.contrib.redirects` stores whole paths per site, so every Thai address and
its `/en/` twin would need a row each and staff would have to remember both. `SlugRedirect`
stores the path once, without the language prefix, and the middleware answers both languages.
"""

from django.conf import settings
from django.db.models.signals import pre_save
from django.http import HttpResponsePermanentRedirect
from django.utils import translation

from cities.models import City
from projects.models import Person, ResearchProject
from stories.models import Story

SLUGGED_MODELS = (City, Person, ResearchProject, Story)


def normalize_path(path):
    """'/en/stories/x' → '/stories/x/': no language prefix, no host, one leading/trailing slash."""
    path = path.strip()
    if "://" in path:
        path = "/" + path.split("://", 1)[1].partition("/")[2]
    path = path.split("?", 1)[0].split("#", 1)[0]
    path = "/" + path.strip("/") + "/" if path.strip("/") else "/"
    for code, _name in settings.LANGUAGES:
        if path.startswith(f"/{code}/"):
            path = path[len(code) + 1 :]
            break
    return path


def is_storable(path):
    """A path that can be looked up: PostgreSQL refuses NUL characters, the column is 300."""
    return len(path) <= 300 and "\x00" not in path


def unprefixed_url(obj):
    with translation.override(settings.LANGUAGE_CODE):
        return obj.get_absolute_url()


def remember_old_slug(sender, instance, **kwargs):
    """Before a slug change is saved, point the old address (and older ones) at the new one.

    Raw saves count too: restoring an old version from the history is one, and may bring
    back an old slug. (Loading a backup is one as well, into an empty table: nothing to do.)
    """
    from safeguards.models import SlugRedirect

    if instance.pk is None:
        return
    old_slug = sender.objects.filter(pk=instance.pk).values_list("slug", flat=True).first()
    if not old_slug or old_slug == instance.slug:
        return
    new_path = unprefixed_url(instance)
    old_path = unprefixed_url(sender(pk=instance.pk, slug=old_slug))
    SlugRedirect.objects.filter(new_path=old_path).update(new_path=new_path)
    SlugRedirect.objects.filter(old_path=new_path).delete()  # the new slug is live again
    SlugRedirect.objects.update_or_create(
        old_path=old_path, defaults={"new_path": new_path, "is_automatic": True}
    )


def connect_signals():
    for model in SLUGGED_MODELS:
        pre_save.connect(remember_old_slug, sender=model, dispatch_uid=f"slug-redirect-{model}")


class SlugRedirectMiddleware:
    """Turn a 404 for a remembered old address into a 301 to its new one, in the same language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or not is_storable(request.path_info):
            return response
        from safeguards.models import SlugRedirect

        prefix = ""
        for code, _name in settings.LANGUAGES:
            if code != settings.LANGUAGE_CODE and request.path_info.startswith(f"/{code}/"):
                prefix = f"/{code}"
        path = normalize_path(request.path_info)
        target = SlugRedirect.objects.filter(old_path=path).values_list("new_path", flat=True)
        target = target.first()
        if target is None:
            return response
        location = prefix + target
        if request.META.get("QUERY_STRING"):
            location += "?" + request.META["QUERY_STRING"]
        return HttpResponsePermanentRedirect(location)
