from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from opendata.views import CSV_VIEWS, LIST_VIEWS

app_name = "opendata"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
]
for name, (view, _summary, _filters) in LIST_VIEWS.items():
    urlpatterns += [
        path(f"{name}/", view.as_view(), name=name),
        path(f"{name}.csv", CSV_VIEWS[name].as_view(), name=f"{name}_csv"),
    ]
