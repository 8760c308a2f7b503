import reversion
from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class StoriesConfig(AppConfig):
    name = "stories"
    verbose_name = _("Stories")

    def ready(self):
        from core.renditions import process_images_of
        from stories.models import Story, StoryPerson
        from stories.roles import ensure_role_groups

        process_images_of(Story)

        # A story's versions keep the people featured in it and its tag links; its workflow
        # history and review links are not content, and a restore leaves them as they are.
        reversion.register(StoryPerson)
        reversion.register(Story, follow=("featured_people", "tag_links"))

        # After every migrate or test flush, once permissions exist (auth's handler runs first).
        post_migrate.connect(ensure_role_groups, sender=self, dispatch_uid="stories-roles")
