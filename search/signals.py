"""Keep search documents current when content is saved or deleted through the ORM.

Bulk paths (`QuerySet.update`, `bulk_create`, `loaddata`) bypass these signals: the code that
uses them calls `indexing.reindex`, or staff run `manage.py rebuild_search_index`.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from search import indexing


def _is_membership(sender):
    from cities.models import ProgrammeMembership

    return sender is ProgrammeMembership


@receiver(post_save)
def index_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    if _is_membership(sender):
        # A city is found by its programmes' names.
        indexing.index_object(instance.city)
        return
    kind = indexing.kind_of(sender)
    if kind is None:
        return
    indexing.index_object(instance)
    if kind == indexing.ResultKind.CITY:
        indexing.reindex_city_content(instance)


@receiver(post_delete)
def remove_deleted(sender, instance, **kwargs):
    if _is_membership(sender):
        city = type(instance).city.field.related_model.objects.filter(pk=instance.city_id).first()
        if city is not None:
            indexing.index_object(city)
        return
    if indexing.kind_of(sender) is not None:
        indexing.remove_object(instance)
