import reversion
from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class StoriesConfig(AppConfig):
    name = "stories"
    verbose_name = _("Stories")

    def ready(self):
        from django.db.models.signals import post_delete, post_save, pre_save

        from core.images import reencode_new_images
        from core.renditions import process_images_of
        from stories.models import Story, StoryImage, StoryPerson, StoryQuote
        from stories.quote_cards import refresh_quote_cards_after_commit
        from stories.roles import ensure_role_groups

        process_images_of(Story)
        # Pictures in the text are shown as stored (at most the stored size), with no renditions.
        pre_save.connect(reencode_new_images, sender=StoryImage, dispatch_uid="images-StoryImage")

        # A story's versions keep the people featured in it, its quotes, its tag links and the
        # pictures in its text; its workflow history and review links are not content, and a
        # restore leaves them as they are.
        reversion.register(StoryPerson)
        reversion.register(StoryQuote)
        reversion.register(StoryImage)
        reversion.register(Story, follow=("featured_people", "tag_links", "quotes", "body_images"))

        # A quote's cards show its text and whether its speaker may be named (the consent
        # recorded with the people featured): any of these saves may change a card.
        for model in (Story, StoryQuote, StoryPerson):
            for signal in (post_save, post_delete):
                signal.connect(
                    refresh_quote_cards_after_commit,
                    sender=model,
                    dispatch_uid=f"quote-cards-{signal is post_save}-{model.__name__}",
                )

        # After every migrate or test flush, once permissions exist (auth's handler runs first).
        post_migrate.connect(ensure_role_groups, sender=self, dispatch_uid="stories-roles")
