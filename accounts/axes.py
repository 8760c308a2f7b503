import ipaddress
import math

from axes.helpers import get_cool_off
from django.conf import settings
from django.shortcuts import render


def client_username(request, credentials):
    """The username django-axes records, cut to fit its column and free of NUL characters.

    django-axes stores what was typed in a 255-character column; a longer name (or a NUL,
    which PostgreSQL refuses) would turn a failed sign-in into a server error.
    """
    if credentials:
        username = credentials.get("username")
    else:
        username = getattr(request, "POST", {}).get("username")
    if not isinstance(username, str):
        return username
    return username.replace("\x00", "")[:150]


def client_ip_address(request):
    """The client's address: behind AXES_IPWARE_PROXY_COUNT trusted proxies, the entry the
    outermost of them added to X-Forwarded-For, counted from the right (entries further left
    are whatever the client sent, and are ignored); without proxies, or without the header,
    the connection's own address. An entry that is not an IP address (a misconfigured proxy
    count lets the client write it) also gives the connection's address.

    Used by django-axes (AXES_CLIENT_IP_CALLABLE) and by the password-reset limits, so both
    count the same client.
    """
    proxies = settings.AXES_IPWARE_PROXY_COUNT or 0
    forwarded = [
        entry.strip()
        for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if entry.strip()
    ]
    if proxies and len(forwarded) >= proxies:
        try:
            return str(ipaddress.ip_address(forwarded[-proxies]))
        except ValueError:
            pass
    return request.META.get("REMOTE_ADDR")


def lockout_response(request, original_response=None, credentials=None):
    """The page a locked-out sign-in gets (AXES_LOCKOUT_CALLABLE): in the request's language,
    saying how long the pause lasts, status 429 with Retry-After."""
    seconds = int(get_cool_off(request).total_seconds())
    response = render(
        request,
        "accounts/lockout.html",
        {"minutes": math.ceil(seconds / 60)},
        status=429,
    )
    response["Retry-After"] = str(seconds)
    return response
