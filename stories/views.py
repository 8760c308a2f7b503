from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView

from cities.models import City, Region
from projects.models import Person, ResearchProject
from stories.filters import StoryFilter
from stories.models import Story, StoryKind, StoryPerson
from wecitizens.models import Tag
from wecitizens.views import BoundedPaginationMixin, PublishedObjectMixin


class StoryListView(BoundedPaginationMixin, ListView):
    """Published stories, newest first, narrowed by the filters in the URL (see StoryFilter)."""

    template_name = "stories/story_list.html"
    context_object_name = "stories"
    paginate_by = 12

    def get_queryset(self):
        stories = Story.objects.published().for_cards()
        self.filterset = StoryFilter(self.request.GET, queryset=stories, request=self.request)
        # Invalid values are dropped by the filter set, not answered with an empty list.
        return self.filterset.qs.newest_first()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        published = Story.objects.published()
        active = self.filterset.active
        context.update(
            filters=active,
            filter_cities=City.objects.published().order_by_name(),
            regions=Region.choices,
            kinds=StoryKind.choices,
            years=[
                moment.year
                for moment in published.filter(published_at__isnull=False).datetimes(
                    "published_at", "year", order="DESC"
                )
            ],
            filter_people=Person.objects.published()
            .filter(stories__in=published)
            .distinct()
            .order_by_name(),
            is_filtered=bool(active),
        )
        return context


class StoryDetailView(PublishedObjectMixin, DetailView):
    template_name = "stories/story_detail.html"
    context_object_name = "story"
    queryset = Story.objects.select_related("city").prefetch_related(
        Prefetch("featured_people", StoryPerson.objects.select_related("person")), "tags"
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        story = self.object
        context["projects"] = story.projects.published().select_related("city")
        context["related_stories"] = self.related_stories(story)
        return context

    def related_stories(self, story, limit=3):
        """Other stories from the same city or sharing a tag, newest first.

        The newest few of each kind are picked apart, each along an index, then merged: one
        query with an OR across both joins had to gather every match first (0.3 s at 100,000
        stories).
        """
        others = Story.objects.published().exclude(pk=story.pk).newest_first()
        candidates = []
        if story.city_id:
            candidates += others.filter(city_id=story.city_id).values_list("pk", flat=True)[:limit]
        tag_ids = [tag.pk for tag in story.tags.all()]
        if tag_ids:
            candidates += others.filter(tags__in=tag_ids).values_list("pk", flat=True)[:limit]
        if not candidates:
            return Story.objects.none()
        return Story.objects.filter(pk__in=candidates).for_cards().newest_first()[:limit]

    def object_is_public(self, story):
        return story.is_public


class TagDetailView(BoundedPaginationMixin, ListView):
    template_name = "stories/tag_detail.html"
    context_object_name = "stories"
    paginate_by = 12

    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return Story.objects.published().filter(tags=self.tag).for_cards().newest_first()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["tag"] = self.tag
        context["projects"] = (
            ResearchProject.objects.published().filter(tags=self.tag).select_related("city")
        )
        return context
