from django.db.models.signals import pre_save

from core.content import content_models
from redirects.models import SlugRedirect
from redirects.paths import unprefixed_url


def remember_old_slug(sender, instance, **kwargs):
    """Before a slug change is saved, point the old address (and older ones) at the new one.

    Raw saves count too: restoring an old version from the history is one, and may bring
    back an old slug. (Loading a backup is one as well, into an empty table: nothing to do.)
    """
    if instance.pk is None:
        return
    old_slug = sender.objects.filter(pk=instance.pk).values_list("slug", flat=True).first()
    if not old_slug or old_slug == instance.slug:
        return
    new_path = unprefixed_url(instance)
    old_path = unprefixed_url(sender(pk=instance.pk, slug=old_slug))
    SlugRedirect.objects.filter(new_path=old_path).update(new_path=new_path)
    SlugRedirect.objects.filter(old_path=new_path).delete()  # the new slug is live again
    SlugRedirect.objects.update_or_create(
        old_path=old_path, defaults={"new_path": new_path, "is_automatic": True}
    )


def connect():
    for model in content_models(redirects_old_slugs=True):
        pre_save.connect(remember_old_slug, sender=model, dispatch_uid=f"slug-redirect-{model}")
