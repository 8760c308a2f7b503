from modeltranslation.translator import TranslationOptions, register

from about.models import AboutPage


@register(AboutPage)
class AboutPageTranslationOptions(TranslationOptions):
    fields = ("introduction", "owner", "contribute")
