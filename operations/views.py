import mimetypes
import sys
import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import Http404, HttpResponse, JsonResponse
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.static import serve

# Uploads are re-encoded to one of these (core.images); nothing else is ever served.
MEDIA_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
}


@never_cache
def healthz(request):
    """200 when the database answers and the cache stores and returns a value, else 503."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = "ok"
    except DatabaseError:
        checks["database"] = "unavailable"
    try:
        key = f"healthz:{uuid.uuid4().hex}"
        cache.set(key, "ok", 10)
        checks["cache"] = "ok" if cache.get(key) == "ok" else "unavailable"
        cache.delete(key)
    except Exception:
        checks["cache"] = "unavailable"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", **checks}, status=200 if healthy else 503
    )


def server_error(request):
    """The 500 handler; a database that is down gets a friendly 503 with Retry-After instead.

    It renders without the database (no request context, no session, no user).
    """
    exception = sys.exc_info()[1]
    if isinstance(exception, DatabaseError):
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
        return response
    return HttpResponse(loader.render_to_string("500.html"), status=500)


# No file system we store on has longer names or paths (Linux: NAME_MAX and PATH_MAX).
MAX_MEDIA_NAME_BYTES = 255
MAX_MEDIA_PATH_BYTES = 4096


def is_possible_media_path(path):
    """True when `path` (relative to MEDIA_ROOT) could name a file we stored: normalised (no
    empty, '.' or '..' components, no backslash), no NUL or other control character, valid
    UTF-8, and no name or path longer than the file system allows. Anything else is a 404
    before the file system is asked, which would otherwise fail with a server error."""
    if not path or "\\" in path or any(ord(character) < 32 for character in path):
        return False
    try:
        encoded = path.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        return False
    parts = path.split("/")
    return (
        len(encoded) <= MAX_MEDIA_PATH_BYTES
        and all(part not in ("", ".", "..") for part in parts)
        and all(len(part.encode("utf-8")) <= MAX_MEDIA_NAME_BYTES for part in parts)
    )


def media(request, path):
    """Serve an upload only as the image it is, never as something a browser would run.

    A path no stored file can have is a 404, quietly: it is a client's mistake, not ours.
    """
    content_type = MEDIA_TYPES.get(PurePosixPath(path).suffix.lower())
    if content_type is None or not is_possible_media_path(path):
        raise Http404
    try:
        response = serve(request, path, document_root=settings.MEDIA_ROOT)
    except (OSError, ValueError) as error:  # what the file system still refuses
        raise Http404 from error
    response["Content-Type"] = content_type
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Content-Disposition"] = "inline"
    return response


mimetypes.add_type("image/webp", ".webp")
