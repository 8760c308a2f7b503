from django.conf import settings
from django.utils import translation


class AdminLanguageMiddleware:
    """Let the admin follow the staff member's own language.

    Public pages take their language from the URL (Thai unprefixed, English under /en/),
    so LocaleMiddleware treats every unprefixed path, /admin/ included, as Thai. Staff
    choose their admin language with the switcher (a cookie) or their browser's
    Accept-Language, as Django does for sites without language prefixes.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith("/admin/"):
            language = translation.get_language_from_request(request, check_path=False)
            if language not in dict(settings.LANGUAGES):
                language = settings.LANGUAGE_CODE
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)
