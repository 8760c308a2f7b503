from modeltranslation.translator import TranslationOptions, register

from cities.models import City, CityLink, Programme


@register(Programme)
class ProgrammeTranslationOptions(TranslationOptions):
    fields = ("name", "short_name", "description", "funder", "partners", "contact_text")


@register(City)
class CityTranslationOptions(TranslationOptions):
    fields = ("name", "province", "research_area", "summary", "body", "hero_image_alt")


@register(CityLink)
class CityLinkTranslationOptions(TranslationOptions):
    fields = ("platform",)
