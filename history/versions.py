"""Content history with django-reversion: every save of a content object keeps a version.

A version is the object serialized with all its concrete fields, so both languages of every
translated field (`name_th`, `name_en`) are kept, together with the rows an editor changes on
the same form (a story's featured people, a project's sub-projects and team) and the tag links.
Each content model says what its versions follow where it is defined:
`@reversion.register(follow=...)` in its app's models.py.
"""

import contextvars
import datetime

import reversion
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from reversion import revisions

from core.dates import format_date, is_year_field, screen_language, shown_year


def version_before_delete(*, objects, user=None):
    """Save a version of each object about to be deleted, so staff can recover it.

    The revision is saved at once, in a revision context of its own: inside the request's
    revision (RevisionMiddleware) it would be saved only at the end of the request, and
    reversion drops versions of objects that no longer exist by then.
    """

    def save():
        revisions._stack.set([])  # reversion keeps nested revisions on this stack
        with reversion.create_revision():
            if user is not None and user.is_authenticated:
                reversion.set_user(user)
            reversion.set_comment(gettext("Deleted."))
            for obj in objects:
                reversion.add_to_revision(obj)

    contextvars.copy_context().run(save)


def version_differences(older, newer):
    """[(field label, older value, newer value)] for the fields two versions disagree on."""
    model = older._model
    rows = []
    for field in model._meta.concrete_fields:
        if field.primary_key or field.name in ("created_at", "updated_at"):
            continue
        before = older.field_dict.get(field.attname)
        after = newer.field_dict.get(field.attname)
        if before != after:
            rows.append(
                (str(field.verbose_name), shown_value(field, before), shown_value(field, after))
            )
    return rows


def shown_value(field, value):
    """A stored value as the compare view shows it: dates and years in the screen's era."""
    if value is None:
        return value
    language = screen_language()
    if isinstance(field, models.DateTimeField) and isinstance(value, datetime.datetime):
        return format_date(timezone.localtime(value), "DATETIME_FORMAT", language)
    if isinstance(field, models.DateField) and isinstance(value, datetime.date):
        return format_date(value, "DATE_FORMAT", language)
    if is_year_field(field) and isinstance(value, int):
        return shown_year(value, language)
    return value
