"""What counts as public content, and the one signal that says some of it changed.

A model is content when it declares so next to its fields, with a class attribute:

    class Story(models.Model):
        content_role = ContentRole(
            search_kind="story",
            search_fields=SearchFields(title=("title",), excerpt=("excerpt",), body=("body",)),
            taggable=True,
            scheduled=True,
        )

Whatever readers see (the page cache, the search index) reads these declarations; no
infrastructure app lists another app's models.

Every change of content ends in `changed`, one signal the infrastructure subscribes to. ORM
writes reach it on their own: saves, deletes (also cascaded ones and `QuerySet.delete()`, which
never call `Model.delete()`) and many-to-many links, through Django's model signals. Writes
that bypass those signals (`QuerySet.update()`) call `content_changed()`.
Loading fixtures (`raw` saves) changes nothing; staff rebuild the index after it.

Content's text is stored normalised (`core.thai.normalize_text`): every save of a content model,
raw ones included, normalises its text fields, in both languages, first. `QuerySet.update()`
and `bulk_create()` store what they are given.
"""

from dataclasses import dataclass

from django.apps import apps
from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import Signal

from core.thai import normalize_text

# Sent with sender=the content model and:
#   change: SAVED, DELETED, LINKED (a many-to-many link) or UPDATED (a bulk update);
#   objects: the instance, or for UPDATED the queryset of what was updated;
#   schema_is_current: False when a migration wrote it (its tables may be incomplete).
changed = Signal()

SAVED, DELETED, LINKED, UPDATED = "saved", "deleted", "linked", "updated"


@dataclass(frozen=True)
class SearchFields:
    """The translated fields readers find a model's objects by, from the most telling.

    A field is named as the model names it (`title`, for `title_th` and `title_en`), or through
    a many-to-many relation, like `programmes__name`: the names of its programmes, in their
    order. A result is titled with its first `title` field in the page language, unless its
    model has a `search_title(language)` method, returning the title and its language.
    """

    title: tuple
    excerpt: tuple = ()
    body: tuple = ()
    # Those of its fields that hold HTML: their text is indexed without the markup.
    html: tuple = ()
    # The fields holding names readers may type in Latin letters (a city's research area, for
    # Hat Yai); its `title` fields when empty.
    names: tuple = ()
    # Relations its search documents read besides their fields (its title, whether it is
    # public), selected with it when many are indexed.
    select_related: tuple = ()

    def relations(self):
        """The many-to-many relations its fields are read through."""
        paths = (*self.title, *self.excerpt, *self.body)
        return tuple(dict.fromkeys(path.split("__")[0] for path in paths if "__" in path))


@dataclass(frozen=True)
class ContentRole:
    """How a content model takes part in what readers see."""

    # Its kind of search result (search.models.ResultKind), if readers can search for it.
    search_kind: str = ""
    # What of it readers search, if they can.
    search_fields: SearchFields | None = None
    # A relation whose search text includes this object's (a city is found by its programmes).
    search_text_of: str = ""
    # Relations whose search text includes this object's (a city's name shows in its stories).
    search_dependents: tuple = ()
    # It has tags (`tags`), and a tag is public while a published one of these has it.
    taggable: bool = False
    # It may be published for later: `objects.scheduled(after=moment)` are the published ones
    # that appear after `moment`, at their `published_at`, without any save; until then it
    # `is_public_when_due`, not yet `is_public`.
    scheduled: bool = False
    # The image field its page is shared with (cropped to a share image), if any.
    share_image: str = ""
    # Its address holds its `slug`: a changed slug leaves a permanent redirect from the old one.
    redirects_old_slugs: bool = False


def content_role(model):
    """The model's ContentRole, or None if it is not content.

    A model as a migration sees it has no class attributes: its declaration is the current
    model's.
    """
    role = getattr(model, "content_role", None)
    if role is None and is_historical(model):
        try:
            role = getattr(apps.get_model(model._meta.label), "content_role", None)
        except LookupError:  # a model since deleted
            return None
    return role if isinstance(role, ContentRole) else None


def is_historical(model):
    """A model as a migration sees it."""
    return model.__module__ == "__fake__"


def content_models(**role_attributes):
    """The content models, optionally only those whose role has these attribute values."""
    return [
        model
        for model in apps.get_models()
        if (role := content_role(model)) is not None
        and all(getattr(role, name) == value for name, value in role_attributes.items())
    ]


def content_changed(objects):
    """Tell everything that shows content that `objects` (an instance, or a queryset after a
    bulk `update()`) changed outside save(): the page cache, the search index."""
    if hasattr(objects, "query"):
        _send(objects.model, objects, UPDATED)
    else:
        _send(type(objects), objects, SAVED)


def _send(model, objects, change):
    changed.send(
        sender=model,
        change=change,
        objects=objects,
        schema_is_current=not is_historical(model),
    )


def _normalize_text_fields(sender, instance, **kwargs):
    """Store the instance's text normalised: every CharField and TextField, rich text included.

    Reads and writes the stored values themselves, not modeltranslation's `title` that stands
    for the page language's `title_th` or `title_en`.
    """
    if content_role(sender) is None:
        return
    for field in sender._meta.concrete_fields:
        if isinstance(field, (models.CharField, models.TextField)):
            value = instance.__dict__.get(field.attname)
            if isinstance(value, str):
                instance.__dict__[field.attname] = normalize_text(value)


def _saved(sender, instance, raw=False, **kwargs):
    if not raw and content_role(sender) is not None:
        _send(sender, instance, SAVED)


def _deleted(sender, instance, **kwargs):
    if content_role(sender) is not None:
        _send(sender, instance, DELETED)


def _linked(sender, instance, action, model, **kwargs):
    """A link added, removed or cleared (`sender` is the through model, `model` the other
    side's, `instance` the object on this side)."""
    if not action.startswith("post_"):
        return
    for side in (sender, model, type(instance)):
        if content_role(side) is not None:
            _send(side, instance, LINKED)
            return


def connect_model_signals():
    pre_save.connect(_normalize_text_fields, dispatch_uid="content-text-normalised")
    post_save.connect(_saved, dispatch_uid="content-saved")
    post_delete.connect(_deleted, dispatch_uid="content-deleted")
    m2m_changed.connect(_linked, dispatch_uid="content-linked")
