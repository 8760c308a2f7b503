import reversion
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TagsConfig(AppConfig):
    name = "tags"
    verbose_name = _("Tags")

    def ready(self):
        from tags.models import TaggedItem

        # Followed by the histories of tagged models (TagLinksMixin.tag_links).
        reversion.register(TaggedItem)
