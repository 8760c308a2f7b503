"""The portal's autosave: a copy of the story form kept in the browser (portal-autosave.js).

The copy lives under a key naming one user and one story, so the next person to use the same
browser never sees it, and the key does not reveal who the user is: an opaque keyed hash of
the account. The server tells the browser to drop copies it no longer needs (after a save, a
submission or a logout) through a list kept in the session and rendered on the next portal
page.
"""

from django.utils.crypto import salted_hmac

CLEAR_SESSION_KEY = "portal_autosave_clear"
ALL = "*"


def autosave_key(*, user, story) -> str:
    """The browser storage key of `user`'s copy of `story` (a new one while unsaved)."""
    owner = salted_hmac("portal.autosave", str(user.pk)).hexdigest()[:20]
    return f"{owner}:story-{story.pk or 'new'}"


def autosave_version(*, story) -> str:
    """The server's version of `story` a copy is based on: changes with every save."""
    return story.updated_at.isoformat() if story.pk and story.updated_at else ""


def autosave_clear_later(*, request, keys=None) -> None:
    """Have the next portal page drop these copies from the browser (None: every copy)."""
    pending = [] if keys is None else list(request.session.get(CLEAR_SESSION_KEY, []))
    request.session[CLEAR_SESSION_KEY] = [ALL] if keys is None else [*pending, *keys]


def autosave_clear_pop(*, request) -> list:
    """The copies the browser should drop now; each list is handed out once."""
    if not hasattr(request, "session"):
        return []
    return request.session.pop(CLEAR_SESSION_KEY, [])
