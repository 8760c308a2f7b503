"""Old addresses keep working: a changed slug leaves a permanent redirect behind.

Django's own `django.contrib.redirects` stores whole paths per site, so every Thai address and
its `/en/` twin would need a row each and staff would have to remember both. `SlugRedirect`
stores the path once, without the language prefix, and the middleware answers both languages.
"""

from django.conf import settings
from django.http import HttpResponsePermanentRedirect

from redirects.models import SlugRedirect
from redirects.paths import is_storable, normalize_path


class SlugRedirectMiddleware:
    """Turn a 404 for a remembered old address into a 301 to its new one, in the same language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or not is_storable(request.path_info):
            return response
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
