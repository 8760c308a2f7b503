from django.urls import path

from stories import views

app_name = "stories"

urlpatterns = [
    path("stories/", views.StoryListView.as_view(), name="story_list"),
    path("stories/<slug:slug>/", views.StoryDetailView.as_view(), name="story_detail"),
    path(
        "stories/<slug:slug>/quotes/<int:number>/",
        views.StoryQuoteView.as_view(),
        name="story_quote",
    ),
    path("tags/<slug:slug>/", views.TagDetailView.as_view(), name="tag_detail"),
    path("tags/<slug:slug>/projects/", views.TagProjectListView.as_view(), name="tag_projects"),
]
