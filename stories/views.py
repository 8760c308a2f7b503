from django.db.models import Max, Min
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView

import search.query
from cities.models import CITY_LINK_FIELDS, City, Region
from core.views import BoundedPaginationMixin, PublishedObjectMixin, first_rows
from projects.models import PERSON_LINK_FIELDS, Person, ResearchProject
from projects.views import ProjectListPage
from stories.filters import StoryFilter
from stories.models import Story, StoryKind, StoryPerson
from stories.quote_cards import CARD_SIZES, quote_card_url
from tags.models import Tag

# The story list offers a <select> of cities or people only while it stays short; beyond,
# a city's page and a person's page link to their stories.
FILTER_CITIES_MAX = 100
FILTER_PEOPLE_MAX = 50


class StoryListView(BoundedPaginationMixin, ListView):
    """Published stories, newest first, narrowed by the filters in the URL (see StoryFilter)."""

    template_name = "stories/story_list.html"
    context_object_name = "stories"
    paginate_by = 12

    def get_queryset(self):
        stories = Story.objects.published().for_cards()
        # Most requests filter nothing (`?page=3` at most): then the filter set is left unbound
        # and builds no form to validate (a millisecond saved per request).
        filtering = any(name in self.request.GET for name in StoryFilter.base_filters)
        self.filterset = StoryFilter(
            self.request.GET if filtering else None, queryset=stories, request=self.request
        )
        # Invalid values are dropped by the filter set, not answered with an empty list.
        return self.filterset.qs.newest_first()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        published = Story.objects.published()
        active = self.filterset.active
        # The <option>s show a name and link by slug: nothing else is read.
        cities = few_or_none(
            City.objects.published().only(*CITY_LINK_FIELDS).order_by_name(),
            FILTER_CITIES_MAX,
        )
        people = few_or_none(
            featured_people(published).only(*PERSON_LINK_FIELDS).order_by_name(),
            FILTER_PEOPLE_MAX,
        )
        context.update(
            filters=active,
            filter_cities=cities,
            regions=Region.choices,
            kinds=StoryKind.choices,
            years=story_years(),
            filter_people=people,
            # A filter given in the URL but not among the choices is shown as a removable chip.
            city_chip=active.get("city") not in [None, *cities],
            person_chip=active.get("person") not in [None, *people],
            is_filtered=bool(active),
            # `?q=` narrows the list to the first MAX_COUNT stories the search finds.
            search_is_capped=bool(active.get("q"))
            and context["paginator"].count >= search.query.MAX_COUNT,
        )
        return context


def newest_first(story):
    """A sort key (with reverse=True) for stories.models.NEWEST_FIRST: the newest dated
    stories first, then those without a date; the newest id first among equals."""
    return (story.published_at is not None, story.published_at or 0, story.pk)


def few_or_none(queryset, most):
    """The rows of `queryset` if there are at most `most` of them, else []: a <select> of
    hundreds of options helps no reader, and reading them all would grow with the site."""
    rows, has_more = first_rows(queryset, most)
    return [] if has_more else rows


def featured_people(stories):
    """The people shown with `stories`, at most FILTER_PEOPLE_MAX + 1 of them.

    The limit is inside the subquery, so the database stops as soon as there are too many.
    """
    person_ids = (
        StoryPerson.objects.public()
        .filter(story__in=stories)
        .order_by()
        .values("person")
        .distinct()[: FILTER_PEOPLE_MAX + 1]
    )
    return Person.objects.filter(pk__in=person_ids)


def story_years():
    """The years from the newest published story back to the oldest, newest first.

    MIN and MAX of one table read the two ends of the (status, published_at) index, however
    many stories there are. Unlike `published()` this does not check that the story's city is
    published (a join would read every story): at worst a year at either end lists nothing,
    as a year between two others without stories does.
    """
    span = Story.objects.published_ignoring_city().aggregate(
        first=Min("published_at"), last=Max("published_at")
    )
    if span["first"] is None:
        return []
    first, last = (timezone.localtime(span[end]).year for end in ("first", "last"))
    return list(range(last, first - 1, -1))


class StoryDetailView(PublishedObjectMixin, DetailView):
    template_name = "stories/story_detail.html"
    context_object_name = "story"
    queryset = Story.objects.select_related("city").with_public_people().prefetch_related("tags")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        story = self.object
        context.update(
            story_page_context(
                story,
                projects=story.projects.published(),
                featured_people=story.public_people,
                related_stories=self.related_stories(story),
            )
        )
        return context

    def related_stories(self, story, limit=3):
        """Other stories from the same city or sharing a tag, newest first.

        The newest few of each kind are picked apart, each along an index, then merged here:
        one query with an OR across both joins had to gather every match first (0.3 s at
        100,000 stories).
        """
        others = Story.objects.published().exclude(pk=story.pk).for_cards().newest_first()
        candidates = []
        if story.city_id:
            candidates += others.filter(city_id=story.city_id)[:limit]
        tag_ids = [tag.pk for tag in story.tags.all()]
        if tag_ids:
            candidates += others.filter(tags__in=tag_ids)[:limit]
        unique = {other.pk: other for other in candidates}
        return sorted(unique.values(), key=newest_first, reverse=True)[:limit]

    def object_is_public(self, story):
        return story.is_public


def story_page_context(story, *, projects, featured_people, related_stories=None):
    """What stories/story_detail.html shows besides the story: the public page, and the
    portal's previews of a story not yet public (which name other `projects` and people)."""
    return {
        "story": story,
        "projects": projects.for_cards(),
        "featured_people": featured_people,
        "related_stories": related_stories or [],
        "quotes": quotes_shown(story),
    }


def quotes_shown(story):
    """The story's pull quotes as readers see them: each with its number (its page's URL)
    and the speaker's name, "" for a featured person who may not appear with the story.
    The story is set on each quote, so their URLs need no query."""
    public_people = story.public_people
    quotes = list(story.quotes.select_related("speaker"))
    for number, quote in enumerate(quotes, start=1):
        quote.number = number
        quote.story = story
        quote.speaker_public = quote.speaker_shown(public_people)
    return quotes


class StoryQuoteView(PublishedObjectMixin, DetailView):
    """One pull quote of a story on a page of its own, shared with the quote's card: the
    wide card is the page's Open Graph picture, the square one is offered to download."""

    template_name = "stories/story_quote.html"
    context_object_name = "story"
    queryset = Story.objects.select_related("city").with_public_people()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        story = self.object
        quotes = quotes_shown(story)
        number = self.kwargs["number"]
        if not 1 <= number <= len(quotes):
            raise Http404(_("This story has no quote with that number."))
        quote = quotes[number - 1]
        public_people = story.public_people
        wide = CARD_SIZES["wide"]
        context.update(
            quote=quote,
            square_card_url=quote_card_url(quote, "square", public_people=public_people),
            share_card={
                "url": quote_card_url(quote, "wide", public_people=public_people),
                "width": wide[0],
                "height": wide[1],
                "alt": quote_card_alt(quote),
            },
        )
        # Not the story's page: seo_head would describe it as the story itself.
        del context["object"]
        return context

    def object_is_public(self, story):
        return story.is_public


def quote_card_alt(quote):
    """What a quote's card shows, in words, for readers who cannot see it."""
    if quote.speaker_public:
        return _("“%(text)s” — %(speaker)s") % {
            "text": quote.text,
            "speaker": quote.speaker_public,
        }
    return _("“%(text)s”") % {"text": quote.text}


PROJECTS_ON_TAG_PAGE = 6


def projects_tagged(tag):
    """Published research projects with `tag`, the most recent first."""
    return (
        ResearchProject.objects.published().filter(tags=tag).select_related("city").newest_first()
    )


class TagDetailView(BoundedPaginationMixin, ListView):
    """A tag's stories, paged, and its most recent research projects (the rest on their own
    paged list: a popular tag can have more than a thousand)."""

    template_name = "stories/tag_detail.html"
    context_object_name = "stories"
    paginate_by = 12

    def get_queryset(self):
        self.tag = get_object_or_404(Tag.objects.public(), slug=self.kwargs["slug"])
        return Story.objects.published().filter(tags=self.tag).for_cards().newest_first()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        projects, has_more_projects = first_rows(projects_tagged(self.tag), PROJECTS_ON_TAG_PAGE)
        context.update(tag=self.tag, projects=projects, has_more_projects=has_more_projects)
        return context


class TagProjectListView(ProjectListPage):
    def get_queryset(self):
        self.tag = get_object_or_404(Tag.objects.public(), slug=self.kwargs["slug"])
        return projects_tagged(self.tag)

    def page_header(self):
        return {
            "heading": _("Research projects tagged %(tag)s") % {"tag": self.tag.name},
            "back_url": self.tag.get_absolute_url(),
            "back_label": _("Back to this tag's stories"),
        }
