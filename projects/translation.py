from modeltranslation.translator import TranslationOptions, register

from projects.models import Milestone, Person, ProjectMember, ResearchProject, SubProject


@register(Person)
class PersonTranslationOptions(TranslationOptions):
    fields = ("honorific", "name", "role", "affiliation", "bio", "photo_alt")


@register(ResearchProject)
class ResearchProjectTranslationOptions(TranslationOptions):
    fields = ("title", "institution", "summary", "body")


@register(ProjectMember)
class ProjectMemberTranslationOptions(TranslationOptions):
    fields = ("role",)


@register(SubProject)
class SubProjectTranslationOptions(TranslationOptions):
    fields = ("title", "summary")


@register(Milestone)
class MilestoneTranslationOptions(TranslationOptions):
    fields = ("title", "description")
