"""What each card in templates/includes/card/ shows, gathered in one call per card.

List pages render dozens of cards. A filter for every field of every card (each looking up the
page's language, escaping, formatting a date or a count) made the cards most of a page's cost;
here a card's texts are gathered in Python with the language looked up once. The markup stays in
the card templates, which take the same variables as before (`story`, `heading_level`, …), so
`{% include "includes/card/story.html" %}` works as it did.

A text a card may leave out is None when the object has none, so the template shows the same
elements as when it tested the fields itself.
"""

from django import template
from django.utils import timezone
from django.utils.translation import ngettext

from core.dates import date_in_words
from core.i18n import active_content_language, translated
from core.templatetags.wecitizens import inline_html, shortened_html, year_range

register = template.Library()


def choice_label(obj, field_name):
    """What `obj.get_<field_name>_display()` returns, without the hashing of every choice
    Django does there (it cost more than the rest of a card)."""
    field = obj._meta.get_field(field_name)
    value = getattr(obj, field.attname)
    return dict(field.flatchoices).get(value, value)


def optional_html(obj, field_name, language):
    """`{{ obj|tr:field_name }}`, or None when the field is empty in every language."""
    value = translated(obj, field_name, language)
    return inline_html(value) if value else None


def heading(level):
    """The level of a card's title: 3 unless the page says otherwise."""
    return str(level or 3)


@register.simple_tag
def story_card(story, heading_level=None):
    language = active_content_language()
    published_at = story.published_at and timezone.localtime(story.published_at)
    city = story.city
    return {
        "heading_level": heading(heading_level),
        "url": story.get_absolute_url(),
        "title": inline_html(translated(story, "title", language)),
        "kind": choice_label(story, "kind"),
        "city": None if city is None else inline_html(translated(city, "name", language)),
        "datetime": published_at.isoformat() if published_at else "",
        "date": date_in_words(published_at, language) if published_at else "",
        "excerpt": shortened_html(story, "excerpt", 180, language),
    }


@register.simple_tag
def city_card(city, heading_level=None):
    language = active_content_language()
    counts = None
    # Set by the list views that count them (cities.views.with_counts); other cards have none.
    project_count = getattr(city, "project_count", None)
    if project_count is not None:
        counts = {
            "projects": ngettext(
                "%(counter)s research project", "%(counter)s research projects", project_count
            )
            % {"counter": project_count},
            "stories": ngettext("%(counter)s story", "%(counter)s stories", city.story_count)
            % {"counter": city.story_count},
        }
    return {
        "heading_level": heading(heading_level),
        "url": city.get_absolute_url(),
        "name": inline_html(translated(city, "name", language)),
        "research_area": optional_html(city, "research_area", language),
        "counts": counts,
    }


@register.simple_tag
def project_card(project, heading_level=None, show_city=False):
    language = active_content_language()
    return {
        "heading_level": heading(heading_level),
        "url": project.get_absolute_url(),
        # display_title says "Research project 2, Rayong" where the project has no title.
        "title": optional_html(project, "title", language) or project.display_title,
        "city": inline_html(translated(project.city, "name", language)) if show_city else None,
        "years": year_range(project.start_year, project.end_year),
        "status": choice_label(project, "status") if project.status else None,
        "summary": shortened_html(project, "summary", 200, language),
    }


@register.simple_tag
def person_card(person, heading_level=None):
    language = active_content_language()
    honorific, name = person.name_in(language)
    return {
        "heading_level": heading(heading_level),
        "url": person.get_absolute_url(),
        "honorific": inline_html(honorific) if honorific else None,
        "name": inline_html(name),
        "role": optional_html(person, "role", language),
        "affiliation": optional_html(person, "affiliation", language),
    }
