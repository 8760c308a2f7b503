from csp.middleware import CSPMiddleware, PolicyParts


class SiteCSPMiddleware(CSPMiddleware):
    """The site's Content-Security-Policy, with the allowance the Django admin needs.

    Public pages allow no inline script or style at all. Django's admin and its widgets
    still set `style="…"` attributes (thumbnails, the date picker), so under /admin/ inline
    styles are allowed; scripts stay restricted to our own files everywhere.
    """

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith("/admin/") and parts.update is None:
            parts.update = {"style-src": ["'unsafe-inline'"]}
        return parts


class HeaderNulMiddleware:
    """Drop NUL characters from request headers before anything stores them.

    HTTP forbids NUL in header values, but a client may send one anyway (or a proxy may let
    it through); django-axes saves the User-Agent of a failed sign-in, and PostgreSQL
    refuses text with NUL in it, which would turn the failed sign-in into a server error.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for key, value in request.META.items():
            if key.startswith("HTTP_") and isinstance(value, str) and "\x00" in value:
                request.META[key] = value.replace("\x00", "")
        return self.get_response(request)
