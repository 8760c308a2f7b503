from modeltranslation.translator import TranslationOptions, register

from stories.models import Story, StoryQuote


@register(Story)
class StoryTranslationOptions(TranslationOptions):
    fields = (
        "title",
        "excerpt",
        "body",
        "hero_image_alt",
        "hero_image_caption",
        "hero_image_credit",
    )


@register(StoryQuote)
class StoryQuoteTranslationOptions(TranslationOptions):
    fields = ("text", "speaker_name")
