from django.urls import path

from stories import views
from tags import converters  # noqa: F401  (registers <tag_slug:>)

app_name = "stories"

urlpatterns = [
    path("stories/", views.StoryListView.as_view(), name="story_list"),
    path("stories/<slug:slug>/", views.StoryDetailView.as_view(), name="story_detail"),
    path(
        "stories/<slug:slug>/quotes/<int:number>/",
        views.StoryQuoteView.as_view(),
        name="story_quote",
    ),
    path("tags/<tag_slug:slug>/", views.TagDetailView.as_view(), name="tag_detail"),
    path("tags/<tag_slug:slug>/projects/", views.TagProjectListView.as_view(), name="tag_projects"),
]
