"""Keep search documents current: every change of content ends in `core.content.changed`.

What is searchable, and whose search text includes what, the content models declare
(core.content.ContentRole). Loading fixtures bypasses the signal: staff then run
`manage.py rebuild_search_index`.
"""

from django.dispatch import receiver

from core import content
from search import indexing


@receiver(content.changed, dispatch_uid="search-content")
def update_index(sender, change, objects, schema_is_current=True, **kwargs):
    role = content.content_role(sender)
    if role is None or not schema_is_current:  # a migration's model cannot be indexed
        return
    if change == content.UPDATED:
        indexing.reindex(objects)
    elif change == content.SAVED:
        index_saved(role, objects)
    elif change == content.DELETED:
        remove_deleted(role, objects)


def index_saved(role, instance):
    if role.search_text_of:
        indexing.index_object(getattr(instance, role.search_text_of))
    elif role.search_kind:
        indexing.index_object(instance)
        for relation in role.search_dependents:
            indexing.reindex(getattr(instance, relation).all())


def remove_deleted(role, instance):
    if role.search_text_of:
        # Read afresh: it may be the deletion that removes this object.
        field = type(instance)._meta.get_field(role.search_text_of)
        related = field.related_model.objects.filter(pk=getattr(instance, field.attname)).first()
        if related is not None:
            indexing.index_object(related)
    elif role.search_kind:
        indexing.remove_object(instance)
