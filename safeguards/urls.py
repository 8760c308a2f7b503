from django.contrib.auth import views as auth_views
from django.urls import path

from safeguards import views

app_name = "safeguards"

urlpatterns = [
    path("privacy/", views.PrivacyView.as_view(), name="privacy"),
    path(
        "account/login/",
        auth_views.LoginView.as_view(template_name="safeguards/login.html"),
        name="login",
    ),
    path("account/logout/", auth_views.LogoutView.as_view(next_page="home"), name="logout"),
    path("account/privacy/", views.account_privacy, name="account_privacy"),
    path("account/privacy/download/", views.account_data_download, name="account_data_download"),
    path("account/privacy/delete/", views.account_deletion_request, name="account_deletion"),
]
