import reversion
from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class StoriesConfig(AppConfig):
    name = "stories"
    verbose_name = _("Stories")

    def ready(self):
        from django.db.models.signals import pre_save

        from core.images import reencode_new_images
        from core.renditions import process_images_of
        from stories.models import Story, StoryImage, StoryPerson
        from stories.roles import ensure_role_groups

        process_images_of(Story)
        # Pictures in the text are shown as stored (at most the stored size), with no renditions.
        pre_save.connect(reencode_new_images, sender=StoryImage, dispatch_uid="images-StoryImage")

        # A story's versions keep the people featured in it, its tag links and the pictures in
        # its text; its workflow history and review links are not content, and a restore
        # leaves them as they are.
        reversion.register(StoryPerson)
        reversion.register(StoryImage)
        reversion.register(Story, follow=("featured_people", "tag_links", "body_images"))

        # After every migrate or test flush, once permissions exist (auth's handler runs first).
        post_migrate.connect(ensure_role_groups, sender=self, dispatch_uid="stories-roles")
