from django.contrib.auth import views as auth_views
from django.urls import path

from portal import views

app_name = "portal"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("password/reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="portal/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="portal/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path("autocomplete/people/", views.autocomplete_people, name="autocomplete_people"),
    path("autocomplete/projects/", views.autocomplete_projects, name="autocomplete_projects"),
    path("stories/new/", views.story_create, name="story_create"),
    path("stories/<int:pk>/", views.story_detail, name="story_detail"),
    path("stories/<int:pk>/edit/", views.story_edit, name="story_edit"),
    path("stories/<int:pk>/delete/", views.story_delete, name="story_delete"),
    path("stories/<int:pk>/images/", views.story_image_upload, name="story_image_upload"),
    path("stories/<int:pk>/preview/", views.story_preview, name="story_preview"),
    path("stories/<int:pk>/submit/", views.story_submit, name="story_submit"),
    path("stories/<int:pk>/review-links/", views.review_link_create, name="review_link_create"),
    path(
        "stories/<int:pk>/review-links/<int:link_pk>/revoke/",
        views.review_link_revoke,
        name="review_link_revoke",
    ),
    path("review/<str:token>/", views.review, name="review"),
]
