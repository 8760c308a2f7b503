from django.urls import path

from privacy import views

app_name = "privacy"

urlpatterns = [
    path("privacy/", views.PrivacyView.as_view(), name="privacy"),
    path("account/privacy/", views.account_privacy, name="account_privacy"),
    path("account/privacy/download/", views.account_data_download, name="account_data_download"),
    path("account/privacy/delete/", views.account_deletion_request, name="account_deletion"),
]
