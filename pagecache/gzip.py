from django.middleware.gzip import GZipMiddleware

from pagecache.requests import used_csrf


class SafeGZipMiddleware(GZipMiddleware):
    """Compress HTML only when it holds no secret, so BREACH has nothing to guess.

    BREACH recovers a secret reflected in a compressed body (a CSRF token, personal data)
    from the sizes of many responses. Pages for signed-in users and pages that used a CSRF
    token are sent uncompressed; anonymous public pages hold only public text. (Django also
    pads every gzip response with random bytes since 4.2, a second line of defence.)
    """

    def process_response(self, request, response):
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or used_csrf(request):
            return response
        return super().process_response(request, response)
