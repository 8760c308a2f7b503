"""The cards (templates/includes/card/) write what their per-field filters used to write.

core/templatetags/cards.py gathers a card's texts in Python, in one call per card; each
test renders a card and the same markup written with the filters, and expects the same HTML.
"""

import datetime

import pytest
from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils import translation

from projects.models import ProjectStatus
from stories.models import StoryKind
from tests.factories import CityFactory, PersonFactory, ResearchProjectFactory, StoryFactory

STORY_WITH_FILTERS = """{% load i18n wecitizens %}<article class="card card--story">
  {% if story.hero_image %}{% picture story "hero_image" sizes="(min-width: 64rem) 21rem, (min-width: 40rem) calc(50vw - 2rem), calc(100vw - 4rem)" decorative=True css_class="card__image" %}{% endif %}
  <h{{ heading_level|default:3 }} class="card__title"><a href="{{ story.get_absolute_url }}">{{ story|tr:"title" }}</a></h{{ heading_level|default:3 }}>
  <p class="card__meta">
    <span class="badge">{{ story.get_kind_display }}</span>
    {% if story.city %}<span>{{ story.city|tr:"name" }}</span>{% endif %}
    {% if story.published_at %}<time datetime="{{ story.published_at|date:'c' }}">{{ story.published_at|local_date }}</time>{% endif %}
  </p>
  {% if story.excerpt_th or story.excerpt_en %}<p class="card__excerpt">{% tr_shorten story "excerpt" 180 %}</p>{% endif %}
</article>
"""  # noqa: E501

CITY_WITH_FILTERS = """{% load i18n wecitizens %}<article class="card card--city">
  <h{{ heading_level|default:3 }} class="card__title"><a href="{{ city.get_absolute_url }}">{{ city|tr:"name" }}</a></h{{ heading_level|default:3 }}>
  {% if city.research_area_th or city.research_area_en %}<p class="card__meta"><span>{{ city|tr:"research_area" }}</span></p>{% endif %}
  {% if city.project_count is not None %}<p class="card__counts"><span>
    {% blocktranslate trimmed count counter=city.project_count %}{{ counter }} research project{% plural %}{{ counter }} research projects{% endblocktranslate %}
    · {% blocktranslate trimmed count counter=city.story_count %}{{ counter }} story{% plural %}{{ counter }} stories{% endblocktranslate %}
  </span></p>{% endif %}
</article>
"""  # noqa: E501

PROJECT_WITH_FILTERS = """{% load i18n wecitizens %}<article class="card card--project">
  <h{{ heading_level|default:3 }} class="card__title"><a href="{{ project.get_absolute_url }}">{% if project.title_th or project.title_en %}{{ project|tr:"title" }}{% else %}{{ project.display_title }}{% endif %}</a></h{{ heading_level|default:3 }}>
  <p class="card__meta"><span>{% if show_city %}{{ project.city|tr:"name" }} · {% endif %}{% year_range project.start_year project.end_year %}{% if project.status %} · {{ project.get_status_display }}{% endif %}</span></p>
  {% if project.summary_th or project.summary_en %}<p class="card__excerpt">{% tr_shorten project "summary" 200 %}</p>{% endif %}
</article>
"""  # noqa: E501

PERSON_WITH_FILTERS = """{% load wecitizens %}<article class="card card--person">
  <h{{ heading_level|default:3 }} class="card__title"><a href="{{ person.get_absolute_url }}">{{ person|honorific_and_name }}</a></h{{ heading_level|default:3 }}>
  {% if person.role_th or person.role_en %}<p class="card__meta"><span>{{ person|tr:"role" }}</span></p>{% endif %}
  {% if person.affiliation_th or person.affiliation_en %}<p class="card__meta"><span>{{ person|tr:"affiliation" }}</span></p>{% endif %}
</article>
"""  # noqa: E501

LONG_THAI = "เมืองแห่งการเรียนรู้ร้อยเอ็ดเชื่อมโยงผู้คนกับงานวิจัยเพื่อพัฒนาเมือง" * 8
LONG_ENGLISH = "A learning city links people with research & <b>ideas</b> " * 8
# 20:00 UTC on New Year's Eve is already 1 January in Bangkok.
NEW_YEAR_IN_BANGKOK = datetime.datetime(2024, 12, 31, 20, 0, tzinfo=datetime.UTC)


def assert_same_card(template_name, with_filters, language, **context):
    with translation.override(language):
        card = render_to_string(template_name, context)
        expected = Template(with_filters).render(Context(context))
    assert card == expected


STORIES = {
    "both languages": {},
    "thai only": {"title_en": "", "excerpt_en": ""},
    "english only": {"title_th": "", "excerpt_th": ""},
    "long excerpts": {"excerpt_th": LONG_THAI, "excerpt_en": LONG_ENGLISH},
    "no excerpt": {"excerpt_th": "", "excerpt_en": ""},
    "blank excerpt": {"excerpt_th": "   ", "excerpt_en": ""},
    "no city": {"city": None},
    "no date": {"published_at": None},
    "date past midnight in Bangkok": {"published_at": NEW_YEAR_IN_BANGKOK},
    "another kind": {"kind": StoryKind.INTERVIEW},
}


@pytest.mark.parametrize("language", ["th", "en"])
@pytest.mark.parametrize("variant", STORIES)
def test_story_card_writes_what_the_filters_wrote(variant, language):
    story = StoryFactory.build(**STORIES[variant])

    assert_same_card(
        "includes/card/story.html", STORY_WITH_FILTERS, language, story=story, heading_level=2
    )


@pytest.mark.parametrize("language", ["th", "en"])
def test_story_card_title_is_a_level_3_heading_unless_told(language):
    story = StoryFactory.build()

    assert_same_card("includes/card/story.html", STORY_WITH_FILTERS, language, story=story)


@pytest.mark.parametrize("language", ["th", "en"])
@pytest.mark.parametrize(
    "fields",
    [{}, {"name_en": ""}, {"research_area_th": "", "research_area_en": ""}],
    ids=["both languages", "thai name only", "no research area"],
)
@pytest.mark.parametrize("counts", [None, (1, 1), (2, 0), (12, 1500)])
def test_city_card_writes_what_the_filters_wrote(fields, counts, language):
    city = CityFactory.build(**fields)
    if counts is not None:
        city.project_count, city.story_count = counts

    assert_same_card("includes/card/city.html", CITY_WITH_FILTERS, language, city=city)


@pytest.mark.parametrize("language", ["th", "en"])
@pytest.mark.parametrize(
    "fields",
    [
        {},
        {"title_th": "", "title_en": ""},
        {"title_en": "", "summary_en": ""},
        {"summary_th": LONG_THAI, "summary_en": LONG_ENGLISH},
        {"summary_th": "", "summary_en": ""},
        {"status": ""},
        {"status": ProjectStatus.UNDER_RESEARCH, "end_year": None},
        {"start_year": None, "end_year": None},
    ],
    ids=[
        "full",
        "untitled",
        "thai only",
        "long",
        "no summary",
        "no status",
        "under research",
        "no years",
    ],
)
@pytest.mark.parametrize("show_city", [True, False])
def test_project_card_writes_what_the_filters_wrote(fields, show_city, language):
    project = ResearchProjectFactory.build(**fields)

    assert_same_card(
        "includes/card/project.html",
        PROJECT_WITH_FILTERS,
        language,
        project=project,
        show_city=show_city,
    )


@pytest.mark.parametrize("language", ["th", "en"])
@pytest.mark.parametrize(
    "fields",
    [
        {},
        {"honorific_th": "", "honorific_en": ""},
        {"name_en": "", "role_en": ""},
        {"role_th": "", "role_en": "", "affiliation_th": "", "affiliation_en": ""},
    ],
    ids=["full", "no honorific", "thai only", "no role or affiliation"],
)
def test_person_card_writes_what_the_filters_wrote(fields, language):
    person = PersonFactory.build(**fields)

    assert_same_card("includes/card/person.html", PERSON_WITH_FILTERS, language, person=person)
