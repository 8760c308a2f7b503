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
